"""The inbox: raw updates stored before they are confirmed to Telegram, processed in order."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import InboxUpdate


async def store(session: AsyncSession, updates: list[dict[str, Any]], now: datetime) -> None:
    """Keep each update once (a redelivered update_id is ignored)."""
    if not updates:
        return
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    await session.execute(
        insert(InboxUpdate)
        .values([{"update_id": u["update_id"], "payload": u, "received_at": now} for u in updates])
        .on_conflict_do_nothing(index_elements=["update_id"])
    )


async def pending(session: AsyncSession, limit: int = 100) -> list[tuple[int, dict[str, Any]]]:
    rows = await session.execute(
        select(InboxUpdate.update_id, InboxUpdate.payload)
        .where(InboxUpdate.processed_at.is_(None))
        .order_by(InboxUpdate.update_id)
        .limit(limit)
    )
    return [(uid, dict(payload)) for uid, payload in rows]


async def mark_processed(session: AsyncSession, update_id: int, now: datetime) -> None:
    await session.execute(
        update(InboxUpdate).where(InboxUpdate.update_id == update_id).values(processed_at=now)
    )


async def next_offset(session: AsyncSession) -> int | None:
    """The getUpdates offset that confirms everything already stored."""
    newest = await session.scalar(select(func.max(InboxUpdate.update_id)))
    return None if newest is None else int(newest) + 1
