"""Check-in counts for one edition of the week (the `stats` command and admin reports)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Checkin, DailyTotal, RosterPerson, Unit, User
from db.queries.edition_people import Window, in_week, on_roster, people

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
    """An active unit's figures; the roster fields are None when the edition has no staff
    list (see db/queries/edition_people.py for who counts where)."""

    unit: str
    registered: int
    participants: int  # everyone who took part, on the staff list or not
    minutes: int
    headcount: int | None = None  # on the staff list during the edition
    unregistered: int | None = None  # of those, not registered in the bot
    on_roster: int | None = None  # participants on the staff list (at most the headcount)
    off_roster: int | None = None  # participants not on it: shown apart, never in the rate

    @property
    def rate(self) -> float | None:
        """Participants on the list over the headcount (with a roster), or participants over
        registered (without); None when that basis is 0 (nobody of the unit on the list)."""
        if self.headcount is None:
            return self.participants / self.registered if self.registered else None
        listed = self.participants if self.on_roster is None else self.on_roster
        return listed / self.headcount if self.headcount else None


@dataclass(frozen=True, slots=True)
class EditionStats:
    year: int
    registered: int
    participants: int
    checkins: int
    minutes: int
    by_day: tuple[DayRow, ...]
    by_unit: tuple[UnitRow, ...]
    headcount: int | None = None  # on the staff list during the edition; None without one
    unregistered: int | None = None  # of those, not registered in the bot
    on_roster: int | None = None  # participants on the staff list (at most the headcount)
    off_roster: int | None = None  # participants not on it
    registered_off_roster: int | None = None  # registered officials not on it

    @property
    def rate_basis(self) -> str:
        """What the rate divides by: the roster's headcount, or (no roster) the registered."""
        return REGISTERED if self.headcount is None else HEADCOUNT

    @property
    def rate(self) -> float:
        """Participation rate: participants on the staff list over its headcount (never over
        100%), else (no list) participants over the registered; 0 when that basis is 0."""
        if self.headcount is None:
            return self.participants / self.registered if self.registered else 0.0
        listed = self.participants if self.on_roster is None else self.on_roster
        return listed / self.headcount if self.headcount else 0.0

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

    `registered_before` is the edition's close (the end of its last day). Who counts as
    registered, who is on the staff list for the edition and in which unit each person
    counts: db/queries/edition_people.py. A unit appears if someone counts in it, took part
    in it or is on the list in it; an archived unit does not (the totals still count its
    people).

    With a staff list for the edition, `headcount` is that list overall and per unit and the
    rate is its people who took part over it (never over 100%); those who took part but are
    not on it are `off_roster`, counted apart. Without one, the roster fields are None and
    the rate divides by the registered, as before rosters existed.

    Reads the daily_totals rollup: at most officials × days rows, whatever the check-ins.
    """
    w = Window(start, end, registered_before)
    checkins = await session.scalar(
        select(func.coalesce(func.sum(DailyTotal.checkins), 0)).where(*in_week(w))
    )
    by_day = await _by_day(session, w)
    person = people(w)
    per_user = (
        select(DailyTotal.user_id, func.sum(DailyTotal.minutes).label("m"))
        .where(*in_week(w))
        .group_by(DailyTotal.user_id)
        .subquery()
    )
    listed = person.c.listed.is_not(None)
    # Per unit counted in (NULL: someone with no unit), every counted person once.
    groups = {
        unit_id: (int(n), int(n_listed), int(p), int(p_listed), int(m))
        for unit_id, n, n_listed, p, p_listed, m in await session.execute(
            select(
                person.c.unit_id,
                func.count(),
                func.count().filter(listed),
                func.count(per_user.c.user_id),
                func.count(per_user.c.user_id).filter(listed),
                func.coalesce(func.sum(per_user.c.m), 0),
            )
            .outerjoin(per_user, per_user.c.user_id == person.c.user_id)
            .group_by(person.c.unit_id)
        )
    }
    heads = {
        unit_id: int(n)
        for unit_id, n in await session.execute(
            select(RosterPerson.unit_id, func.count(RosterPerson.id))
            .where(on_roster(w))
            .group_by(RosterPerson.unit_id)
        )
    }
    roster = sum(heads.values()) > 0
    totals = [sum(g[i] for g in groups.values()) for i in range(5)]
    registered, registered_listed, participants, participants_listed, minutes = totals
    shown = {unit_id for unit_id in groups if unit_id is not None} | heads.keys()
    names = {
        unit_id: name
        for unit_id, name in await session.execute(
            select(Unit.id, Unit.name).where(Unit.archived_at.is_(None), Unit.id.in_(shown))
        )
    }
    by_unit = tuple(
        _unit_row(name, groups.get(unit_id, (0, 0, 0, 0, 0)), heads.get(unit_id, 0), roster)
        for unit_id, name in sorted(names.items(), key=lambda item: item[1])
    )
    return EditionStats(
        year,
        registered,
        participants,
        int(checkins or 0),
        minutes,
        by_day,
        by_unit,
        sum(heads.values()) if roster else None,
        sum(heads.values()) - registered_listed if roster else None,
        participants_listed if roster else None,
        participants - participants_listed if roster else None,
        registered - registered_listed if roster else None,
    )


def _unit_row(
    name: str, group: tuple[int, int, int, int, int], heads: int, roster: bool
) -> UnitRow:
    n, n_listed, p, p_listed, m = group
    if not roster:
        return UnitRow(name, n, p, m)
    return UnitRow(name, n, p, m, heads, heads - n_listed, p_listed, p - p_listed)


async def _by_day(session: AsyncSession, w: Window) -> tuple[DayRow, ...]:
    """Every day of the edition, a day without check-ins as zeros."""
    per_day = {
        day: (p, c, m)
        for day, p, c, m in await session.execute(
            select(
                DailyTotal.local_date,
                func.count(DailyTotal.user_id),
                func.sum(DailyTotal.checkins),
                func.sum(DailyTotal.minutes),
            )
            .where(*in_week(w))
            .group_by(DailyTotal.local_date)
        )
    }
    rows = []
    for offset in range((w.end - w.start).days + 1):
        day = w.start + timedelta(days=offset)
        p, c, m = per_day.get(day, (0, 0, 0))
        rows.append(DayRow(day, int(p), int(c), int(m)))
    return tuple(rows)


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
