"""Roles and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEntry, User
from db.queries.usernames import holder

# Audit params that hold a person (a Telegram id), so that erasure can anonymise them. Every
# writer of audit() keeps to this: "user" is whom an action was about (grant, revoke); the
# others hold no person — "broadcast", "audience", "unit" (an id), "recipients", "at", "year",
# "format", "checkins", a group's "chat_id" and "title", and "via" ("console": a role taken
# with a flag of the offline console). Names, usernames and unit names
# are never written into params.
AUDIT_PERSON_KEYS = frozenset({"user"})


@dataclass(frozen=True, slots=True)
class Person:
    telegram_id: int
    full_name: str | None
    username: str | None


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    actor: Person
    action: str
    params: dict[str, Any]


async def audit(
    session: AsyncSession, actor_id: int, action: str, params: dict[str, Any], now: datetime
) -> None:
    """Record an admin or organiser action (in the caller's transaction)."""
    session.add(AuditEntry(at=now, actor_id=actor_id, action=action, params=params))


def _person(user: User | None) -> Person | None:
    return None if user is None else Person(user.telegram_id, user.full_name, user.username)


async def person_by_id(session: AsyncSession, telegram_id: int) -> Person | None:
    """A known user by Telegram id."""
    return _person(await session.scalar(select(User).where(User.telegram_id == telegram_id)))


async def person_by_username(session: AsyncSession, username: str) -> Person | None:
    """A known user by "@username" (its most recent holder)."""
    return _person(await holder(session, username))


async def people(session: AsyncSession, telegram_ids: set[int]) -> dict[int, Person]:
    rows = await session.scalars(select(User).where(User.telegram_id.in_(telegram_ids)))
    return {u.telegram_id: Person(u.telegram_id, u.full_name, u.username) for u in rows}


async def holders(session: AsyncSession, role: str) -> list[Person]:
    rows = await session.scalars(select(User).where(User.role == role).order_by(User.full_name))
    return [Person(u.telegram_id, u.full_name, u.username) for u in rows]


async def recent_audit(session: AsyncSession, limit: int = 20) -> list[AuditRow]:
    entries = list(
        await session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
    )
    known = await people(session, {e.actor_id for e in entries})
    return [
        AuditRow(e.at, known.get(e.actor_id, Person(e.actor_id, None, None)), e.action, e.params)
        for e in entries
    ]
