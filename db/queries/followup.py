"""Who to follow up in an edition: people on the roster nobody registered as, and registered
officials without a check-in, by active unit (archived units are out of every list)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import DailyTotal, RosterPerson, Unit, User


@dataclass(frozen=True, slots=True)
class Pending:
    """One person to follow up, in an active unit."""

    unit: str
    full_name: str
    staff_code: str | None  # the agency's code, from the roster
    username: str | None  # their Telegram username, for someone registered


async def not_registered(session: AsyncSession) -> list[Pending]:
    """People on the roster (not marked as left) nobody registered as, by unit then name."""
    rows = await session.execute(
        select(Unit.name, RosterPerson.full_name, RosterPerson.staff_code)
        .join(Unit, Unit.id == RosterPerson.unit_id)
        .outerjoin(User, User.id == RosterPerson.user_id)
        .where(
            RosterPerson.left_at.is_(None),
            Unit.archived_at.is_(None),
            or_(RosterPerson.user_id.is_(None), User.registered_at.is_(None)),
        )
        .order_by(Unit.name, RosterPerson.name_key, RosterPerson.id)
    )
    return [Pending(unit, name, code, None) for unit, name, code in rows]


async def not_checked_in(
    session: AsyncSession, start: date, end: date, *, registered_before: datetime
) -> list[Pending]:
    """Officials registered before `registered_before` (the edition's close) with no check-in
    dated start..end, by unit then name. A roster person they registered as gives the code."""
    took_part = exists().where(
        DailyTotal.user_id == User.id,
        DailyTotal.local_date.between(start, end),
        DailyTotal.checkins > 0,
    )
    rows = await session.execute(
        select(Unit.name, User.full_name, RosterPerson.staff_code, User.username)
        .join(Unit, Unit.id == User.unit_id)
        .outerjoin(RosterPerson, RosterPerson.user_id == User.id)
        .where(
            User.registered_at < registered_before,
            Unit.archived_at.is_(None),
            ~took_part,
        )
        .order_by(Unit.name, User.full_name, User.id)
    )
    return [Pending(unit, name or "", code, username) for unit, name, code, username in rows]
