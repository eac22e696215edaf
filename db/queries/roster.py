"""The roster and the managed units: what an import compares with, and the writes of an
import and of the unit admin (rename, merge, archive). Each runs in the caller's
transaction."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEntry, RosterPerson, Unit, User


@dataclass(frozen=True, slots=True)
class Entry:
    """A person on the roster as an import compares them."""

    id: int
    full_name: str
    name_key: str
    unit_id: int
    staff_code: str | None
    left: bool


@dataclass(frozen=True, slots=True)
class UnitRecord:
    id: int
    name: str
    name_key: str
    code: str | None
    archived: bool


@dataclass(frozen=True, slots=True)
class ExportRow:
    full_name: str
    unit: str
    staff_code: str | None
    left: bool


async def entries(session: AsyncSession) -> list[Entry]:
    rows = await session.execute(
        select(
            RosterPerson.id,
            RosterPerson.full_name,
            RosterPerson.name_key,
            RosterPerson.unit_id,
            RosterPerson.staff_code,
            RosterPerson.left_at.is_not(None),
        ).order_by(RosterPerson.id)
    )
    return [Entry(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]


async def units(session: AsyncSession, *, lock: bool = False) -> list[UnitRecord]:
    """Every unit, archived ones too (a name is unique across both). `lock`: hold their rows
    until the transaction ends, so two imports at once run one after the other (PostgreSQL;
    SQLite's writers are serialised anyway)."""
    query = select(Unit.id, Unit.name, Unit.name_key, Unit.code, Unit.archived_at.is_not(None))
    rows = await session.execute(query.with_for_update() if lock else query)
    return [UnitRecord(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def fingerprint(people: Sequence[Entry], all_units: Sequence[UnitRecord]) -> str:
    """A short digest of the roster and units: an import previewed against one state is
    refused against another (someone imported or merged in between)."""
    digest = hashlib.sha256()
    for p in people:
        digest.update(f"{p.id}|{p.name_key}|{p.unit_id}|{p.staff_code}|{p.left};".encode())
    for u in sorted(all_units, key=lambda u: u.id):
        digest.update(f"u{u.id}|{u.name_key}|{u.archived};".encode())
    return digest.hexdigest()[:12]


async def add_unit(session: AsyncSession, name: str, key: str, code: str, now: datetime) -> int:
    unit = Unit(name=name, name_key=key, code=code, created_at=now)
    session.add(unit)
    await session.flush()
    return unit.id


async def set_unit(session: AsyncSession, unit_id: int, **values: Any) -> None:
    """Change a unit's columns (name, name_key, code, archived_at)."""
    await session.execute(update(Unit).where(Unit.id == unit_id).values(**values))


async def add_people(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Insert roster people (full_name, name_key, unit_id, staff_code, created_at,
    updated_at) in one statement per batch."""
    if rows:
        await session.execute(insert(RosterPerson), list(rows))


async def update_people(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Bulk update by primary key: each dict has "id" and the columns that change."""
    if rows:
        await session.execute(update(RosterPerson), list(rows))


async def export_rows(session: AsyncSession) -> list[ExportRow]:
    rows = await session.execute(
        select(
            RosterPerson.full_name,
            Unit.name,
            RosterPerson.staff_code,
            RosterPerson.left_at.is_not(None),
        )
        .join(Unit, Unit.id == RosterPerson.unit_id)
        .order_by(RosterPerson.left_at.is_not(None), Unit.name, RosterPerson.full_name)
    )
    return [ExportRow(r[0], r[1], r[2], bool(r[3])) for r in rows]


async def last_import(session: AsyncSession) -> datetime | None:
    return await session.scalar(
        select(func.max(AuditEntry.at)).where(AuditEntry.action == "roster_import")
    )


async def move_unit_members(session: AsyncSession, source: int, target: int, now: datetime) -> int:
    """Registered users and roster people of `source` into `target`; how many users moved."""
    moved = await session.execute(
        update(User).where(User.unit_id == source).values(unit_id=target, updated_at=now)
    )
    await session.execute(
        update(RosterPerson)
        .where(RosterPerson.unit_id == source)
        .values(unit_id=target, updated_at=now)
    )
    return int(getattr(moved, "rowcount", 0) or 0)


@dataclass(frozen=True, slots=True)
class Linked:
    """What `link_registered` did: officials linked to their row, officials moved to the
    unit their row is in."""

    linked: int
    moved: int


async def link_registered(
    session: AsyncSession, key: Callable[[str], str], now: datetime
) -> Linked:
    """Link registered officials to the unlinked roster rows (not left) with their name
    (`key` folds it as the roster's name_key) in their unit, where the match is unique on
    both sides; then move every linked official whose row is in another unit to the row's
    unit (the staff list is authoritative)."""
    rows = await session.execute(
        select(RosterPerson.id, RosterPerson.name_key, RosterPerson.unit_id).where(
            RosterPerson.user_id.is_(None), RosterPerson.left_at.is_(None)
        )
    )
    free: dict[tuple[str, int], list[int]] = defaultdict(list)
    for row_id, name_key, unit_id in rows:
        free[(name_key, unit_id)].append(row_id)
    linked_users = select(RosterPerson.user_id).where(RosterPerson.user_id.is_not(None))
    users = await session.execute(
        select(User.id, User.full_name, User.unit_id).where(
            User.registered_at.is_not(None),
            User.full_name.is_not(None),
            User.unit_id.is_not(None),
            User.id.not_in(linked_users),
        )
    )
    waiting: dict[tuple[str, int], list[int]] = defaultdict(list)
    for user_id, full_name, user_unit in users:
        if full_name is not None and user_unit is not None:  # the query's filter: for mypy
            waiting[(key(full_name), user_unit)].append(user_id)
    pairs = [
        {"id": free[k][0], "user_id": ids[0], "updated_at": now}
        for k, ids in waiting.items()
        if len(ids) == 1 and len(free.get(k, ())) == 1
    ]
    if pairs:
        await session.execute(update(RosterPerson), pairs)
    follow = (
        select(RosterPerson.unit_id)
        .where(RosterPerson.user_id == User.id, RosterPerson.left_at.is_(None))
        .scalar_subquery()
    )
    moved = await session.execute(
        update(User)
        .where(
            exists().where(
                RosterPerson.user_id == User.id,
                RosterPerson.left_at.is_(None),
                RosterPerson.unit_id != User.unit_id,
            )
        )
        .values(unit_id=follow, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return Linked(len(pairs), int(getattr(moved, "rowcount", 0) or 0))


async def merged_into(session: AsyncSession, unit_id: int) -> str | None:
    """The name of the unit this one was merged into, if it was."""
    target = select(Unit.merged_into_id).where(Unit.id == unit_id).scalar_subquery()
    return await session.scalar(select(Unit.name).where(Unit.id == target))
