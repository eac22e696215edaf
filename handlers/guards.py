"""Updates the bot does not act on, answered politely, and the error handler."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.ops import alerts
from bot.services.access import current_role
from bot.ui import keyboards, render
from handlers.commands import (
    EVERY_COMMAND,
    GROUPS,
    KEY_OF,
    PRIVATE,
    START_PAYLOADS,
    closest_command,
    command,
)
from handlers.common import answer_button, send

log = logging.getLogger(__name__)


def _command_word(update: Update) -> tuple[str, str]:
    """("diemdnah", "hoctapsuotdoi_bot") from "/diemdnah@hoctapsuotdoi_bot 45"."""
    message = update.effective_message
    word = (message.text or "").split(maxsplit=1)[0] if message and message.text else "/"
    name, _, addressee = word[1:].partition("@")
    return name, addressee


def _to_private(context: BotContext, key: str | None) -> InlineKeyboardMarkup:
    """The button to the private chat, opening what the command asked for there."""
    payload = START_PAYLOADS.get(key) if key else None
    return keyboards.open_private(context.t, context.bot.username, payload)


async def private_only(update: Update, context: BotContext) -> None:
    """One of our commands in a group: personal data stays in private chats; one button
    opens the private chat at what was asked for (/diemdanh: the check-in)."""
    name, _ = _command_word(update)
    await send(update, context.t.PRIVATE_ONLY, _to_private(context, KEY_OF.get(name.lower())))


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have: in a private chat (or addressed to the bot in a
    group), say so and point to /help, naming the closest command if it looks like a typo.
    Commands for other bots, and unaddressed ones in groups, stay unanswered."""
    chat, user = update.effective_chat, update.effective_user
    name, addressee = _command_word(update)
    ours = addressee.lower() == (context.bot.username or "").lower()
    private = chat is not None and chat.type == ChatType.PRIVATE
    if user is None or not (ours or (private and not addressee)):
        return
    role = await current_role(context.sessions, user.id, context.deps.settings.admin_ids)
    closest = closest_command(name, role)
    t, shown = context.t, render.echo(name, limit=32)
    if closest is not None:
        text = t.UNKNOWN_COMMAND_CLOSEST.format(name=shown, closest=closest)
    else:
        text = t.UNKNOWN_COMMAND.format(name=shown)
    await send(update, text, None if private else _to_private(context, None))


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
        MessageHandler(filters.COMMAND & (PRIVATE | GROUPS), unknown_command),
        MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE, edited),
        MessageHandler(PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, non_text),
        CallbackQueryHandler(expired_button),  # every button no feature recognised
    ]
