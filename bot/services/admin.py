"""Admin tools: grant and revoke the organiser role, who holds which role, the audit log.

A grant or revocation is asked for first (/grant, /revoke: nothing changes) and made on the
confirming button, where the target is looked up again by id and the change is audited in
the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.numbers import TELEGRAM_ID_MAX, parse_int
from bot.core.roles import ORGANISER, Role
from bot.services.access import role_of
from db.queries.admin import AuditRow as AuditRow  # re-exported: what handlers show
from db.queries.admin import Person as Person
from db.queries.admin import (
    audit,
    holders,
    people,
    person_by_id,
    person_by_username,
    recent_audit,
)
from db.queries.users import set_role
from db.session import Sessions


class Outcome(Enum):
    READY = "ready"  # may be changed: ask the admin to confirm
    DONE = "done"  # changed and audited
    UNKNOWN = "unknown"  # nobody by that username or id
    FROM_SETTINGS = "from_settings"  # an admin by ADMIN_IDS: not changed by a command
    ALREADY = "already"  # granting to a holder
    NOT_HOLDER = "not_holder"  # revoking from someone who does not hold it
    FORBIDDEN = "forbidden"  # the actor is not an admin (any more)


@dataclass(frozen=True, slots=True)
class RoleChange:
    outcome: Outcome
    target: Person | None


@dataclass(frozen=True, slots=True)
class AuditView:
    """An audit entry, and the person it was about (grant, revoke) when still known."""

    row: AuditRow
    subject: Person | None


@dataclass(frozen=True, slots=True)
class RoleHolders:
    admins: tuple[Person, ...]
    organisers: tuple[Person, ...]


async def _find(session: AsyncSession, ref: str) -> Person | None:
    """A user by "@username" or numeric Telegram id."""
    ref = ref.strip()
    telegram_id = parse_int(ref, 1, TELEGRAM_ID_MAX)
    if telegram_id is not None:
        return await person_by_id(session, telegram_id)
    return await person_by_username(session, ref)


async def _blocker(
    session: AsyncSession, admin_ids: frozenset[int], target: Person, grant: bool
) -> Outcome | None:
    """Why this change cannot be made to `target` now, or None if it can."""
    if target.telegram_id in admin_ids:
        return Outcome.FROM_SETTINGS
    holding = target.telegram_id in {p.telegram_id for p in await holders(session, ORGANISER)}
    if grant and holding:
        return Outcome.ALREADY
    if not grant and not holding:
        return Outcome.NOT_HOLDER
    return None


async def check_change(
    sessions: Sessions, admin_ids: frozenset[int], ref: str, grant: bool
) -> RoleChange:
    """Whom "@name" or an id names, and whether the change may be made; changes nothing."""
    async with sessions() as session:
        target = await _find(session, ref)
        telegram_id = parse_int(ref.strip(), 1, TELEGRAM_ID_MAX)
        if target is None and telegram_id in admin_ids:  # not registered, yet an admin
            return RoleChange(Outcome.FROM_SETTINGS, Person(telegram_id, None, None))
        if target is None:
            return RoleChange(Outcome.UNKNOWN, None)
        blocker = await _blocker(session, admin_ids, target, grant)
    return RoleChange(blocker or Outcome.READY, target)


async def change_role(
    sessions: Sessions,
    admin_ids: frozenset[int],
    actor_id: int,
    target_id: int,
    grant: bool,
    now: datetime,
) -> RoleChange:
    """Make the confirmed change, checked again at this moment, and audit it."""
    async with sessions() as session, session.begin():
        if await role_of(session, actor_id, admin_ids) < Role.ADMIN:
            return RoleChange(Outcome.FORBIDDEN, None)
        target = await person_by_id(session, target_id)
        if target is None:
            return RoleChange(Outcome.UNKNOWN, None)
        blocker = await _blocker(session, admin_ids, target, grant)
        if blocker is not None:
            return RoleChange(blocker, target)
        await set_role(session, target.telegram_id, ORGANISER if grant else None)
        params = {"user": target.telegram_id, "role": ORGANISER}
        await audit(session, actor_id, "grant" if grant else "revoke", params, now)
    return RoleChange(Outcome.DONE, target)


async def role_holders(sessions: Sessions, admin_ids: frozenset[int]) -> RoleHolders:
    """Admins (ADMIN_IDS, with names where known) and organisers."""
    async with sessions() as session:
        known = await people(session, set(admin_ids))
        organisers = await holders(session, ORGANISER)
    admins = tuple(known.get(i, Person(i, None, None)) for i in sorted(admin_ids))
    return RoleHolders(admins, tuple(organisers))


async def audit_log(sessions: Sessions, limit: int = 20) -> tuple[AuditView, ...]:
    """The latest admin and organiser actions, newest first, with whom each was about."""
    async with sessions() as session:
        rows = await recent_audit(session, limit)
        about = [r.params.get("user") for r in rows]
        ids = {i for i in about if isinstance(i, int)}
        known = await people(session, ids) if ids else {}
    return tuple(
        AuditView(r, known.get(i) if isinstance(i, int) else None)
        for r, i in zip(rows, about, strict=True)
    )


async def menu_holders(
    sessions: Sessions, admin_ids: frozenset[int]
) -> tuple[tuple[int, Role], ...]:
    """Whose private chat gets a staff menu: the admins who have talked to the bot (Telegram
    knows no chat with the others yet) and the organisers."""
    async with sessions() as session:
        known = await people(session, set(admin_ids))
        organisers = await holders(session, ORGANISER)
    admins = tuple((i, Role.ADMIN) for i in sorted(known))
    return admins + tuple(
        (p.telegram_id, Role.ORGANISER) for p in organisers if p.telegram_id not in admin_ids
    )
