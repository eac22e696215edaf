"""Usernames kept current from every update, so that "@name" means today's holder.

Runs before every other handler (group -1). A process remembers what it last confirmed for
each sender and looks again only when the username differs or RECHECK has passed (another
replica may have changed the row meanwhile), so the hot path costs a dictionary lookup.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, TypeHandler

from bot.context import BotContext
from bot.services import identity as service

SEEN_KEY = "usernames_seen"
RECHECK = timedelta(hours=1)
MAX_REMEMBERED = 200_000  # senders remembered per process before starting afresh


def _seen(context: BotContext) -> dict[int, tuple[str | None, datetime]]:
    seen = context.bot_data.setdefault(SEEN_KEY, {})
    assert isinstance(seen, dict)
    return seen


async def note_sender(update: Update, context: BotContext) -> None:
    """Record the sender's current username (and clear it from anyone who held it before)."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    seen = _seen(context)
    name, now = service.normalise(user.username), context.clock.now()
    last = seen.get(user.id)
    if last is not None and last[0] == name and now - last[1] < RECHECK:
        return
    if not await service.note_sender(context.sessions, user.id, name, now):
        return  # the update itself is still handled; the next one from this sender tries again
    if len(seen) >= MAX_REMEMBERED:
        seen.clear()
    seen[user.id] = (name, now)


def forget(context: BotContext, telegram_id: int) -> None:
    """Drop what this process remembers about a sender (their data was erased)."""
    _seen(context).pop(telegram_id, None)


# A group of its own (bot/app.py): in a group only the first matching handler runs, and this
# one matches every update.
def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [TypeHandler(Update, note_sender)]
