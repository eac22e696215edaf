"""Conversation states and flow drafts kept across restarts (bot/transport/persistence.py).

A row is a conversation's step (`state`) under the conversation's name, or a person's flow
draft (`draft`) under DRAFT. Rows are live while the flow may still go on: a row written
less than the conversations' timeout ago, and a draft whose person has such a row. Older
rows would resurrect a flow the person left long ago: they are purged, never loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, not_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConversationState
from db.session import upsert_insert

DRAFT = "~draft"  # the name of draft rows: no conversation is called that


@dataclass(frozen=True, slots=True)
class Stored:
    """One row: a conversation's state or a draft; both None means "delete the row"."""

    name: str
    key: str
    user_id: int | None
    state: Any = None
    draft: dict[str, Any] | None = None


async def purge_stale(session: AsyncSession, before: datetime) -> int:
    """Delete rows last written at or before `before` (a draft stays while its person has a
    newer row: the step is still open); returns how many."""
    table = ConversationState
    active = select(table.user_id).where(table.updated_at > before, table.user_id.is_not(None))
    kept_draft = and_(table.name == DRAFT, table.user_id.in_(active))
    result = await session.execute(
        delete(table).where(table.updated_at <= before, not_(kept_draft))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def live(session: AsyncSession, before: datetime) -> list[tuple[Stored, datetime]]:
    """Purge what is stale, then every remaining row with the time it was written."""
    await purge_stale(session, before)
    rows = await session.scalars(select(ConversationState))
    return [(Stored(r.name, r.key, r.user_id, r.state, r.draft), r.updated_at) for r in rows]


async def save(session: AsyncSession, changes: Sequence[Stored], now: datetime) -> None:
    """Write the changes: upsert a row with a state or a draft, delete one with neither."""
    insert = upsert_insert(session)
    table = ConversationState
    for change in changes:
        where = (table.name == change.name) & (table.key == change.key)
        if change.state is None and change.draft is None:
            await session.execute(delete(table).where(where))
            continue
        values = {
            "user_id": change.user_id,
            "state": change.state,
            "draft": change.draft,
            "updated_at": now,
        }
        statement = insert(table).values(name=change.name, key=change.key, **values)
        await session.execute(
            statement.on_conflict_do_update(index_elements=["name", "key"], set_=values)
        )


async def forget_users(session: AsyncSession, ids: Iterable[int]) -> None:
    """Delete every row of these people (erasure)."""
    wanted = list(ids)
    if wanted:
        table = ConversationState
        await session.execute(delete(table).where(table.user_id.in_(wanted)))
