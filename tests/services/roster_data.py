"""Test data for the figures against a roster: units and roster rows written directly (the
roster import is another feature's)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from bot.services.profile import unit_key
from db.models import RosterPerson, Unit
from tests.conftest import vn
from tests.services.conftest import Sessions

AT = vn(2023, 9, 25, 9)  # the roster was imported before the 2023 week


async def unit_id(sessions: Sessions, name: str) -> int:
    """The unit of this name, created if nobody registered into it."""
    async with sessions() as s, s.begin():
        found = await s.scalar(select(Unit.id).where(Unit.name_key == unit_key(name)))
        if found is not None:
            return found
        unit = Unit(name=name, name_key=unit_key(name), created_at=AT)
        s.add(unit)
        await s.flush()
        return unit.id


async def add_people(
    sessions: Sessions,
    unit: str,
    names: list[str],
    *,
    linked: dict[str, int] | None = None,
    left_at: datetime | None = None,
    codes: bool = False,
    created_at: datetime = AT,
) -> None:
    """Roster rows in `unit`; `linked` maps a name to the user who registered as them;
    `created_at`: when the row was imported (default: before the 2023 week)."""
    uid = await unit_id(sessions, unit)
    async with sessions() as s, s.begin():
        s.add_all(
            RosterPerson(
                full_name=name,
                name_key=unit_key(name),
                unit_id=uid,
                staff_code=f"CB{uid:03d}-{i:04d}" if codes else None,
                user_id=(linked or {}).get(name),
                left_at=left_at,
                created_at=created_at,
                updated_at=created_at,
            )
            for i, name in enumerate(names)
        )


async def archive(sessions: Sessions, unit: str) -> None:
    uid = await unit_id(sessions, unit)
    async with sessions() as s, s.begin():
        await s.execute(update(Unit).where(Unit.id == uid).values(archived_at=AT))
