"""Check-in counts for one edition of the week (the `stats` command and admin reports)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import distinct, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Checkin, DailyTotal, Unit, User


@dataclass(frozen=True, slots=True)
class DayRow:
    date: date
    participants: int
    checkins: int
    minutes: int


@dataclass(frozen=True, slots=True)
class UnitRow:
    unit: str
    registered: int
    participants: int
    minutes: int


@dataclass(frozen=True, slots=True)
class EditionStats:
    year: int
    registered: int
    participants: int
    checkins: int
    minutes: int
    by_day: tuple[DayRow, ...]
    by_unit: tuple[UnitRow, ...]

    @property
    def rate(self) -> float:
        """Participation rate, 0..1."""
        return self.participants / self.registered if self.registered else 0.0

    @property
    def average_minutes(self) -> float:
        """Minutes per participant."""
        return self.minutes / self.participants if self.participants else 0.0

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["by_day"] = [{**row, "date": row["date"].isoformat()} for row in data["by_day"]]
        data["by_unit"] = list(data["by_unit"])
        return data


async def edition_stats(
    session: AsyncSession, year: int, start: date, end: date, *, registered_before: datetime
) -> EditionStats:
    """Totals, per-day and per-unit figures for check-ins dated within start..end.

    "Registered" are the people registered before `registered_before` (the end of the
    edition's last day), and anyone who checked in for the edition: not those who came later,
    nor those who erased their data (they are gone). A unit appears if it had someone
    registered so, or a check-in: a unit nobody belongs to any more does not.

    Reads the daily_totals rollup: at most officials × days rows, whatever the check-ins.
    """
    in_week = (DailyTotal.local_date.between(start, end), DailyTotal.checkins > 0)
    took_part = exists().where(DailyTotal.user_id == User.id, *in_week)
    counted = or_(User.registered_at < registered_before, took_part)
    registered = await session.scalar(select(func.count(User.id)).where(counted))
    totals = (
        await session.execute(
            select(
                func.count(distinct(DailyTotal.user_id)),
                func.coalesce(func.sum(DailyTotal.checkins), 0),
                func.coalesce(func.sum(DailyTotal.minutes), 0),
            ).where(*in_week)
        )
    ).one()
    per_day = {
        day: (p, c, m)
        for day, p, c, m in await session.execute(
            select(
                DailyTotal.local_date,
                func.count(DailyTotal.user_id),
                func.sum(DailyTotal.checkins),
                func.sum(DailyTotal.minutes),
            )
            .where(*in_week)
            .group_by(DailyTotal.local_date)
        )
    }
    by_day = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        p, c, m = per_day.get(day, (0, 0, 0))
        by_day.append(DayRow(day, int(p), int(c), int(m)))

    members = (
        select(User.unit_id, func.count(User.id).label("n"))
        .where(counted)
        .group_by(User.unit_id)
        .subquery()
    )
    per_user = (
        select(DailyTotal.user_id, func.sum(DailyTotal.minutes).label("m"))
        .where(*in_week)
        .group_by(DailyTotal.user_id)
        .subquery()
    )
    activity = (
        select(
            User.unit_id,
            func.count(per_user.c.user_id).label("p"),
            func.sum(per_user.c.m).label("m"),
        )
        .join(per_user, per_user.c.user_id == User.id)
        .group_by(User.unit_id)
        .subquery()
    )
    unit_rows = await session.execute(
        select(
            Unit.name,
            func.coalesce(members.c.n, 0),
            func.coalesce(activity.c.p, 0),
            func.coalesce(activity.c.m, 0),
        )
        .outerjoin(members, members.c.unit_id == Unit.id)
        .outerjoin(activity, activity.c.unit_id == Unit.id)
        .where(or_(members.c.n > 0, activity.c.p > 0))
        .order_by(Unit.name)
    )
    by_unit = tuple(UnitRow(name, int(n), int(p), int(m)) for name, n, p, m in unit_rows)
    return EditionStats(
        year,
        int(registered or 0),
        int(totals[0]),
        int(totals[1]),
        int(totals[2]),
        tuple(by_day),
        by_unit,
    )


@dataclass(frozen=True, slots=True)
class Learner:
    full_name: str
    unit: str
    minutes: int
    days: int
    checkins: int


@dataclass(frozen=True, slots=True)
class Detail:
    """One check-in, as exported: personal data, admins only."""

    day: date
    created_at: datetime
    full_name: str
    unit: str
    minutes: int
    activity: str
    note: str
    # The bot's own number for the person (users.id): tells apart two people of one name
    # without putting their Telegram id in a file that travels.
    user_id: int


async def top_learners(
    session: AsyncSession, start: date, end: date, limit: int = 10
) -> list[Learner]:
    minutes = func.sum(Checkin.minutes)
    rows = await session.execute(
        select(
            User.full_name,
            Unit.name,
            minutes,
            func.count(distinct(Checkin.local_date)),
            func.count(Checkin.id),
        )
        .join(User, User.id == Checkin.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .where(Checkin.local_date.between(start, end), Checkin.deleted_at.is_(None))
        .group_by(User.id, User.full_name, Unit.name)
        .order_by(minutes.desc(), User.full_name)
        .limit(limit)
    )
    return [Learner(n or "", u, int(m), int(d), int(c)) for n, u, m, d, c in rows]


async def details(session: AsyncSession, start: date, end: date) -> list[Detail]:
    """Every counted check-in of the edition, in time order."""
    result = await session.execute(
        select(
            Checkin.local_date,
            Checkin.created_at,
            User.full_name,
            Unit.name,
            Checkin.minutes,
            Checkin.activity,
            Checkin.note,
            User.id,
        )
        .join(User, User.id == Checkin.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .where(Checkin.local_date.between(start, end), Checkin.deleted_at.is_(None))
        .order_by(Checkin.created_at, Checkin.id)
    )
    return [
        Detail(d, c, n or "", u, int(m), a, note or "", uid)
        for d, c, n, u, m, a, note, uid in result
    ]
