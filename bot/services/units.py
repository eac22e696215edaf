"""The managed unit list for admins (/units): list, rename, add, merge, archive.

Every change is made in one transaction with its audit entry (unit ids and counts, never
names). A unit keeps its code when renamed: its invite link may be printed on a poster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.inputs import InputProblem, name_problem
from bot.core.roster import MAX_UNIT
from bot.core.textnorm import has_control_chars, match_key, natural_key, nfc
from bot.core.unit_code import unit_code
from bot.services.profile import unit_key
from db.queries import roster as q
from db.queries.admin import audit
from db.queries.units import UnitRow, active_units
from db.session import Sessions

__all__ = ["Change", "NameProblem", "Outcome", "UnitNameError", "UnitRow", "clean_name"]


class NameProblem(Enum):
    EMPTY = "empty"
    LONG = "long"
    CONTROL = "control"
    TAKEN = "taken"
    MARKUP = "markup"  # an HTML-like tag (bot.core.inputs.name_problem, the one rule)
    FORMULA = "formula"  # starts with = + - @


class Outcome(Enum):
    DONE = "done"
    GONE = "gone"  # the unit (or the merge target) is archived or no longer exists
    TAKEN = "taken"  # another unit has this name (folded)
    ASK = "ask"  # archiving a unit with members: ask first
    LISTED = "listed"  # archiving a unit with people on the staff list: refused
    ARCHIVED = "archived"  # adding a name an archived unit holds: offer to restore it


@dataclass(frozen=True, slots=True)
class Change:
    outcome: Outcome
    unit: UnitRow | None = None  # the unit changed (after the change), or the one asked about
    target: UnitRow | None = None  # merge: the unit merged into
    other: str | None = None  # TAKEN: the unit that has the name
    archived_id: int | None = None  # ARCHIVED (add) or TAKEN (rename): the archived holder
    merged_into: str | None = None  # ARCHIVED: the unit it was merged into, if any
    linked: int = 0  # merge: registered officials now linked to their staff-list row


class UnitNameError(ValueError):
    def __init__(self, problem: NameProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def clean_name(text: str) -> str:
    """A unit name as stored (NFC, spaces collapsed), or UnitNameError saying what is wrong."""
    if has_control_chars(text):
        raise UnitNameError(NameProblem.CONTROL)
    name = nfc(text)
    if not name:
        raise UnitNameError(NameProblem.EMPTY)
    if len(name) > MAX_UNIT:
        raise UnitNameError(NameProblem.LONG)
    problem = name_problem(name)
    if problem is not None:
        markup = problem is InputProblem.MARKUP
        raise UnitNameError(NameProblem.MARKUP if markup else NameProblem.FORMULA)
    return name


async def _active(session: AsyncSession) -> dict[int, UnitRow]:
    return {u.id: u for u in await active_units(session)}


async def listing(sessions: Sessions) -> list[UnitRow]:
    """Active units in reading order ("Phòng 2" before "Phòng 10"), with headcount and
    registered members."""
    async with sessions() as session:
        return sorted(await active_units(session), key=lambda u: natural_key(u.name))


async def one(sessions: Sessions, unit_id: int) -> UnitRow | None:
    async with sessions() as session:
        return (await _active(session)).get(unit_id)


async def _holder(session: AsyncSession, key: str, but: int | None) -> q.UnitRecord | None:
    """The unit (archived too) already under `key`, other than unit `but`."""
    for unit in await q.units(session):
        if unit.name_key == key and unit.id != but:
            return unit
    return None


async def rename(
    sessions: Sessions, actor_id: int, unit_id: int, name: str, now: datetime
) -> Change:
    """Rename an active unit (`name` already cleaned)."""
    async with sessions() as session, session.begin():
        before = (await _active(session)).get(unit_id)
        if before is None:
            return Change(Outcome.GONE)
        key = unit_key(name)
        other = await _holder(session, key, unit_id)
        if other is not None:
            archived = other.id if other.archived else None
            return Change(Outcome.TAKEN, other=other.name, archived_id=archived)
        await q.set_unit(session, unit_id, name=name, name_key=key)
        # Unit names are not personal data: the log names them so it reads as a sentence.
        params = {"unit": unit_id, "unit_name": before.name, "new_name": name}
        await audit(session, actor_id, "unit_rename", params, now)
        return Change(Outcome.DONE, (await _active(session))[unit_id])


async def add(sessions: Sessions, actor_id: int, name: str, now: datetime) -> Change:
    """A new unit with its invite code (`name` already cleaned)."""
    async with sessions() as session, session.begin():
        key = unit_key(name)
        other = await _holder(session, key, None)
        if other is not None and other.archived:
            into = await q.merged_into(session, other.id)
            return Change(
                Outcome.ARCHIVED, other=other.name, archived_id=other.id, merged_into=into
            )
        if other is not None:
            return Change(Outcome.TAKEN, other=other.name)
        taken = {u.code for u in await q.units(session) if u.code}
        unit_id = await q.add_unit(session, name, key, unit_code(name, taken), now)
        await audit(session, actor_id, "unit_add", {"unit": unit_id, "unit_name": name}, now)
        return Change(Outcome.DONE, (await _active(session))[unit_id])


async def merge(
    sessions: Sessions, actor_id: int, source: int, target: int, now: datetime
) -> Change:
    """Move the source's registered members and roster people into the target, and archive
    the source. Check-ins belong to people, so they follow them unchanged."""
    async with sessions() as session, session.begin():
        active = await _active(session)
        if source == target or source not in active or target not in active:
            return Change(Outcome.GONE)
        await q.move_unit_members(session, source, target, now)
        await q.set_unit(session, source, archived_at=now, merged_into_id=target)
        await session.flush()
        # Officials typed into the merged unit may now be in their roster row's unit.
        found = await q.link_registered(session, match_key, now)
        params = {
            "unit": source,
            "into": target,
            "members": active[source].members,
            "unit_name": active[source].name,
            "new_name": active[target].name,
            "linked": found.linked,
        }
        await audit(session, actor_id, "unit_merge", params, now)
        after = (await _active(session))[target]
        return Change(Outcome.DONE, active[source], after, linked=found.linked)


async def archive(
    sessions: Sessions, actor_id: int, unit_id: int, now: datetime, confirmed: bool
) -> Change:
    """Archive a unit: no longer offered; its members keep it and their check-ins. A unit
    with people on the staff list is never archived (they would drop out of the figures):
    merge it, or import a list without it. One with registered members only `confirmed`."""
    async with sessions() as session, session.begin():
        unit = (await _active(session)).get(unit_id)
        if unit is None:
            return Change(Outcome.GONE)
        if unit.headcount:
            return Change(Outcome.LISTED, unit)
        if unit.members and not confirmed:
            return Change(Outcome.ASK, unit)
        await q.set_unit(session, unit_id, archived_at=now)
        params = {"unit": unit_id, "members": unit.members, "unit_name": unit.name}
        await audit(session, actor_id, "unit_archive", params, now)
        return Change(Outcome.DONE, unit)


async def restore(sessions: Sessions, actor_id: int, unit_id: int, now: datetime) -> Change:
    """Bring an archived unit back (its code and name as they were); it is no longer
    "merged into" anything. GONE if it is not archived (already restored, or never was)."""
    async with sessions() as session, session.begin():
        found = next((u for u in await q.units(session) if u.id == unit_id), None)
        if found is None or not found.archived:
            return Change(Outcome.GONE)
        await q.set_unit(session, unit_id, archived_at=None, merged_into_id=None)
        await audit(
            session, actor_id, "unit_restore", {"unit": unit_id, "unit_name": found.name}, now
        )
        return Change(Outcome.DONE, (await _active(session))[unit_id])
