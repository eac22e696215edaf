"""/followup: who to call in an edition, by unit — names for admins, counts for organisers.

Without a roster nobody knows who has not registered yet (there is no list to compare
with), so that list is None; "not checked in" are the registered officials with no check-in
in the edition. With a roster, both lists. Every use is audited with counts only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.core.editions import Edition
from bot.core.roles import Role
from bot.core.textnorm import fold
from bot.services.access import role_of
from bot.services.reports import closes
from db.queries.admin import audit
from db.queries.followup import Pending as Pending  # re-exported: what the lists hold
from db.queries.followup import not_checked_in, not_registered
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
    roster: bool
    names: bool  # the viewer is an admin: the names are given
    units: tuple[UnitFollowUp, ...]  # units with someone to follow up, by name

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
    async with sessions() as session, session.begin():
        admin = await role_of(session, viewer_id, admin_ids) >= Role.ADMIN
        roster = await roster_exists(session)
        missing = _by_unit(await not_registered(session)) if roster else {}
        absent = _by_unit(
            await not_checked_in(
                session, edition.start, edition.end, registered_before=closes(edition, tz)
            )
        )
        units = tuple(
            UnitFollowUp(
                unit,
                len(missing.get(unit, [])) if roster else None,
                len(absent.get(unit, [])),
                tuple(missing.get(unit, [])) if admin else (),
                tuple(absent.get(unit, [])) if admin else (),
            )
            for unit in sorted(missing.keys() | absent.keys(), key=lambda u: (fold(u), u))
        )
        found = FollowUp(edition.year, roster, admin, units)
        params = {
            "year": edition.year,
            "names": admin,
            "not_registered": found.unregistered,
            "not_checked_in": found.absent,
        }
        await audit(session, viewer_id, ACTION, params, now)
    return found
