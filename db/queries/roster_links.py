"""Registration against the managed unit list and the staff list: active units by id or
name, the roster rows a registering name matches, and the link to one of them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RosterPerson, Unit, User
from db.queries.users import UnitInfo


async def active_unit(
    session: AsyncSession, *, unit_id: int | None = None, key: str | None = None
) -> UnitInfo | None:
    """The unit with this id (or folded name key) if it exists and is not archived."""
    query = select(Unit).where(Unit.archived_at.is_(None))
    query = query.where(Unit.id == unit_id) if unit_id is not None else query
    query = query.where(Unit.name_key == key) if key is not None else query
    unit = await session.scalar(query.limit(1))
    return None if unit is None else UnitInfo(unit.id, unit.name, 0)


async def unit_key_taken(session: AsyncSession, key: str) -> bool:
    """Whether a unit (archived or not) is stored under this folded name."""
    return await session.scalar(select(Unit.id).where(Unit.name_key == key)) is not None


async def roster_units_of(
    session: AsyncSession, name_key: str, user_id: int | None
) -> list[UnitInfo]:
    """The active units where the roster lists someone under `name_key` (not left) who is
    free to link: linked to nobody, or already to `user_id`. Each unit once, by unit id."""
    units = {unit.id: unit for unit in await roster_rows_of(session, name_key, user_id)}
    return [units[unit_id] for unit_id in sorted(units)]


async def roster_rows_of(
    session: AsyncSession, name_key: str, user_id: int | None
) -> list[UnitInfo]:
    """The unit of each roster row listing someone under `name_key` (not left, in an active
    unit) who is free to link: linked to nobody, or already to `user_id`. One per row."""
    free = or_(RosterPerson.user_id.is_(None), RosterPerson.user_id == user_id)
    rows = await session.execute(
        select(Unit.id, Unit.name)
        .join(RosterPerson, RosterPerson.unit_id == Unit.id)
        .where(
            RosterPerson.name_key == name_key,
            RosterPerson.left_at.is_(None),
            Unit.archived_at.is_(None),
            free,
        )
        .order_by(RosterPerson.id)
    )
    return [UnitInfo(uid, name, 0) for uid, name in rows]


async def relink_roster(
    session: AsyncSession, user_id: int, name_key: str, unit_id: int, now: datetime
) -> str | None:
    """Link the user to the roster row of this name in this unit (not left, free), after
    cutting any link they had; the list's spelling of their name if they are on it now."""
    await session.execute(
        update(RosterPerson).where(RosterPerson.user_id == user_id).values(user_id=None)
    )
    await session.flush()  # user_id is unique: the old link goes before the new one
    free_rows = await session.execute(
        select(RosterPerson.id, RosterPerson.full_name)
        .where(
            RosterPerson.name_key == name_key,
            RosterPerson.unit_id == unit_id,
            RosterPerson.left_at.is_(None),
            RosterPerson.user_id.is_(None),
        )
        .order_by(RosterPerson.id)
    )
    for row_id, full_name in free_rows.all():
        # Claimed only if still free at the write: two namesakes registering at once must
        # not both be told they are on the list with one row (the loser takes the next).
        claimed = await session.execute(
            update(RosterPerson)
            .where(RosterPerson.id == row_id, RosterPerson.user_id.is_(None))
            .values(user_id=user_id, updated_at=now)
        )
        if claimed.rowcount:  # type: ignore[attr-defined]
            return str(full_name)
    return None


async def release_empty_unit(session: AsyncSession, unit_id: int) -> bool:
    """A unit nobody is registered in any more and nobody is listed in loses its invite code,
    so that registration no longer offers it (a typed unit its last member left: often a
    misspelling). /invite gives the same code back to the same name. True if it was released."""
    members = select(User.id).where(User.unit_id == unit_id, User.registered_at.is_not(None))
    listed = select(RosterPerson.id).where(RosterPerson.unit_id == unit_id)
    if await session.scalar(members.limit(1)) or await session.scalar(listed.limit(1)):
        return False
    await session.execute(update(Unit).where(Unit.id == unit_id).values(code=None))
    return True
