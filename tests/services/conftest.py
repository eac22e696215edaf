"""Service tests: a real, migrated database (SQLite, and PostgreSQL when configured) and a
frozen clock in the edition's week."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot.core.clock import FrozenClock
from bot.core.editions import Editions, load_editions
from bot.services.profile import unit_key
from db.migrate import upgrade
from db.queries.users import Contact, save_profile
from db.session import Sessions, create_engine, create_sessionmaker
from tests.conftest import vn


@dataclass(frozen=True, slots=True)
class Calendar:
    clock: FrozenClock
    editions: Editions


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[Sessions]:
    engine = create_engine(database_url)
    await upgrade(engine)
    yield create_sessionmaker(engine)
    await engine.dispose()


@pytest.fixture
def calendar() -> Calendar:
    return Calendar(FrozenClock(vn(2023, 10, 3, 9, 0)), load_editions())


async def register(
    sessions: Sessions,
    telegram_id: int,
    unit: str = "Phòng A",
    *,
    name: str | None = None,
    username: str | None = None,
) -> int:
    """Someone who registered (and agreed to the data notice) on 1 October 2023; returns
    their user id. The name defaults to "User <telegram id>"."""
    async with sessions() as s, s.begin():
        profile = await save_profile(
            s,
            Contact(telegram_id, telegram_id, username, "vi"),
            name or f"User {telegram_id}",
            unit,
            vn(2023, 10, 1, 8),
            unit_key=unit_key(unit),
            consent_at=vn(2023, 10, 1, 8),
        )
    return profile.user_id
