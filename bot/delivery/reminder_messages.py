"""A planned reminder's message: the person's figures read first, then the text built."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot.context import Deps
from bot.services import reminders
from bot.ui import reminder_texts
from db.queries.outbox import Claimed


async def render(
    deps: Deps, row: Claimed, bot_username: str = ""
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Text and buttons for one outbox row of kind "reminder" (`bot_username` links a group
    to the private chat)."""
    summary = None
    edition = deps.editions.get(int(row.payload["year"]))
    if edition is not None and row.user_id is not None and reminder_texts.needs_summary(row):
        today = date.fromisoformat(row.payload["day"])
        summary = await reminders.summary(deps.sessions, row.user_id, edition, today)
    return reminder_texts.render(row, deps.editions, deps.reminders, summary, bot_username)
