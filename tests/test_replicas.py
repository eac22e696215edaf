"""Several bot processes on one PostgreSQL database: each message is sent by one of them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from bot.app import build_application, running
from bot.clock import FrozenClock
from bot.context import deps_of
from bot.dispatcher import dispatch_once
from bot.offline import OfflineTelegram
from db.models import Unit, User
from tests.conftest import make_settings, vn

OFFICIALS = 500


async def test_two_replicas_send_a_reminder_to_500_users_exactly_once(
    tmp_path: Path, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("replicas share a PostgreSQL database; SQLite serves one process")
    telegram = OfflineTelegram()  # one Telegram, as in production
    clock = FrozenClock(vn(2023, 10, 2, 7, 30, 5))  # the opening-day reminder is due
    settings = make_settings(tmp_path, database_url=database_url)
    apps = [build_application(settings, request=telegram, clock=clock) for _ in range(2)]
    async with running(apps[0]), running(apps[1]):
        now = datetime(2023, 10, 1, tzinfo=UTC)
        async with deps_of(apps[0]).sessions() as session, session.begin():
            await session.execute(insert(Unit).values(id=1, name="Phòng A", name_key="phong a",
                                                      created_at=now))  # fmt: skip
            await session.execute(insert(User), [
                {"telegram_id": 800_000 + i, "chat_id": 800_000 + i, "full_name": f"U{i}",
                 "unit_id": 1, "is_active": True, "reminders_enabled": True,
                 "registered_at": now, "created_at": now, "updated_at": now}
                for i in range(OFFICIALS)
            ])  # fmt: skip
        for i in range(OFFICIALS):
            telegram.add_chat(800_000 + i)
        # Each replica runs several passes at once, as overlapping jobs would.
        reports = await asyncio.gather(
            *(dispatch_once(deps_of(app), app.bot) for app in apps for _ in range(3))
        )
    assert sum(r.sent for r in reports) == OFFICIALS
    assert sum(r.planned for r in reports) >= 1
    per_chat = [sum("Hôm nay khai mạc" in m.text for m in telegram.sent(800_000 + i))
                for i in range(OFFICIALS)]  # fmt: skip
    assert per_chat == [1] * OFFICIALS
    # Both replicas took part: the work was really contended, not done by one alone.
    assert sum(r.sent for r in reports[:3]) > 0 and sum(r.sent for r in reports[3:]) > 0
