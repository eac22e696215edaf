"""The editions table: one row per year, the edition's fields as JSON (flat functions)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import EditionRecord
from db.session import upsert_insert


@dataclass(frozen=True, slots=True)
class EditionRow:
    year: int
    data: dict[str, Any]
    origin: str
    updated_at: datetime
    updated_by: int | None
    created_at: datetime


def _row(record: EditionRecord) -> EditionRow:
    return EditionRow(
        record.year,
        dict(record.data),
        record.origin,
        record.updated_at,
        record.updated_by,
        record.created_at,
    )


async def all_editions(session: AsyncSession) -> list[EditionRow]:
    """Every stored edition, newest year first."""
    records = await session.scalars(select(EditionRecord).order_by(EditionRecord.year.desc()))
    return [_row(r) for r in records]


async def edition_row(session: AsyncSession, year: int) -> EditionRow | None:
    record = await session.get(EditionRecord, year)
    return None if record is None else _row(record)


async def last_change(session: AsyncSession) -> tuple[tuple[int, datetime, str], ...] | None:
    """Every edition's year and last change, or None without any: replicas compare it to know
    when to reload. The whole list, not its latest time: a save stamped no later than the
    newest one (two replicas' clocks apart, a frozen clock) must still be seen."""
    rows = await session.execute(
        select(EditionRecord.year, EditionRecord.updated_at, EditionRecord.data).order_by(
            EditionRecord.year
        )
    )
    found = tuple(
        (year, at, json.dumps(data, sort_keys=True, ensure_ascii=False)) for year, at, data in rows
    )
    return found or None


async def put_edition(
    session: AsyncSession,
    year: int,
    data: dict[str, Any],
    *,
    origin: str,
    by: int | None,
    now: datetime,
) -> bool:
    """Insert or replace the year's edition; True if the year was new."""
    record = await session.get(EditionRecord, year, with_for_update=True)
    if record is None:
        # Two admins (or two replicas seeding at start-up) adding one new year at once: the
        # row lock above locks nothing yet, so the insert gives way on conflict and the
        # loser updates the winner's row below, instead of failing on the primary key.
        insert = upsert_insert(session)
        values = dict(
            year=year, data=data, origin=origin, created_at=now, updated_at=now, updated_by=by
        )
        result = await session.execute(
            insert(EditionRecord).values(**values).on_conflict_do_nothing(index_elements=["year"])
        )
        if result.rowcount:  # type: ignore[attr-defined]
            return True
        record = await session.get(
            EditionRecord, year, with_for_update=True, populate_existing=True
        )
        assert record is not None  # inserted by whoever won

    record.data = data
    record.origin = origin
    record.updated_at = now
    record.updated_by = by
    return False
