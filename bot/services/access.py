"""The caller's role, read at the moment of use: on every command and every button press."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.roles import Role, role_from
from db.queries.users import get_profile


async def role_of(session: AsyncSession, telegram_id: int, admin_ids: frozenset[int]) -> Role:
    """The role now, inside the caller's transaction (for services that check and act)."""
    if telegram_id in admin_ids:  # no database read needed
        return Role.ADMIN
    profile = await get_profile(session, telegram_id)
    return role_from(telegram_id, admin_ids, profile.role if profile is not None else None)


async def current_role(
    sessions: async_sessionmaker[AsyncSession], telegram_id: int, admin_ids: frozenset[int]
) -> Role:
    """The role now, in a short read of its own."""
    if telegram_id in admin_ids:
        return Role.ADMIN
    async with sessions() as session:
        return await role_of(session, telegram_id, admin_ids)
