"""The organiser's live progress message for a running broadcast, and its final report."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden

from bot import keyboards
from bot.context import Deps
from bot.texts import for_language
from db.queries import broadcasts

MIN_INTERVAL = timedelta(seconds=3)  # Telegram allows about one edit per second per chat


def progress_text(language: str | None, info: broadcasts.Info, tally: broadcasts.Tally) -> str:
    t = for_language(language)
    finished = tally.pending == 0
    template = t.BC_DONE if finished else t.BC_PROGRESS
    return template.format(
        id=info.id, sent=t.fmt_number(tally.sent), total=t.fmt_number(info.total),
        failed=t.fmt_number(tally.failed), blocked=t.fmt_number(tally.blocked),
        unknown=t.fmt_number(tally.unknown), cancelled=t.fmt_number(tally.cancelled),
    )  # fmt: skip


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
        message_id = await _show(bot, info, tally, finished, languages[info.id])
        async with deps.sessions() as session, session.begin():
            await broadcasts.mark_progress(session, info.id, now, message_id, finished)


async def _show(
    bot: Bot, info: broadcasts.Info, tally: broadcasts.Tally, finished: bool,
    language: str | None,
) -> int | None:  # fmt: skip
    """Edit the progress message in place; send a new one if it cannot be edited."""
    text = progress_text(language, info, tally)
    markup = None if finished else keyboards.broadcast_stop(for_language(language), info.id)
    try:
        if info.progress_message_id is not None:
            await bot.edit_message_text(
                text, chat_id=info.progress_chat_id, message_id=info.progress_message_id,
                reply_markup=markup,
            )  # fmt: skip
            return None
        message = await bot.send_message(info.progress_chat_id, text, reply_markup=markup)
        return message.message_id
    except BadRequest as exc:
        if "not modified" in str(exc).lower():
            return None
        message = await bot.send_message(info.progress_chat_id, text, reply_markup=markup)
        return message.message_id
    except Forbidden:
        return None  # the organiser blocked the bot; the broadcast itself goes on
