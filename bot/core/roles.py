"""Who may do what: admins (ADMIN_IDS), organisers (granted), officials (everyone else)."""

from __future__ import annotations

from enum import IntEnum

from sqlalchemy.ext.asyncio import AsyncSession

from db.queries.users import get_profile

ORGANISER = "organiser"


class Role(IntEnum):
    OFFICIAL = 0
    ORGANISER = 1
    ADMIN = 2


async def role_of(session: AsyncSession, telegram_id: int, admin_ids: frozenset[int]) -> Role:
    """The caller's role now: checked on every command and every button press."""
    if telegram_id in admin_ids:
        return Role.ADMIN
    profile = await get_profile(session, telegram_id)
    if profile is not None and profile.role == ORGANISER:
        return Role.ORGANISER
    return Role.OFFICIAL
