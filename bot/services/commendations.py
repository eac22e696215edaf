"""The commendation list of an edition ("danh sách đề nghị khen thưởng"): the people who met
the bar, ranked by days studied then minutes, and the units ranked by participation rate.

The units' figures are the /stats figures themselves (bot/services/reports.py `figures`), so
a rate on the list is the rate /thongke shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TypeVar

from bot.core.bar import Bar
from bot.core.editions import Edition
from bot.core.textnorm import natural_key
from bot.services.reports import figures, window
from db.queries.admin import audit
from db.queries.commendations import PersonWeek, person_weeks
from db.queries.stats import EditionStats, UnitRow
from db.session import Sessions

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RankedPerson:
    rank: int  # ties share a rank: 1, 1, 3
    full_name: str
    unit: str
    days: int
    minutes: int
    checkins: int


@dataclass(frozen=True, slots=True)
class RankedUnit:
    rank: int
    row: UnitRow  # the /stats row: registered, participants, headcount, rate...
    commended: int  # its people on the list


@dataclass(frozen=True, slots=True)
class Commendations:
    edition: Edition
    bar: Bar
    people: tuple[RankedPerson, ...]  # those who met the bar, best first
    participants: int  # everyone who took part (met the bar or not)
    units: tuple[RankedUnit, ...]  # the units where someone took part, best rate first
    stats: EditionStats
    made_at: datetime

    @property
    def rate_basis(self) -> str:
        """ "headcount" (a staff list exists for the edition) or "registered"."""
        return self.stats.rate_basis


def ranked(items: Sequence[T], score: Callable[[T], Hashable]) -> list[tuple[int, T]]:
    """Competition ranking of items already in order: equal scores share a rank (1, 1, 3)."""
    out: list[tuple[int, T]] = []
    for index, item in enumerate(items):
        same = out and score(out[-1][1]) == score(item)
        out.append((out[-1][0] if same else index + 1, item))
    return out


def _people(found: list[PersonWeek], bar: Bar) -> tuple[RankedPerson, ...]:
    meeting = sorted(
        (p for p in found if bar.met_by(p.days, p.minutes)),
        key=lambda p: (-p.days, -p.minutes, natural_key(p.full_name), p.user_id),
    )
    return tuple(
        RankedPerson(rank, p.full_name, p.unit, p.days, p.minutes, p.checkins)
        for rank, p in ranked(meeting, lambda p: (p.days, p.minutes))
    )


def _rate_key(row: UnitRow) -> float:
    # Rounded so that two rates equal as fractions (1/2, 3/6) tie, whatever the float error.
    return -1.0 if row.rate is None else round(row.rate, 9)


def _units(stats: EditionStats, people: Sequence[RankedPerson]) -> tuple[RankedUnit, ...]:
    commended = Counter(p.unit for p in people)
    taking_part = sorted(
        (u for u in stats.by_unit if u.participants > 0),
        key=lambda u: (-_rate_key(u), -u.participants, natural_key(u.unit)),
    )
    return tuple(
        RankedUnit(rank, u, commended.get(u.unit, 0))
        for rank, u in ranked(taking_part, lambda u: (_rate_key(u), u.participants))
    )


async def gather(
    sessions: Sessions, edition: Edition, tz: tzinfo, bar: Bar, now: datetime
) -> Commendations:
    """The list for an edition, as of `now` (read only: no audit entry)."""
    stats = await figures(sessions, edition, tz)
    async with sessions() as session:
        found = await person_weeks(session, window(edition, tz))
    people = _people(found, bar)
    return Commendations(edition, bar, people, len(found), _units(stats, people), stats, now)


async def for_admin(
    sessions: Sessions, edition: Edition, tz: tzinfo, bar: Bar, now: datetime, actor_id: int
) -> Commendations:
    """/khenthuong: the list, and an audit entry saying who took it (it names people)."""
    found = await gather(sessions, edition, tz, bar, now)
    async with sessions() as session, session.begin():
        params = {"year": edition.year, "people": len(found.people), "units": len(found.units)}
        await audit(session, actor_id, "commendations", params, now)
    return found
