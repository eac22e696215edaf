"""Usernames kept current: who holds "@name" now, and who resolves as "@name"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User


def normalise(username: str | None) -> str | None:
    """Telegram usernames are case-insensitive: stored and compared lower-case."""
    return username.removeprefix("@").lower() if username else None


async def note_username(
    session: AsyncSession, telegram_id: int, username: str | None, now: datetime
) -> bool:
    """Record that `telegram_id` carries `username` now; True if anything had to change.

    Telegram gives a username to one account at a time, so anyone else on record with it
    holds a stale one: it is cleared, and "@name" can no longer resolve to them. Writes only
    when something differs; the read is one indexed lookup.
    """
    name = normalise(username)
    holders = (
        or_(User.telegram_id == telegram_id, User.username == name)
        if name
        else (User.telegram_id == telegram_id)
    )
    rows = (await session.execute(select(User.telegram_id, User.username).where(holders))).all()
    stale = [tid for tid, held in rows if tid != telegram_id and held == name]
    mine = [held for tid, held in rows if tid == telegram_id]
    if not stale and (not mine or mine[0] == name):
        return False
    if stale:
        await session.execute(update(User).where(User.telegram_id.in_(stale)).values(username=None))
    if mine:
        await session.execute(
            update(User)
            .where(User.telegram_id == telegram_id)
            .values(username=name, username_seen_at=now)
        )
    return True


async def holder(session: AsyncSession, username: str) -> User | None:
    """The most recent holder of `username` on record (normally the only one)."""
    return await session.scalar(
        select(User)
        .where(User.username == normalise(username))
        .order_by(User.username_seen_at.desc().nulls_last(), User.id.desc())
        .limit(1)
    )
