"""Service tests run on a real, migrated database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.migrate import upgrade
from db.queries.users import Contact, save_profile
from db.session import create_engine, create_sessionmaker
from tests.conftest import vn

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[Sessions]:
    engine = create_engine(database_url)
    await upgrade(engine)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def register(
    sessions: Sessions, telegram_id: int, name: str, username: str | None = None
) -> None:
    """Someone who registered (and agreed to the data notice) on 1 October 2023."""
    async with sessions() as s, s.begin():
        contact = Contact(telegram_id, telegram_id, username, "vi")
        at = vn(2023, 10, 1, 8)
        await save_profile(s, contact, name, "Phòng Tổng hợp", at, consent_at=at)
