"""Users and units: who is registered, under which unit."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Unit, User
from db.session import upsert_insert

# The version of the data notice people agree to (texts CONSENT_NOTICE). Change it whenever
# that text changes in substance: everyone is then asked again before their next write.
# 2026-11: registration is linked to the agency's staff list (name, unit, staff code).
CONSENT_VERSION = "2026-11"
# Tries at creating a unit whose code another new unit took at the same moment.
CODE_ATTEMPTS = 5


class ConsentRequired(Exception):
    """A profile was to be stored for someone who has not agreed to the data notice."""


@dataclass(frozen=True, slots=True)
class Contact:
    """What Telegram tells us about the person writing (not personal data we ask for)."""

    telegram_id: int
    chat_id: int
    username: str | None
    language_code: str | None


@dataclass(frozen=True, slots=True)
class Profile:
    user_id: int
    telegram_id: int
    full_name: str | None
    unit_id: int | None
    unit_name: str | None
    is_active: bool
    reminders_enabled: bool = True
    role: str | None = None
    consent_version: str | None = None
    consent_at: datetime | None = None

    @property
    def registered(self) -> bool:
        return self.full_name is not None and self.unit_id is not None

    @property
    def consented(self) -> bool:
        """Agreed to the current data notice (registered before it existed: not yet)."""
        return self.consent_version == CONSENT_VERSION


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: int
    name: str
    members: int


async def get_profile(session: AsyncSession, telegram_id: int) -> Profile | None:
    row = (
        await session.execute(
            select(User, Unit.name).outerjoin(Unit).where(User.telegram_id == telegram_id)
        )
    ).first()
    if row is None:
        return None
    user, unit_name = row
    return Profile(
        user.id,
        user.telegram_id,
        user.full_name,
        user.unit_id,
        unit_name,
        user.is_active,
        user.reminders_enabled,
        user.role,
        user.consent_version,
        user.consent_at,
    )


async def _upsert_user(
    session: AsyncSession, user: User | None, contact: Contact, now: datetime
) -> User:
    query = select(User).where(User.telegram_id == contact.telegram_id)
    if user is None:
        # Insert-if-missing, not a plain insert: two first updates of one person handled at
        # once would both insert, and one would fail on the unique telegram_id.
        insert = upsert_insert(session)
        await session.execute(
            insert(User)
            .values(
                telegram_id=contact.telegram_id,
                chat_id=contact.chat_id,
                is_active=True,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=["telegram_id"])
        )
        user = await session.scalar(query)
        assert user is not None  # inserted above, or by whoever won the race
    user.chat_id = contact.chat_id
    user.username = contact.username.lower() if contact.username else None
    user.username_seen_at = now
    user.language_code = contact.language_code
    user.is_active = True  # writing to the bot means they have not blocked it
    user.updated_at = now
    return user


async def get_or_create_unit(
    session: AsyncSession,
    name: str,
    key: str,
    now: datetime,
    *,
    better: Callable[[str, str], str] | None = None,
    make_code: Callable[[str, Collection[str]], str] | None = None,
) -> Unit:
    """The unit under `key`, created with this spelling if it is new.

    An existing unit takes the spelling `better(its name, name)` returns: the caller decides
    which of two spellings of one unit is better written ("Phòng Kế toán" over "phong ke
    toan", typed first), so what everyone sees improves.

    `key` is the folded name under which two spellings of one unit collide; the caller folds
    it (bot.services.profile.unit_key) with the same text rules the rest of the bot reads
    names with, which live in bot.core. A new unit gets its invite code at once,
    `make_code(name, codes taken)` (bot.core.unit_code), so its link works before anyone
    runs /invite.

    A missing unit is created with INSERT ... ON CONFLICT DO NOTHING and read back: people
    registering into a new unit at the same moment all end up in the one row (PostgreSQL makes
    the losers wait for the winner's commit, then skip), where a plain insert failed on the
    unique key. The conflict may also be on the code (two new units whose names give the same
    code, created at once): the unit is then not there yet, and the insert is tried again
    with the codes taken now.
    """
    query = select(Unit).where(Unit.name_key == key)
    unit = await session.scalar(query)
    for _ in range(CODE_ATTEMPTS):
        if unit is not None:
            break
        code = None
        if make_code is not None:
            codes = await session.scalars(select(Unit.code).where(Unit.code.is_not(None)))
            code = make_code(name, {c for c in codes if c is not None})
        insert = upsert_insert(session)
        await session.execute(
            insert(Unit)
            .values(name=name, name_key=key, code=code, created_at=now)
            .on_conflict_do_nothing()  # any unique key: the name's, or the code's
        )
        unit = await session.scalar(query)
    assert unit is not None  # inserted above, or by whoever won the race
    if better is not None and (chosen := better(unit.name, name)) != unit.name:
        unit.name = chosen
    return unit


async def get_unit(session: AsyncSession, unit_id: int) -> UnitInfo | None:
    unit = await session.get(Unit, unit_id)
    return None if unit is None else UnitInfo(unit.id, unit.name, 0)


async def save_profile(
    session: AsyncSession,
    contact: Contact,
    full_name: str,
    unit_name: str,
    now: datetime,
    *,
    unit_key: str,
    consent_at: datetime | None = None,
    better: Callable[[str, str], str] | None = None,
    unit_id: int | None = None,
    make_code: Callable[[str, Collection[str]], str] | None = None,
) -> Profile:
    """Register or update a user's full name and unit (names already validated and in NFC;
    `unit_key` is the unit name's folded key and `better` picks its spelling, see
    get_or_create_unit, as `make_code`, a new unit's code). `unit_id`: an existing unit chosen
    from the list, taken as it is.

    Nothing is stored for someone who has not agreed to the current data notice: either it is
    on record, or `consent_at` says when they agreed in the flow that led here.
    """
    user = await session.scalar(select(User).where(User.telegram_id == contact.telegram_id))
    on_record = user is not None and user.consent_version == CONSENT_VERSION
    if not on_record and consent_at is None:
        raise ConsentRequired
    user = await _upsert_user(session, user, contact, now)
    if not on_record:
        user.consent_at, user.consent_version = consent_at, CONSENT_VERSION
    chosen = await session.get(Unit, unit_id) if unit_id is not None else None
    unit = chosen or await get_or_create_unit(
        session, unit_name, unit_key, now, better=better, make_code=make_code
    )
    user.full_name = full_name
    user.unit_id = unit.id
    if user.registered_at is None:
        user.registered_at = now
    await session.flush()
    return Profile(
        user.id,
        user.telegram_id,
        user.full_name,
        unit.id,
        unit.name,
        True,
        user.reminders_enabled,
        user.role,
        user.consent_version,
        user.consent_at,
    )


async def set_full_name(session: AsyncSession, user_id: int, full_name: str) -> None:
    """Store another spelling of a registered user's name (the staff list's)."""
    user = await session.get(User, user_id)
    if user is not None:
        user.full_name = full_name


async def record_consent(session: AsyncSession, telegram_id: int, now: datetime) -> bool:
    """Someone registered before the notice existed agreed to it; False if not known."""
    user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
    if user is None:
        return False
    user.consent_at, user.consent_version = now, CONSENT_VERSION
    return True


async def list_units(session: AsyncSession, limit: int = 12) -> list[UnitInfo]:
    """Units with the most registered members first, for the unit buttons (registration and a
    broadcast's audience). A unit nobody belongs to any more (its last member moved or erased
    their data) is not offered."""
    members = func.count(User.id)
    rows = await session.execute(
        select(Unit.id, Unit.name, members)
        .join(User, User.unit_id == Unit.id)
        .where(User.registered_at.is_not(None), Unit.archived_at.is_(None))
        .group_by(Unit.id, Unit.name)
        .order_by(members.desc(), Unit.name)
        .limit(limit)
    )
    return [UnitInfo(uid, name, count) for uid, name, count in rows]


async def set_reminders(session: AsyncSession, telegram_id: int, enabled: bool) -> bool:
    """Opt in or out of reminders; False if the user is not known yet."""
    user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
    if user is None:
        return False
    user.reminders_enabled = enabled
    return True


async def set_role(session: AsyncSession, telegram_id: int, role: str | None) -> bool:
    """Grant ("organiser") or revoke (None) a role; False if the user is not known yet."""
    user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
    if user is None:
        return False
    user.role = role
    return True


async def remember_user(session: AsyncSession, contact: Contact, now: datetime) -> None:
    """Make sure this person has a row (a first message would make one too)."""
    user = await session.scalar(select(User).where(User.telegram_id == contact.telegram_id))
    await _upsert_user(session, user, contact, now)
