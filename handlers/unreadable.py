"""Updates carrying text no encoder accepts (lone UTF-16 surrogates) stop before any handler.

Telegram itself never sends them, but a JSON body can spell one ("\\ud800"): stored, it makes
the database driver fail; echoed, it makes the reply fail. One check here, ahead of every
handler, answers with a clear message instead of the generic error, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, BaseHandler, TypeHandler

from bot.context import BotContext
from bot.core.textnorm import has_lone_surrogates
from handlers.common import send


def _strings(update: Update) -> Iterator[str | None]:
    """Every piece of text of the update that a handler may store, compare or echo."""
    message = update.message or update.edited_message
    if message is not None:
        yield message.text
        yield message.caption
    if update.callback_query is not None:
        yield update.callback_query.data
    user, chat = update.effective_user, update.effective_chat
    if user is not None:
        yield from (user.first_name, user.last_name, user.username, user.language_code)
    if chat is not None:
        yield chat.title


def is_unreadable(update: Update) -> bool:
    return any(text and has_lone_surrogates(text) for text in _strings(update))


async def stop_unreadable(update: object, context: BotContext) -> None:
    """Group -1: let readable updates through, answer the others and stop them there."""
    if not isinstance(update, Update) or not is_unreadable(update):
        return
    text = context.t.UNREADABLE_TEXT
    if update.callback_query is not None:
        await update.callback_query.answer(text[:200])
    elif update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE:
        await send(update, text)
    raise ApplicationHandlerStop


# Registered in a group of its own that runs before every other (bot/app.py).
def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [TypeHandler(Update, stop_unreadable)]
