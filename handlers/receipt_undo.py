"""The "↩️ Hoàn tác" button under a check-in's receipt: asks, then withdraws that check-in;
its answer (`answer_press`) also serves /me's 🗑 buttons, in their own words.

Its payload names the check-in (bot.ui.buttons.ReceiptUndo); the service checks that it is
the presser's own, still standing and of the running week, so a second press, a forged
payload or an old receipt changes nothing. "Giữ lại" is /undo's own UNDO_KEEP (handlers/me.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.services import checkins
from bot.services.checkins import Removal
from bot.ui import buttons, keyboards, render
from bot.ui.texts import Texts
from handlers.common import answer_button, contact_of, replace_buttons, send
from handlers.receipts import reply_after_commit


@dataclass(frozen=True, slots=True)
class Wording:
    """What a delete button says at each outcome (a receipt's Hoàn tác, /me's 🗑)."""

    confirm: Callable[[Texts], str]  # "Xóa lượt điểm danh này?\n{details}"
    deleted: Callable[[Texts], str]  # "{details}" removed
    closed: Callable[[Texts], str]  # of an edition that is over
    gone: Callable[[Texts], str]  # already removed, never theirs
    confirm_markup: Callable[[Texts, int], InlineKeyboardMarkup]


RECEIPT = Wording(
    confirm=lambda t: t.RECEIPT_UNDO_CONFIRM,
    deleted=lambda t: t.UNDONE,
    closed=lambda t: t.RECEIPT_UNDO_CLOSED,
    gone=lambda t: t.UNDO_GONE,
    confirm_markup=keyboards.receipt_undo,
)


async def answer_press(
    update: Update, context: BotContext, checkin_id: int, confirmed: bool, words: Wording
) -> None:
    """A delete button pressed: asked (show the check-in and a confirm button, in a new
    message) or confirmed (withdraw it, in the confirmation's place). One service and one set
    of rules for every such button: owner, edition and "still standing" checked at the press."""
    t = context.t
    act = checkins.delete_own if confirmed else checkins.own_entry
    found = await act(
        context.sessions,
        contact_of(update).telegram_id,
        checkin_id,
        now=context.clock.now(),
        tz=context.clock.tz,
        editions=context.deps.editions,
    )
    if found.outcome is Removal.READY and found.checkin is not None:
        text = words.confirm(t).format(details=render.checkin_details(t, found.checkin))
        # A new message: the one carrying the button stays as it was until the person confirms.
        await send(update, text, words.confirm_markup(t, checkin_id))
    elif found.outcome is Removal.DELETED and found.checkin is not None:
        details = render.checkin_details(t, found.checkin)
        text, markup = words.deleted(t).format(details=details), keyboards.after_undo(t)
        await reply_after_commit(update, context, text, markup)
    else:
        text = words.closed(t) if found.outcome is Removal.CLOSED else words.gone(t)
        # On the confirmation, in its place; on the message that carried the button, below it.
        await (replace_buttons(update, text) if confirmed else send(update, text))


async def pressed(update: Update, context: BotContext) -> None:
    """rundo:ask:<id> shows the check-in with a confirm button; rundo:yes:<id> withdraws it."""
    query = update.callback_query
    assert query is not None
    await answer_button(update)
    button = buttons.ReceiptUndo.unpack(query.data)
    if button is None:  # not a button the bot made
        await send(update, context.t.EXPIRED_BUTTON)
        return
    await answer_press(update, context, button.checkin_id, button.action == "yes", RECEIPT)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [CallbackQueryHandler(pressed, pattern=buttons.ReceiptUndo.pattern())]
