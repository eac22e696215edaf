"""The organiser's live progress message for a running broadcast, and its final report."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import Deps
from bot.ui import keyboards
from bot.ui.render import progress_text
from bot.ui.texts import for_language
from db.queries import broadcasts

log = logging.getLogger(__name__)

MIN_INTERVAL = timedelta(seconds=3)  # Telegram allows about one edit per second per chat


async def adopt(
    sessions: async_sessionmaker[AsyncSession], broadcast_id: int, message_id: int
) -> None:
    """The organiser's confirmation, once shown, becomes the live progress message (which
    `refresh` edits): record which message it is."""
    async with sessions() as session, session.begin():
        await broadcasts.set_progress_message(session, broadcast_id, message_id)


async def refresh(deps: Deps, bot: Bot, *, force: bool = False) -> None:
    """Edit each running broadcast's progress message (at most every few seconds)."""
    async with deps.sessions() as session:
        running = await broadcasts.sending(session)
        tallies = {info.id: await broadcasts.tally(session, info.id) for info in running}
        languages = {
            i.id: await broadcasts.creator_language(session, i.created_by) for i in running
        }
    now = deps.clock.now()
    for info in running:
        tally = tallies[info.id]
        finished = tally.pending == 0
        recent = info.progress_at is not None and now - info.progress_at < MIN_INTERVAL
        if recent and not finished and not force:
            continue
        doubt = 0
        if finished:
            async with deps.sessions() as session:
                doubt = await broadcasts.in_doubt(session, info.id)
        shown, message_id = await _show(bot, info, tally, finished, languages[info.id], doubt)
        # A final report Telegram did not take stays due: the broadcast is marked finished
        # only once the organiser has it (and its resend button), at a later pass if need be.
        async with deps.sessions() as session, session.begin():
            await broadcasts.mark_progress(session, info.id, now, message_id, finished and shown)


async def _show(
    bot: Bot,
    info: broadcasts.Info,
    tally: broadcasts.Tally,
    finished: bool,
    language: str | None,
    doubt: int,
) -> tuple[bool, int | None]:
    """Edit the progress message in place; send a new one if it cannot be edited.

    Returns whether it is settled (shown, or nobody to show it to) and the new message's id.

    Running: a Stop button. Finished with recipients in doubt: a button to resend to them.
    """
    t = for_language(language)
    text = progress_text(t, info, tally)
    markup = None if finished else keyboards.broadcast_stop(t, info.id)
    if finished and doubt:
        markup = keyboards.broadcast_resend(t, info.id, doubt)
    try:
        if info.progress_message_id is not None:
            await bot.edit_message_text(
                text,
                chat_id=info.progress_chat_id,
                message_id=info.progress_message_id,
                reply_markup=markup,
            )
            return True, None
        message = await bot.send_message(info.progress_chat_id, text, reply_markup=markup)
        return True, message.message_id
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return True, None
        message = await bot.send_message(info.progress_chat_id, text, reply_markup=markup)
        return True, message.message_id
    except Forbidden:
        return True, None  # the organiser blocked the bot; the broadcast itself goes on
    except TelegramError as exc:  # Telegram unreachable or busy: the next refresh tries again
        log.warning("progress message not updated: %s", type(exc).__name__)
        return False, None
