"""Per-person totals over an edition's days: the commendation list's rows (who counts and in
which unit: db/queries/edition_people.py, the same rule as the figures)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import DailyTotal, Unit, User
from db.queries.edition_people import Window, in_week, people


@dataclass(frozen=True, slots=True)
class PersonWeek:
    """One person who took part: distinct days with a check-in inside the week, minutes and
    check-ins in it, and the unit they count in ("" when none)."""

    user_id: int
    full_name: str
    unit: str
    days: int
    minutes: int
    checkins: int


async def person_weeks(
    session: AsyncSession, w: Window, user_ids: list[int] | None = None
) -> list[PersonWeek]:
    """Everyone with at least one check-in inside the window (of `user_ids`, when given: a
    few people), unordered.

    Reads the daily_totals rollup: one row per person and day, so counting the rows counts
    the distinct days studied.
    """
    totals = select(
        DailyTotal.user_id,
        func.count().label("days"),
        func.sum(DailyTotal.minutes).label("minutes"),
        func.sum(DailyTotal.checkins).label("checkins"),
    ).where(*in_week(w))
    if user_ids is not None:
        totals = totals.where(DailyTotal.user_id.in_(user_ids))
    per_user = totals.group_by(DailyTotal.user_id).subquery("per_user")
    person = people(w)
    rows = await session.execute(
        select(
            per_user.c.user_id,
            User.full_name,
            Unit.name,
            per_user.c.days,
            per_user.c.minutes,
            per_user.c.checkins,
        )
        .join(User, User.id == per_user.c.user_id)
        .join(person, person.c.user_id == per_user.c.user_id)
        .outerjoin(Unit, Unit.id == person.c.unit_id)
    )
    return [
        PersonWeek(int(uid), name or "", unit or "", int(d), int(m or 0), int(c or 0))
        for uid, name, unit, d, m, c in rows
    ]
