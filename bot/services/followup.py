"""/followup: who to call in an edition, by unit — names for admins, counts for organisers.

Without a staff list for the edition nobody knows who has not registered yet (there is no
list to compare with), so that list is None; "not checked in" are the officials registered
for the edition with no check-in in it. With a list, both. Before the week starts nobody can
have checked in yet: only the unregistered are listed. Who counts is the figures' rule
(db/queries/edition_people.py). Every use is audited with counts only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from bot.core.editions import Edition
from bot.core.roles import Role
from bot.core.textnorm import fold, natural_key
from bot.services.access import role_of
from bot.services.reports import window
from db.queries.admin import audit
from db.queries.followup import Pending as Pending  # re-exported: what the lists hold
from db.queries.followup import not_checked_in, not_registered, registered_count, roster_rows
from db.queries.units import roster_exists
from db.session import Sessions

ACTION = "followup_list"


@dataclass(frozen=True, slots=True)
class UnitFollowUp:
    """One active unit's people to follow up; the names are empty when withheld."""

    unit: str
    unregistered: int | None  # None without a roster
    absent: int  # registered, no check-in in the edition
    unregistered_names: tuple[Pending, ...]
    absent_names: tuple[Pending, ...]


@dataclass(frozen=True, slots=True)
class FollowUp:
    year: int
    roster: bool  # the edition has a staff list (people on it during the week)
    names: bool  # the viewer is an admin: the names are given
    units: tuple[UnitFollowUp, ...]  # units with someone to follow up, natural order
    registered: int = 0  # officials registered for the edition (every unit)
    started: bool = True  # the week has begun: "not checked in" means something
    start: date | None = None  # its first day
    roster_later: bool = False  # no list for this edition, but one exists now

    @property
    def unregistered(self) -> int | None:
        return sum(u.unregistered or 0 for u in self.units) if self.roster else None

    @property
    def absent(self) -> int:
        return sum(u.absent for u in self.units)

    @property
    def people(self) -> int:
        """How many names the lists hold in all."""
        return (self.unregistered or 0) + self.absent


def _by_unit(people: list[Pending]) -> dict[str, list[Pending]]:
    grouped: dict[str, list[Pending]] = defaultdict(list)
    for p in people:
        grouped[p.unit].append(p)
    for names in grouped.values():
        # Vietnamese order a caller can scan: by the folded name, not by bytes.
        names.sort(key=lambda p: (fold(p.full_name), p.full_name))
    return grouped


async def follow_up(
    sessions: Sessions,
    edition: Edition,
    tz: tzinfo,
    viewer_id: int,
    admin_ids: frozenset[int],
    now: datetime,
) -> FollowUp:
    """The edition's follow-up lists as the viewer may see them (role read now), audited."""
    w = window(edition, tz)
    started = now.astimezone(tz).date() >= edition.start
    async with sessions() as session, session.begin():
        admin = await role_of(session, viewer_id, admin_ids) >= Role.ADMIN
        roster = await roster_rows(session, w) > 0
        later = not roster and await roster_exists(session)
        missing = _by_unit(await not_registered(session, w)) if roster else {}
        absent = _by_unit(await not_checked_in(session, w)) if started else {}
        registered = await registered_count(session, w)
        units = tuple(
            UnitFollowUp(
                unit,
                len(missing.get(unit, [])) if roster else None,
                len(absent.get(unit, [])),
                tuple(missing.get(unit, [])) if admin else (),
                tuple(absent.get(unit, [])) if admin else (),
            )
            for unit in sorted(missing.keys() | absent.keys(), key=lambda u: (natural_key(u), u))
        )
        found = FollowUp(
            edition.year, roster, admin, units, registered, started, edition.start, later
        )
        params = {
            "year": edition.year,
            "names": admin,
            "not_registered": found.unregistered,
            "not_checked_in": found.absent,
        }
        await audit(session, viewer_id, ACTION, params, now)
    return found
