"""Who to follow up in an edition: people on the staff list nobody registered as, and
registered officials without a check-in, by active unit (archived units are out of every
list). Who counts, and in which unit, is the figures' rule (db/queries/edition_people.py), so
/followup and /stats agree for the same year."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RosterPerson, Unit, User
from db.queries.edition_people import Window, counted, on_roster, people, took_part


@dataclass(frozen=True, slots=True)
class Pending:
    """One person to follow up, in an active unit."""

    unit: str
    full_name: str
    staff_code: str | None  # the agency's code, from the roster
    username: str | None  # their Telegram username, for someone registered


async def not_registered(session: AsyncSession, w: Window) -> list[Pending]:
    """People on the staff list during the edition whom nobody registered as (by its close),
    by unit then name. Leavers are not on the list, so never chased."""
    person = people(w)
    rows = await session.execute(
        select(Unit.name, RosterPerson.full_name, RosterPerson.staff_code)
        .join(Unit, Unit.id == RosterPerson.unit_id)
        .outerjoin(person, person.c.listed == RosterPerson.user_id)
        .where(on_roster(w), Unit.archived_at.is_(None), person.c.user_id.is_(None))
        .order_by(Unit.name, RosterPerson.name_key, RosterPerson.id)
    )
    return [Pending(unit, name, code, None) for unit, name, code in rows]


async def not_checked_in(session: AsyncSession, w: Window) -> list[Pending]:
    """Officials counted as registered for the edition with no check-in in it, by the unit
    they count in, then name (someone linked to a roster row marked as left is not counted,
    so not chased). A roster row they registered as gives the staff code."""
    person = people(w)
    rows = await session.execute(
        select(Unit.name, User.full_name, RosterPerson.staff_code, User.username)
        .join(person, person.c.user_id == User.id)
        .join(Unit, Unit.id == person.c.unit_id)
        .outerjoin(RosterPerson, RosterPerson.user_id == User.id)
        .where(Unit.archived_at.is_(None), ~took_part(w))
        .order_by(Unit.name, User.full_name, User.id)
    )
    return [Pending(unit, name or "", code, username) for unit, name, code, username in rows]


async def registered_count(session: AsyncSession, w: Window) -> int:
    """How many count as registered for the edition (every unit, archived ones too)."""
    return int(await session.scalar(select(func.count(User.id)).where(counted(w))) or 0)


async def roster_rows(session: AsyncSession, w: Window) -> int:
    """How many are on the staff list during the edition (0: the edition has no list)."""
    return int(await session.scalar(select(func.count(RosterPerson.id)).where(on_roster(w))) or 0)
