"""What the edition's check-ins were about: counts and minutes per activity kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Checkin


@dataclass(frozen=True, slots=True)
class ActivityRow:
    activity: str  # the kind's key ("reading", "course", ...), as stored
    checkins: int
    minutes: int


async def activity_counts(session: AsyncSession, start: date, end: date) -> list[ActivityRow]:
    """Every kind studied in start..end (check-ins not undone), most check-ins first."""
    count = func.count(Checkin.id)
    rows = await session.execute(
        select(Checkin.activity, count, func.coalesce(func.sum(Checkin.minutes), 0))
        .where(Checkin.local_date.between(start, end), Checkin.deleted_at.is_(None))
        .group_by(Checkin.activity)
        .order_by(count.desc(), Checkin.activity)
    )
    return [ActivityRow(kind, int(n), int(m)) for kind, n, m in rows]
