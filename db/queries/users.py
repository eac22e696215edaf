"""Users and units: who is registered, under which unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.textnorm import fold, nfc
from db.models import Checkin, DailyTotal, Outbox, Unit, User


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

    @property
    def registered(self) -> bool:
        return self.full_name is not None and self.unit_id is not None


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: int
    name: str
    members: int


def unit_key(name: str) -> str:
    """The folded form under which two spellings of one unit name collide."""
    return fold(nfc(name))


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
        user.id, user.telegram_id, user.full_name, user.unit_id, unit_name, user.is_active,
        user.reminders_enabled, user.role,
    )  # fmt: skip


async def _upsert_user(session: AsyncSession, contact: Contact, now: datetime) -> User:
    user = await session.scalar(select(User).where(User.telegram_id == contact.telegram_id))
    if user is None:
        user = User(telegram_id=contact.telegram_id, created_at=now, is_active=True)
        session.add(user)
    user.chat_id = contact.chat_id
    user.username = contact.username
    user.language_code = contact.language_code
    user.is_active = True  # writing to the bot means they have not blocked it
    user.updated_at = now
    return user


async def get_or_create_unit(session: AsyncSession, name: str, now: datetime) -> Unit:
    clean = nfc(name)
    unit = await session.scalar(select(Unit).where(Unit.name_key == unit_key(clean)))
    if unit is None:
        unit = Unit(name=clean, name_key=unit_key(clean), created_at=now)
        session.add(unit)
        await session.flush()
    return unit


async def get_unit(session: AsyncSession, unit_id: int) -> UnitInfo | None:
    unit = await session.get(Unit, unit_id)
    return None if unit is None else UnitInfo(unit.id, unit.name, 0)


async def save_profile(
    session: AsyncSession, contact: Contact, full_name: str, unit_name: str, now: datetime
) -> Profile:
    """Register or update a user's full name and unit (names already validated)."""
    user = await _upsert_user(session, contact, now)
    unit = await get_or_create_unit(session, unit_name, now)
    user.full_name = nfc(full_name)
    user.unit_id = unit.id
    if user.registered_at is None:
        user.registered_at = now
    await session.flush()
    return Profile(
        user.id, user.telegram_id, user.full_name, unit.id, unit.name, True,
        user.reminders_enabled, user.role,
    )  # fmt: skip


async def list_units(session: AsyncSession, limit: int = 12) -> list[UnitInfo]:
    """Units with the most registered members first, for the unit buttons."""
    members = func.count(User.id)
    rows = await session.execute(
        select(Unit.id, Unit.name, members)
        .outerjoin(User, User.unit_id == Unit.id)
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


async def delete_user(session: AsyncSession, telegram_id: int) -> bool:
    """Erase a user with their check-ins and queued messages (foreign keys cascade)."""
    user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
    if user is None:
        return False
    await session.execute(delete(Checkin).where(Checkin.user_id == user.id))
    await session.execute(delete(DailyTotal).where(DailyTotal.user_id == user.id))
    await session.execute(delete(Outbox).where(Outbox.user_id == user.id))
    await session.delete(user)
    return True
