"""Check-in counts for one edition of the week (the `stats` command and admin reports)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, distinct, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Checkin, DailyTotal, RosterPerson, Unit, User

HEADCOUNT = "headcount"  # the participation rate's basis with a roster
REGISTERED = "registered"  # ... and without one, as before the roster existed


@dataclass(frozen=True, slots=True)
class DayRow:
    date: date
    participants: int
    checkins: int
    minutes: int


@dataclass(frozen=True, slots=True)
class UnitRow:
    """An active unit's figures; `headcount` and `unregistered` are None without a roster."""

    unit: str
    registered: int
    participants: int
    minutes: int
    headcount: int | None = None  # on the roster (not left by the edition's close)
    unregistered: int | None = None  # of those, not registered in the bot

    @property
    def rate(self) -> float | None:
        """Participants over headcount (with a roster) or over registered; None when that
        basis is 0 (a unit with people taking part but nobody on the roster)."""
        basis = self.registered if self.headcount is None else self.headcount
        return self.participants / basis if basis else None


@dataclass(frozen=True, slots=True)
class EditionStats:
    year: int
    registered: int
    participants: int
    checkins: int
    minutes: int
    by_day: tuple[DayRow, ...]
    by_unit: tuple[UnitRow, ...]
    headcount: int | None = None  # on the roster, every unit; None without a roster
    unregistered: int | None = None  # of those, not registered in the bot

    @property
    def rate_basis(self) -> str:
        """What the rate divides by: the roster's headcount, or (no roster) the registered."""
        return REGISTERED if self.headcount is None else HEADCOUNT

    @property
    def rate(self) -> float:
        """Participation rate: participants over headcount with a roster, else over the
        registered; 0 when that basis is 0."""
        basis = self.registered if self.headcount is None else self.headcount
        return self.participants / basis if basis else 0.0

    @property
    def average_minutes(self) -> float:
        """Minutes per participant."""
        return self.minutes / self.participants if self.participants else 0.0

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["by_day"] = [{**row, "date": row["date"].isoformat()} for row in data["by_day"]]
        data["by_unit"] = [
            {**row, "rate": unit.rate}
            for row, unit in zip(data["by_unit"], self.by_unit, strict=True)
        ]
        data["rate"] = self.rate
        data["rate_basis"] = self.rate_basis
        return data


async def edition_stats(
    session: AsyncSession, year: int, start: date, end: date, *, registered_before: datetime
) -> EditionStats:
    """Totals, per-day and per-unit figures for check-ins dated within start..end.

    "Registered" are the people registered before `registered_before` (the end of the
    edition's last day), and anyone who checked in for the edition: not those who came later,
    nor those who erased their data (they are gone). A unit appears if it had someone
    registered so, a check-in, or people on the roster: a unit nobody belongs to any more does
    not, nor an archived one (the totals still count its people).

    With a roster (anyone on it not marked as left before the edition closed), `headcount`
    is that list overall and per unit, and the rate divides by it; without one, headcount is
    None and the rate divides by the registered, as before rosters existed.

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
    counts = _roster_counts(registered_before)
    roster = counts.add_columns(RosterPerson.unit_id).group_by(RosterPerson.unit_id).subquery()
    heads = (await session.execute(counts)).one()
    with_roster = bool(heads[0])
    # Per-unit rows: active units only (an archived unit is out of every list); the totals
    # above count every participant, wherever their unit went.
    unit_rows = await session.execute(
        select(
            Unit.name,
            func.coalesce(members.c.n, 0),
            func.coalesce(activity.c.p, 0),
            func.coalesce(activity.c.m, 0),
            func.coalesce(roster.c.heads, 0),
            func.coalesce(roster.c.unlinked, 0),
        )
        .outerjoin(members, members.c.unit_id == Unit.id)
        .outerjoin(activity, activity.c.unit_id == Unit.id)
        .outerjoin(roster, roster.c.unit_id == Unit.id)
        .where(
            Unit.archived_at.is_(None), or_(members.c.n > 0, activity.c.p > 0, roster.c.heads > 0)
        )
        .order_by(Unit.name)
    )
    by_unit = tuple(
        UnitRow(
            name,
            int(n),
            int(p),
            int(m),
            int(h) if with_roster else None,
            int(u) if with_roster else None,
        )
        for name, n, p, m, h, u in unit_rows
    )
    return EditionStats(
        year,
        int(registered or 0),
        int(totals[0]),
        int(totals[1]),
        int(totals[2]),
        tuple(by_day),
        by_unit,
        int(heads[0]) if with_roster else None,
        int(heads[1]) if with_roster else None,
    )


def _on_roster(closes: datetime) -> ColumnElement[bool]:
    """On the staff list during the edition: not marked as left before it closed. The roster
    keeps no history of who joined when, so the current list stands for the staff then, less
    those known to have left earlier (for the running edition: not marked as left)."""
    return or_(RosterPerson.left_at.is_(None), RosterPerson.left_at >= closes)


def _roster_counts(closes: datetime) -> Select[int, int]:
    """On the roster during the edition, and of them nobody registered as by its close."""
    return (
        select(
            func.count(RosterPerson.id).label("heads"),
            func.count(RosterPerson.id).filter(_unlinked(closes)).label("unlinked"),
        )
        .outerjoin(User, User.id == RosterPerson.user_id)
        .where(_on_roster(closes))
    )


def _unlinked(closes: datetime) -> ColumnElement[bool]:
    """A roster person nobody registered as by the edition's close (needs the outer join on
    User)."""
    return or_(
        RosterPerson.user_id.is_(None), User.registered_at.is_(None), User.registered_at >= closes
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
