"""What a Telegram update must look like before it is stored in the inbox.

Both ways in (the webhook's POST body, a getUpdates batch) store raw JSON and parse it only
when it is handled; a malformed payload stored there would fail at handling time, or, with an
`update_id` of 1e30, at the insert itself. Telegram's own updates always pass these checks.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from db.queries.inbox import chat_of

MAX_ID = 2**53 - 1  # Telegram's ids fit in 52 bits (its docs); larger is not from Telegram
KINDS = frozenset(Update.ALL_TYPES)


def problem(update: Any) -> str | None:
    """Why `update` is not a Telegram update we can store, or None if it is one."""
    if not isinstance(update, dict):
        return "not a JSON object"
    update_id = update.get("update_id")
    if not _is_id(update_id, low=0):
        return "update_id is not an integer in 0..2^53"
    kinds = [key for key in update if key in KINDS]
    if len(kinds) != 1:
        return "not exactly one known update type"
    if not isinstance(update[kinds[0]], dict):
        return f"{kinds[0]} is not a JSON object"
    try:
        chat = chat_of(update)
    except (TypeError, ValueError, AttributeError, OverflowError):
        return "chat id is not an integer"
    if not _is_id(chat, low=-MAX_ID):
        return "chat id is out of range"
    return None


def update_id_of(update: Any) -> int | None:
    """The update's id when it is a valid one (to confirm even an update we refuse)."""
    if isinstance(update, dict) and _is_id(update.get("update_id"), low=0):
        return int(update["update_id"])
    return None


def _is_id(value: Any, low: int) -> bool:
    return type(value) is int and low <= value <= MAX_ID
