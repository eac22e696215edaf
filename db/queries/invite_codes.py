"""Invite codes: every active unit gets one (unique among all units, archived ones too); the
unit a code leads to, following merges."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Unit
from db.queries.users import UnitInfo


async def ensure_codes(
    session: AsyncSession, make_code: Callable[[str, Collection[str]], str]
) -> tuple[list[tuple[str, str]], int]:
    """(name, code) of every active unit by name, giving a code to those without one
    (`make_code(name, taken)`), in the caller's transaction; and how many were given."""
    units = list(await session.scalars(select(Unit).order_by(Unit.name, Unit.id)))
    taken = {u.code for u in units if u.code is not None}
    assigned = 0
    for unit in units:
        if unit.code is None and unit.archived_at is None:
            unit.code = make_code(unit.name, taken)
            taken.add(unit.code)
            assigned += 1
    await session.flush()
    return [(u.name, u.code) for u in units if u.archived_at is None and u.code], assigned


# How many merges a link follows ("A" merged into "B", later "B" into "C"...): a cycle, which
# no merge makes but a hand-edited database might, stops here rather than looping.
MAX_HOPS = 20


@dataclass(frozen=True, slots=True)
class LinkedUnit:
    """Where a unit's invite code leads: the active unit (None: unknown code, or a unit
    archived without being merged), and the name of the unit the code was made for when
    that one was merged into another (None: the code's own unit)."""

    unit: UnitInfo | None
    merged_from: str | None = None


async def unit_of_code(session: AsyncSession, code: str) -> LinkedUnit:
    """The unit an invite code leads to, following merges (units.merged_into_id)."""
    unit = await session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        return LinkedUnit(None)
    first, seen = unit, {unit.id}
    while unit.archived_at is not None:
        if unit.merged_into_id is None or unit.merged_into_id in seen or len(seen) > MAX_HOPS:
            return LinkedUnit(None)
        unit = await session.get(Unit, unit.merged_into_id)
        if unit is None:
            return LinkedUnit(None)
        seen.add(unit.id)
    merged_from = None if unit is first else first.name
    return LinkedUnit(UnitInfo(unit.id, unit.name, 0), merged_from)
