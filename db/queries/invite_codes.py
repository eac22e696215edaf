"""Invite codes: every active unit gets one (unique among all units, archived ones too)."""

from __future__ import annotations

from collections.abc import Callable, Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Unit


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
