"""The registration + check-in conversation, built from the profile and checkin steps."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.ui import buttons, keyboards
from handlers import checkin, consent, profile, states
from handlers.commands import PRIVATE, TEXT, command
from handlers.common import answer_button, conversation, replace_buttons, send

FLOW_TIMEOUT = timedelta(minutes=15)


async def cancel(update: Update, context: BotContext) -> int:
    """The cancel button or /cancel: drop the half-finished flow, store nothing."""
    await answer_button(update)
    states.clear_flow(context.user_data)
    await replace_buttons(update, context.t.CANCELLED)
    return ConversationHandler.END


async def expect_text(update: Update, context: BotContext) -> None:
    """A sticker or photo in the middle of the flow: ask again, keep the state."""
    await send(update, context.t.NON_TEXT)


def build_flow() -> ConversationHandler[BotContext]:
    """One conversation so that /checkin can detour through registration and come back."""
    return conversation(
        entry_points=[
            command("profile", profile.start),
            command("checkin", checkin.start),
            CallbackQueryHandler(checkin.start, pattern=f"^{keyboards.MENU_CHECKIN}$"),
            # The notice's buttons also work after a restart forgot the flow's state.
            CallbackQueryHandler(consent.agree, pattern=f"^{keyboards.CONSENT_YES}$"),
            CallbackQueryHandler(consent.decline, pattern=f"^{keyboards.CONSENT_NO}$"),
            CallbackQueryHandler(consent.back, pattern=f"^{keyboards.CONSENT_BACK}$"),
        ],
        states={
            states.CONSENT: [
                CallbackQueryHandler(consent.agree, pattern=f"^{keyboards.CONSENT_YES}$"),
                CallbackQueryHandler(consent.decline, pattern=f"^{keyboards.CONSENT_NO}$"),
                CallbackQueryHandler(consent.back, pattern=f"^{keyboards.CONSENT_BACK}$"),
                MessageHandler(TEXT, consent.waiting),
            ],
            states.NAME: [MessageHandler(TEXT, profile.name_text)],
            states.UNIT: [
                MessageHandler(TEXT, profile.unit_text),
                CallbackQueryHandler(profile.unit_button, pattern=buttons.UnitChoice.pattern()),
            ],
            states.DURATION: [
                MessageHandler(TEXT, checkin.duration_text),
                CallbackQueryHandler(checkin.duration_button, pattern=buttons.Duration.pattern()),
            ],
            states.ACTIVITY: [
                MessageHandler(TEXT, checkin.activity_text),
                CallbackQueryHandler(checkin.activity_button, pattern=buttons.Activity.pattern()),
            ],
            states.NOTE: [
                MessageHandler(TEXT, checkin.note_text),
                CallbackQueryHandler(checkin.note_skip, pattern=f"^{keyboards.SKIP_NOTE}$"),
            ],
        },
        fallbacks=[
            command("cancel", cancel),
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
