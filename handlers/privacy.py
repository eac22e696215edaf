"""Each official's privacy: /privacy says what is kept and why; erasure on request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.context import BotContext
from bot.services import privacy as privacy_service
from bot.ui import buttons, keyboards
from handlers import identity
from handlers.commands import command
from handlers.common import answer_button, contact_of, conversation, replace_buttons, send
from handlers.consent import controller
from handlers.me import YES_NO, says_keep
from handlers.receipts import reply_after_commit


async def privacy(update: Update, context: BotContext) -> None:
    """/privacy, /baomat: what is stored, why, who sees it, for how long; a withdraw button."""
    t = context.t
    mine = await privacy_service.summary(context.sessions, contact_of(update).telegram_id)
    consent = t.CONSENT_NONE
    if mine.consent_at is not None:
        when = t.fmt_date(mine.consent_at.astimezone(context.clock.tz).date())
        # The notice's version stays stored (it decides whether to ask again), but an id such
        # as "2026-01" next to the day someone agreed reads as a date: not shown.
        consent = t.CONSENT_ON_RECORD.format(when=when)
    text = t.PRIVACY.format(
        days=context.deps.settings.inbox_retention_days,
        consent=consent,
        controller=controller(t, context),
        how=t.PRIVACY_HOW_BUTTON if mine.known else t.PRIVACY_HOW_COMMAND,
    )
    await send(update, text, keyboards.withdraw(t) if mine.known else None)


ERASE_ASKED = 0  # the confirmation's one state: a typed yes or no answers it
CONFIRM_TIMEOUT = timedelta(minutes=10)


async def delete_my_data(update: Update, context: BotContext) -> int:
    """/deletemydata, /xoadulieu: ask for confirmation first (nothing to confirm: purge)."""
    t = context.t
    contact = contact_of(update)
    known = await privacy_service.erase_unless_known(
        context.sessions,
        contact.telegram_id,
        context.clock.now(),
        username=contact.username,
        current_update=update.update_id,
    )
    if not known:  # only raw messages were there to purge: nothing to lose
        _forget(update, context)
        await reply_after_commit(update, context, t.DELETE_NOTHING, edit=False, later=False)
        return ConversationHandler.END
    await send(update, t.DELETE_CONFIRM, keyboards.delete_confirm(t))
    return ERASE_ASKED


async def erase_typed(update: Update, context: BotContext) -> int:
    """Typed while the erasure waits (only YES_NO gets here): "không", "giữ lại" keep the
    data. A typed "có" does not erase: nothing can bring the data back, so only the button
    does, and the reply says which one."""
    message = update.effective_message
    assert message is not None and message.text is not None
    if says_keep(message.text):
        await send(update, context.t.DELETE_KEPT)
        return ConversationHandler.END
    await send(update, context.t.ERASE_PRESS_YES)
    return ERASE_ASKED


async def delete_button(update: Update, context: BotContext) -> int:
    """del:ask (from /privacy), del:yes, del:no."""
    query = update.callback_query
    assert query is not None
    t = context.t
    await answer_button(update)
    button = buttons.Delete.unpack(query.data)
    if button is not None and button.action == "ask":
        await replace_buttons(update, t.DELETE_CONFIRM, keyboards.delete_confirm(t))
        return ERASE_ASKED
    if button is None or button.action != "yes":  # "no", or not a button the bot made
        await replace_buttons(update, t.DELETE_KEPT)
        return ConversationHandler.END
    erased = await _erase(update, context)
    # Not queued for later: a notice row would keep the chat id of someone just erased.
    text = t.DELETED if erased else t.DELETE_NOTHING
    await reply_after_commit(update, context, text, later=False)
    return ConversationHandler.END


def _erase_confirmation() -> ConversationHandler[BotContext]:
    """/deletemydata (or /privacy's button) and its answer: the buttons, or a typed
    "không" while it waits."""
    ask = CallbackQueryHandler(delete_button, pattern=buttons.Delete.pattern())
    return conversation(
        entry_points=[command("deletemydata", delete_my_data), ask],
        states={ERASE_ASKED: [ask, MessageHandler(YES_NO, erase_typed)]},
        fallbacks=[],
        allow_reentry=True,
        conversation_timeout=CONFIRM_TIMEOUT,
        name="erase_confirmation",
        persistent=True,
    )


async def _erase(update: Update, context: BotContext) -> bool:
    """Erase the sender everywhere, in one transaction; True if there was a profile."""
    contact = contact_of(update)
    result = await privacy_service.erase(
        context.sessions,
        contact.telegram_id,
        context.clock.now(),
        username=contact.username,
        current_update=update.update_id,
    )
    _forget(update, context)
    return result.profile


def _forget(update: Update, context: BotContext) -> None:
    """What the process holds in memory about someone just erased goes too."""
    if context.user_data is not None:
        context.user_data.clear()
    identity.forget(context, contact_of(update).telegram_id)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("privacy", privacy),
        _erase_confirmation(),
    ]
