"""Updates the bot does not act on, answered politely, and the error handler."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.ops import alerts
from handlers.commands import EVERY_COMMAND, GROUPS, PRIVATE, command
from handlers.common import answer_button, send

log = logging.getLogger(__name__)


async def private_only(update: Update, context: BotContext) -> None:
    """One of our commands in a group: personal data stays in private chats."""
    await send(update, context.t.PRIVATE_ONLY)


async def edited(update: Update, context: BotContext) -> None:
    """An edited message never changes stored data; say how to fix a check-in instead."""
    await send(update, context.t.EDITED)


async def non_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice…: the bot reads text only."""
    await send(update, context.t.NON_TEXT)


async def cancel_outside_flow(update: Update, context: BotContext) -> None:
    await send(update, context.t.NOTHING_TO_CANCEL)


async def expired_button(update: Update, context: BotContext) -> None:
    """A button from a finished conversation or an old message: say so, change nothing."""
    await answer_button(update, context.t.EXPIRED_BUTTON)


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure and tell the user their data is unchanged (writes roll back)."""
    log.error("update handling failed", exc_info=context.error)
    await alerts.report_error(context)  # metrics, and admins at most once per kind per 10 min
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await send(update, context.t.ERROR)
        except Exception:  # the error may be Telegram itself being unreachable
            log.warning("could not tell the user about the error", exc_info=True)


# What the bot does not act on; registered after every feature, so each only catches what
# nothing else took.
def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("cancel", cancel_outside_flow),  # the flows take /cancel while they are open
        # Any of our commands in a group gets a pointer to the private chat (after /remind's
        # group form, which organisers use to subscribe a group).
        CommandHandler(EVERY_COMMAND, private_only, filters=GROUPS),
        MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE, edited),
        MessageHandler(PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, non_text),
        CallbackQueryHandler(expired_button),  # every button no feature recognised
    ]
