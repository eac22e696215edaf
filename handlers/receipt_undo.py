"""The "↩️ Hoàn tác" button under a check-in's receipt: asks, then withdraws that check-in.

Its payload names the check-in (bot.ui.buttons.ReceiptUndo); the service checks that it is
the presser's own, still standing and of the running week, so a second press, a forged
payload or an old receipt changes nothing. "Giữ lại" is /undo's own UNDO_KEEP (handlers/me.py).
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.services import checkins
from bot.services.checkins import Removal
from bot.ui import buttons, keyboards, render
from handlers.common import answer_button, contact_of, replace_buttons, send
from handlers.receipts import reply_after_commit


async def pressed(update: Update, context: BotContext) -> None:
    """rundo:ask:<id> shows the check-in with a confirm button; rundo:yes:<id> withdraws it."""
    query = update.callback_query
    assert query is not None
    t = context.t
    await answer_button(update)
    button = buttons.ReceiptUndo.unpack(query.data)
    if button is None:  # not a button the bot made
        await send(update, t.EXPIRED_BUTTON)
        return
    confirmed = button.action == "yes"
    # The same rules as /me's delete buttons: one service, asked then confirmed.
    act = checkins.delete_own if confirmed else checkins.own_entry
    found = await act(
        context.sessions,
        contact_of(update).telegram_id,
        button.checkin_id,
        now=context.clock.now(),
        tz=context.clock.tz,
        editions=context.deps.editions,
    )
    if found.outcome is Removal.READY:
        assert found.checkin is not None
        text = t.RECEIPT_UNDO_CONFIRM.format(details=render.checkin_details(t, found.checkin))
        # A new message: the receipt above it stays as it was until the person confirms.
        await send(update, text, keyboards.receipt_undo(t, button.checkin_id))
    elif found.outcome is Removal.DELETED:
        assert found.checkin is not None
        details = render.checkin_details(t, found.checkin)
        text, markup = t.UNDONE.format(details=details), keyboards.after_undo(t)
        await reply_after_commit(update, context, text, markup)
    elif found.outcome is Removal.CLOSED:
        await _say(update, t.RECEIPT_UNDO_CLOSED, confirmed)
    else:
        await _say(update, t.UNDO_GONE, confirmed)


async def _say(update: Update, text: str, confirmed: bool) -> None:
    """Answer a press: on the confirmation, in its place; on the receipt, below it."""
    if confirmed:
        await replace_buttons(update, text)
    else:
        await send(update, text)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [CallbackQueryHandler(pressed, pattern=buttons.ReceiptUndo.pattern())]
