"""Receipts that Telegram would not take now: queued in the outbox as notices."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from db.queries import outbox
from db.session import Sessions


async def queue_receipt(
    sessions: Sessions,
    chat_id: int,
    key: str,
    chunks: list[str],
    markup: dict[str, Any] | None,
    language: str | None,
    now: datetime,
) -> None:
    """Queue a receipt's chunks under `key` in one transaction; the markup goes under the
    last. A key already queued (a redelivered update) queues nothing new."""
    async with sessions() as session, session.begin():
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await outbox.queue_notice(
                session, chat_id, f"{key}:{index}", chunk, markup if last else None, language, now
            )
