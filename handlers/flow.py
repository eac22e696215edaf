"""The registration + check-in conversation, built from the profile and checkin steps."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core.cancel_words import is_skip, is_yes
from bot.ui import buttons, keyboards, unit_keyboards
from handlers import checkin, consent, invite, me, privacy, profile, states
from handlers.commands import CANCEL_TEXT, PRIVATE, STEP_TEXT, command
from handlers.common import answer_button, conversation, replace_buttons, send

FLOW_TIMEOUT = timedelta(minutes=15)


async def cancel(update: Update, context: BotContext) -> int:
    """The cancel button, /cancel, /huy or a typed "hủy": drop the half-finished flow, store
    nothing and delete nothing."""
    await answer_button(update)
    states.clear_flow(context.user_data)
    await replace_buttons(update, context.t.CANCELLED)
    return ConversationHandler.END


async def profile_button(update: Update, context: BotContext) -> int:
    """The "📝 Hồ sơ" button (a typed "đăng ký", /start register): the form, step by step."""
    await answer_button(update)
    context.args = []
    return await profile.start(update, context)


def _deep_link(payload: str, callback: Any) -> CommandHandler[BotContext, Any]:
    """t.me/<bot>?start=<payload> arrives as "/start <payload>": it enters the flow here, at
    the step it names, rather than the greeting (handlers/start.py reads the other payloads)."""

    async def enter(update: Update, context: BotContext) -> int:
        context.args = []  # the payload is not a one-line form
        return int(await callback(update, context))

    pattern = filters.Regex(rf"^/start(@\w+)?\s+{payload}\s*$")
    return CommandHandler("start", enter, filters=PRIVATE & pattern)


async def expect_text(update: Update, context: BotContext) -> None:
    """A sticker or photo in the middle of the flow: ask again, keep the state."""
    await send(update, context.t.NON_TEXT)


async def again_yes(update: Update, context: BotContext) -> int:
    """ "Ghi thêm": the person means a second check-in of the same minutes; store it."""
    await answer_button(update)
    pending = (context.user_data or {}).get(states.AGAIN_PENDING)
    if not isinstance(pending, states.PendingCheckin):
        await replace_buttons(update, context.t.EXPIRED_BUTTON)
        return ConversationHandler.END
    return await checkin.save(update, context, replace(pending, again=True))


async def again_typed(update: Update, context: BotContext) -> int:
    """A typed answer to "Ghi thêm lượt nữa?": "có" stores it, "không" does not; anything
    else asks for the buttons again."""
    message = update.effective_message
    assert message is not None and message.text is not None
    if is_yes(message.text):
        return await again_yes(update, context)
    if is_skip(message.text):
        return await again_no(update, context)
    await send(update, context.t.AGAIN_PRESS, keyboards.again(context.t))
    return states.AGAIN


async def again_no(update: Update, context: BotContext) -> int:
    """ "Không": a double tap; nothing more is stored."""
    await answer_button(update)
    states.clear_flow(context.user_data)
    await replace_buttons(update, context.t.AGAIN_NOT_SAVED)
    return ConversationHandler.END


async def undo_instead(update: Update, context: BotContext) -> int:
    """/undo while the flow waits: its draft is dropped (nothing stored) and its question
    becomes /undo's, so a typed "có" deletes the check-in shown; it never answers a pending
    "Ghi thêm?" by storing one."""
    states.clear_flow(context.user_data)
    asked = await me.undo(update, context)
    return states.UNDO if asked == me.UNDO_ASKED else ConversationHandler.END


async def erase_instead(update: Update, context: BotContext) -> int:
    """/deletemydata while the flow waits: the flow ends (nothing stored) and the erasure's
    question is shown; its button confirms (a typed "có" never erases)."""
    states.clear_flow(context.user_data)
    await privacy.delete_my_data(update, context)
    return ConversationHandler.END


def build_flow() -> ConversationHandler[BotContext]:
    """One conversation so that /checkin can detour through registration and come back."""
    return conversation(
        entry_points=[
            command("profile", profile.start),
            command("checkin", checkin.start),
            CallbackQueryHandler(checkin.start, pattern=f"^{keyboards.MENU_CHECKIN}$"),
            CallbackQueryHandler(profile_button, pattern=f"^{keyboards.MENU_PROFILE}$"),
            _deep_link("checkin", checkin.start),
            _deep_link("register", profile.start),
            # A unit's invite link (t.me/<bot>?start=u-<code>): registration into that unit.
            CommandHandler("start", invite.open_unit_link, filters=PRIVATE & invite.UNIT_LINK),
            # The notice's buttons also work after a restart forgot the flow's state.
            CallbackQueryHandler(consent.agree, pattern=f"^{keyboards.CONSENT_YES}$"),
            CallbackQueryHandler(consent.decline, pattern=f"^{keyboards.CONSENT_NO}$"),
            CallbackQueryHandler(consent.back, pattern=f"^{keyboards.CONSENT_BACK}$"),
            # "Ghi thêm?" asked after a sentence ("điểm danh 45p đọc sách") outside the flow:
            # its draft waits in user_data, and its buttons enter the flow to answer it.
            CallbackQueryHandler(again_yes, pattern=f"^{keyboards.AGAIN_YES}$"),
            CallbackQueryHandler(again_no, pattern=f"^{keyboards.AGAIN_NO}$"),
        ],
        states={
            states.CONSENT: [
                CallbackQueryHandler(consent.agree, pattern=f"^{keyboards.CONSENT_YES}$"),
                CallbackQueryHandler(consent.decline, pattern=f"^{keyboards.CONSENT_NO}$"),
                CallbackQueryHandler(consent.back, pattern=f"^{keyboards.CONSENT_BACK}$"),
                MessageHandler(STEP_TEXT, consent.waiting),
            ],
            states.NAME: [MessageHandler(STEP_TEXT, profile.name_text)],
            states.UNIT: [
                MessageHandler(STEP_TEXT, profile.unit_text),
                CallbackQueryHandler(profile.unit_button, pattern=buttons.UnitChoice.pattern()),
                CallbackQueryHandler(profile.unit_button, pattern=buttons.UnitSure.pattern()),
                CallbackQueryHandler(profile.unit_page, pattern=buttons.UnitPage.pattern()),
                CallbackQueryHandler(profile.unit_new, pattern=f"^{unit_keyboards.UNIT_NEW}$"),
            ],
            states.DURATION: [
                MessageHandler(STEP_TEXT, checkin.duration_text),
                CallbackQueryHandler(checkin.duration_button, pattern=buttons.Duration.pattern()),
            ],
            states.ACTIVITY: [
                MessageHandler(STEP_TEXT, checkin.activity_text),
                CallbackQueryHandler(checkin.activity_button, pattern=buttons.Activity.pattern()),
            ],
            states.AGAIN: [
                CallbackQueryHandler(again_yes, pattern=f"^{keyboards.AGAIN_YES}$"),
                CallbackQueryHandler(again_no, pattern=f"^{keyboards.AGAIN_NO}$"),
                MessageHandler(STEP_TEXT, again_typed),
            ],
            states.UNDO: [
                CallbackQueryHandler(me.undo_button, pattern=buttons.Undo.pattern()),
                MessageHandler(me.YES_NO, me.undo_typed),
            ],
            states.NOTE: [
                MessageHandler(STEP_TEXT, checkin.note_text),
                CallbackQueryHandler(checkin.note_skip, pattern=f"^{keyboards.SKIP_NOTE}$"),
            ],
        },
        fallbacks=[
            # /cancel, /huy, and "hủy", "thôi", "dừng"… typed at any step: stop, delete nothing.
            command("cancel", cancel),
            command("undo", undo_instead),
            command("deletemydata", erase_instead),
            MessageHandler(CANCEL_TEXT, cancel),
            CallbackQueryHandler(cancel, pattern=f"^{keyboards.CANCEL}$"),
            MessageHandler(PRIVATE & ~filters.TEXT, expect_text),
        ],
        allow_reentry=True,
        conversation_timeout=FLOW_TIMEOUT,
        name="registration_and_checkin",
        persistent=True,  # kept in the database across restarts (bot/transport/persistence.py)
    )


# One conversation owns the text typed while it waits: registered before every other handler.
def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [build_flow()]
