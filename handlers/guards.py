"""Updates the bot does not act on, answered politely, and the error handler."""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import BotContext
from bot.ops import alerts
from handlers.common import send, texts_for

log = logging.getLogger(__name__)


async def private_only(update: Update, context: BotContext) -> None:
    """One of our commands in a group: personal data stays in private chats."""
    await send(update, texts_for(update).PRIVATE_ONLY)


async def edited(update: Update, context: BotContext) -> None:
    """An edited message never changes stored data; say how to fix a check-in instead."""
    await send(update, texts_for(update).EDITED)


async def non_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice…: the bot reads text only."""
    await send(update, texts_for(update).NON_TEXT)


async def cancel_outside_flow(update: Update, context: BotContext) -> None:
    await send(update, texts_for(update).NOTHING_TO_CANCEL)


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure and tell the user their data is unchanged (writes roll back)."""
    log.error("update handling failed", exc_info=context.error)
    await alerts.report_error(context)  # metrics, and admins at most once per kind per 10 min
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await send(update, texts_for(update).ERROR)
        except Exception:  # the error may be Telegram itself being unreachable
            log.warning("could not tell the user about the error", exc_info=True)
