"""My record: /me shows the week so far (or the last week's result) and deletes any check-in
of the running week; /undo withdraws the last one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core.cancel_words import is_skip, is_yes
from bot.core.textnorm import fold
from bot.services import checkins
from bot.ui import buttons, keyboards, me_view, render
from handlers import states
from handlers.commands import STEP_TEXT, command
from handlers.common import answer_button, contact_of, conversation, replace_buttons, send, today
from handlers.receipt_undo import Wording, answer_press
from handlers.receipts import reply_after_commit


async def me(update: Update, context: BotContext) -> None:
    """/me, /cuatoi."""
    t = context.t
    week = await checkins.my_week(
        context.sessions, contact_of(update).telegram_id, context.deps.editions, today(context)
    )
    if week is None:
        await send(update, t.NOT_REGISTERED, keyboards.profile_button(t))
        return
    await send(update, me_view.summary(t, week), me_view.keyboard(t, week))


UNDO_ASKED = 0  # the confirmation's one state: a typed yes or no answers it
CONFIRM_TIMEOUT = timedelta(minutes=10)
_DELETE_WORDS = frozenset({"xoa", "xoa di", "xoa luot nay", "delete", "remove", "remove it"})
_KEEP_WORDS = frozenset({"giu", "giu lai", "giu nguyen", "keep", "keep it"})


def _words(text: str) -> str:
    return " ".join(fold(text).split())


def says_delete(text: str) -> bool:
    """ "có", "ok", "xóa đi": yes to a deletion waiting for its confirmation."""
    return is_yes(text) or _words(text) in _DELETE_WORDS


def says_keep(text: str) -> bool:
    """ "không", "ko", "giữ lại": no to it."""
    return is_skip(text) or _words(text) in _KEEP_WORDS


class _YesNo(filters.MessageFilter):
    """A typed yes or no: the only text a confirmation reads; any other text goes on to the
    handlers after it (a question is still answered)."""

    def filter(self, message: Message) -> bool:
        return message.text is not None and (says_delete(message.text) or says_keep(message.text))


YES_NO = STEP_TEXT & _YesNo()


async def undo(update: Update, context: BotContext) -> int:
    """/undo, /hoantac: show the last check-in with a confirm button; a typed "có" or
    "không" answers it too (undo_typed)."""
    t = context.t
    last = await checkins.last(context.sessions, contact_of(update).telegram_id)
    if last is None:
        await send(update, t.UNDO_NOTHING)
        return ConversationHandler.END
    text = t.UNDO_CONFIRM.format(details=render.checkin_details(t, last))
    await send(update, text, keyboards.undo(t, last.id))
    assert context.user_data is not None
    context.user_data[states.UNDO_SHOWN] = last.id
    return UNDO_ASKED


async def undo_button(update: Update, context: BotContext) -> int:
    """Confirm (undo:<id>) or keep (undo:keep). Only the owner's own check-in can go."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await answer_button(update)
    if query.data == keyboards.UNDO_KEEP:
        return await _undo_answer(update, context, None)
    button = buttons.Undo.unpack(query.data)
    if button is None:  # not a button the bot made
        await replace_buttons(update, context.t.EXPIRED_BUTTON)
        return ConversationHandler.END
    return await _undo_answer(update, context, button.checkin_id)


async def undo_typed(update: Update, context: BotContext) -> int:
    """Typed while /undo waits (only YES_NO gets here): "có", "xóa" delete the check-in
    shown, "không", "giữ lại" keep it."""
    message = update.effective_message
    assert message is not None and message.text is not None and context.user_data is not None
    shown = context.user_data.get(states.UNDO_SHOWN)
    if says_delete(message.text) and isinstance(shown, int):
        return await _undo_answer(update, context, shown)
    if says_keep(message.text):
        return await _undo_answer(update, context, None)
    await send(update, context.t.UNDO_PRESS)  # the check-in shown was forgotten (a new flow)
    return ConversationHandler.END


async def _undo_answer(update: Update, context: BotContext, checkin_id: int | None) -> int:
    """Withdraw `checkin_id` (the owner's own only), or keep it (None)."""
    t = context.t
    if context.user_data is not None:
        context.user_data.pop(states.UNDO_SHOWN, None)
    if checkin_id is None:
        await replace_buttons(update, t.UNDO_KEPT)
        return ConversationHandler.END
    removed = await checkins.undo(
        context.sessions, contact_of(update).telegram_id, checkin_id, context.clock.now()
    )
    if removed is None:
        await reply_after_commit(update, context, t.UNDO_GONE)
    else:
        details = render.checkin_details(t, removed)
        text, markup = t.UNDONE.format(details=details), keyboards.after_undo(t)
        await reply_after_commit(update, context, text, markup)
    return ConversationHandler.END


def _undo_confirmation() -> ConversationHandler[BotContext]:
    """/undo and its answer: the buttons, or a typed "có" / "không" while it waits."""
    return conversation(
        entry_points=[command("undo", undo)],
        states={
            UNDO_ASKED: [
                CallbackQueryHandler(undo_button, pattern=buttons.Undo.pattern()),
                MessageHandler(YES_NO, undo_typed),
            ]
        },
        fallbacks=[],
        allow_reentry=True,
        conversation_timeout=CONFIRM_TIMEOUT,
        name="undo_confirmation",
        persistent=True,
    )


# /me's 🗑 buttons: the receipt's Hoàn tác answer, in /me's words.
ENTRY = Wording(
    confirm=lambda t: t.ME_DELETE_CONFIRM,
    deleted=lambda t: t.ME_DELETED,
    closed=lambda t: t.ME_DELETE_CLOSED,
    gone=lambda t: t.ME_DELETE_GONE,
    confirm_markup=me_view.confirm,
)


async def entry_button(update: Update, context: BotContext) -> None:
    """A delete button under /me (mine:ask:<id>), its confirmation (mine:yes:<id>) or keep
    (mine:keep:<id>). The service checks ownership and the running week at the press."""
    query = update.callback_query
    assert query is not None
    t = context.t
    await answer_button(update)
    button = buttons.MyEntry.unpack(query.data)
    if button is None:  # not a button the bot made
        await replace_buttons(update, t.EXPIRED_BUTTON)
        return
    if button.action == "keep":
        await replace_buttons(update, t.UNDO_KEPT)
        return
    await answer_press(update, context, button.checkin_id, button.action == "yes", ENTRY)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("me", me),
        _undo_confirmation(),
        # Its buttons work outside the confirmation too: after its timeout or a restart.
        CallbackQueryHandler(undo_button, pattern=buttons.Undo.pattern()),
        CallbackQueryHandler(entry_button, pattern=buttons.MyEntry.pattern()),
    ]
