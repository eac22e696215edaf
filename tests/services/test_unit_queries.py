"""The managed unit list's shared reads: members, headcount, codes, archived units hidden."""

from __future__ import annotations

from sqlalchemy import select, update

from db.models import RosterPerson, Unit
from db.queries.units import active_units, roster_exists
from db.queries.users import list_units
from tests.conftest import vn
from tests.services.conftest import Sessions, register


async def test_members_headcount_codes_and_archiving(sessions: Sessions) -> None:
    await register(sessions, 1, "Phòng A")
    await register(sessions, 2, "Phòng A")
    await register(sessions, 3, "Phòng B")
    async with sessions() as s:
        assert not await roster_exists(s)
    now = vn(2023, 10, 1, 9)
    async with sessions() as s, s.begin():
        units = {u.name: u.id for u in await s.scalars(select(Unit))}
        a, b = units["Phòng A"], units["Phòng B"]
        await s.execute(update(Unit).where(Unit.id == a).values(code="phong-a"))
        await s.execute(update(Unit).where(Unit.id == b).values(archived_at=now))
        for i, left in enumerate([None, None, None, now]):
            s.add(
                RosterPerson(
                    full_name=f"Người {i}",
                    name_key=f"nguoi {i}",
                    unit_id=a,
                    left_at=left,
                    created_at=now,
                    updated_at=now,
                )
            )
    async with sessions() as s:
        rows = await active_units(s)
        assert [(u.name, u.code, u.members, u.headcount) for u in rows] == [
            ("Phòng A", "phong-a", 2, 3)
        ]
        assert await roster_exists(s)
        # An archived unit is offered to nobody registering.
        assert [u.name for u in await list_units(s)] == ["Phòng A"]
