"""The managed unit list: active units with their members and headcount, codes, the roster's
presence. Shared by registration, invitations, the unit admin and the figures."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, Row, Select, Subquery, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RosterPerson, Unit, User


@dataclass(frozen=True, slots=True)
class UnitRow:
    """A unit as the admin sees it: registered members and, with a roster, its headcount."""

    id: int
    name: str
    code: str | None
    members: int  # registered officials in the unit
    headcount: int  # people on the roster (not marked as left); 0 without a roster


def _headcount() -> Subquery:
    return (
        select(RosterPerson.unit_id, func.count(RosterPerson.id).label("n"))
        .where(RosterPerson.left_at.is_(None))
        .group_by(RosterPerson.unit_id)
        .subquery()
    )


def _members() -> Subquery:
    return (
        select(User.unit_id, func.count(User.id).label("n"))
        .where(User.registered_at.is_not(None), User.unit_id.is_not(None))
        .group_by(User.unit_id)
        .subquery()
    )


def _unit_rows() -> Select[int, str, str | None, int, int]:
    heads, members = _headcount(), _members()
    return (
        select(
            Unit.id,
            Unit.name,
            Unit.code,
            func.coalesce(members.c.n, 0).cast(Integer),
            func.coalesce(heads.c.n, 0).cast(Integer),
        )
        .outerjoin(members, members.c.unit_id == Unit.id)
        .outerjoin(heads, heads.c.unit_id == Unit.id)
        .where(Unit.archived_at.is_(None))
        .order_by(Unit.name)
    )


def _row(row: Row[int, str, str | None, int, int]) -> UnitRow:
    return UnitRow(row[0], row[1], row[2], int(row[3]), int(row[4]))


async def active_units(session: AsyncSession) -> list[UnitRow]:
    """Every unit not archived, by name, with its members and headcount."""
    return [_row(row) for row in await session.execute(_unit_rows())]


async def roster_exists(session: AsyncSession) -> bool:
    """Whether an admin imported a staff list (anyone on it not marked as left)."""
    return bool(await session.scalar(select(exists().where(RosterPerson.left_at.is_(None)))))
