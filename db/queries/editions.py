"""The editions table: one row per year, the edition's fields as JSON (flat functions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import EditionRecord


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


async def last_change(session: AsyncSession) -> datetime | None:
    """When any edition last changed (replicas compare it to know when to reload)."""
    return await session.scalar(select(func.max(EditionRecord.updated_at)))


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
        session.add(
            EditionRecord(
                year=year, data=data, origin=origin, created_at=now, updated_at=now, updated_by=by
            )
        )
        return True
    record.data = data
    record.origin = origin
    record.updated_at = now
    record.updated_by = by
    return False
