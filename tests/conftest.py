"""Shared fixtures: a real Application on a temporary SQLite file against the fake Telegram."""

from __future__ import annotations

import os
import uuid

# Opt in to PTB 22's timedelta RetryAfter.retry_after, as the bot does (see bot/__main__.py).
os.environ.setdefault("PTB_TIMEDELTA", "1")

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from telegram import Update
from telegram.request import BaseRequest

from bench.fake_telegram_http import HttpFakeTelegram
from bot.app import build_application, running
from bot.context import BotApp, deps_of
from bot.core.clock import FrozenClock
from bot.offline.fake_telegram import OfflineTelegram, SentMessage
from bot.offline.fake_updates import FakeUser, UpdateFactory
from db.models import Checkin
from settings import Settings

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AN = FakeUser(1001, "An", "vi", "an_nguyen")
BINH = FakeUser(1002, "Bình", "vi")
EMMA = FakeUser(1003, "Emma", "en-GB")
ADMIN = FakeUser(9001, "Quản trị", "vi", "quantri")


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)  # type: ignore[misc]


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "telegram_bot_token": None,
        "telegram_max_rate": 1000,
        "telegram_chat_rate": 1000,  # the limiter's own tests check the real limits
        "dispatch_interval_seconds": 0,
        "admin_ids": frozenset({ADMIN.id}),  # tests run the dispatcher by hand, on the fake clock
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class Harness:
    """Drives the real Application like Telegram would, and inspects what it sent."""

    app: BotApp
    telegram: OfflineTelegram
    factory: UpdateFactory
    clock: FrozenClock

    async def feed(self, payload: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(payload, self.app.bot))

    async def say(self, user: FakeUser, text: str) -> SentMessage | None:
        """The user sends `text`; returns the last message the bot sent them, if any."""
        before = len(self.telegram.calls)
        await self.feed(self.factory.message(user, text))
        return self.last(user) if len(self.telegram.calls) > before else None

    async def press(self, user: FakeUser, data: str) -> SentMessage | None:
        """Press the newest button carrying `data` in the user's chat."""
        for message in reversed(self.telegram.sent(user.id)):
            rows = (message.reply_markup or {}).get("inline_keyboard", [])
            if any(b.get("callback_data") == data for row in rows for b in row):
                await self.feed(self.factory.press(user, message, data))
                return self.last(user)
        raise AssertionError(f"no button {data!r} in {user.first_name}'s chat")

    async def agree(self, user: FakeUser) -> SentMessage | None:
        """Press "I agree" under the data notice (registration asks for consent first)."""
        return await self.press(user, "consent:yes")

    async def register(
        self, user: FakeUser, name: str | None = None, unit: str = "Phòng Tổng hợp"
    ) -> SentMessage:
        """The user fills in the one-line profile form (`/hoso`) and agrees to the data notice;
        `name` defaults to "<first name> Nguyễn". Returns the bot's confirmation."""
        name = f"{user.first_name} Nguyễn" if name is None else name
        await self.say(user, f"/hoso {name} | {unit}")
        reply = await self.agree(user)
        assert reply is not None
        assert "Đã lưu hồ sơ" in reply.text or "Profile saved" in reply.text
        return reply

    def last(self, user: FakeUser) -> SentMessage:
        return self.telegram.sent(user.id)[-1]

    def texts(self, user: FakeUser) -> list[str]:
        return [m.text for m in self.telegram.sent(user.id)]

    async def checkins(self, *columns: Any, live: bool = False) -> list[tuple[Any, ...]]:
        """The stored check-ins' `columns`, oldest first; `live`: only those not removed."""
        query = select(*columns).order_by(Checkin.id)
        if live:
            query = query.where(Checkin.deleted_at.is_(None))
        async with deps_of(self.app).sessions() as session:
            return [tuple(row) for row in await session.execute(query)]

    async def checkin_count(self) -> int:
        async with deps_of(self.app).sessions() as session:
            return int(await session.scalar(select(func.count(Checkin.id))) or 0)


class StandInRequest(BaseRequest):
    """A test's own transport in front of the fake Telegram: nothing to open, close or time
    out; a subclass writes only `do_request` (what it delays, fails or passes on)."""

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def callback_data(message: SentMessage) -> list[str]:
    """The callback_data of the message's inline buttons, row by row."""
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row]


def button_pairs(message: SentMessage | None) -> list[tuple[str, str]]:
    """(label, callback_data) of the message's inline buttons; none when there is no message."""
    rows = (message.reply_markup or {}).get("inline_keyboard", []) if message else []
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


PG_ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "")


async def _pg_admin(sql: str) -> None:
    import asyncpg

    url = PG_ADMIN_URL.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(url, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database: a SQLite file, and a new PostgreSQL database when
    TEST_DATABASE_URL points at a server (CI has one); skipped with the reason otherwise."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        return
    if not PG_ADMIN_URL:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql+asyncpg://...)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    try:
        await _pg_admin(f'CREATE DATABASE "{name}"')
    except (TimeoutError, OSError) as exc:
        pytest.skip(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {exc}")
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    await _pg_admin(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(vn(2023, 10, 3, 9, 0))


@dataclass
class Restartable:
    """One installation of the bot: one database, one fake Telegram, one clock. Each
    `started()` builds a fresh Application on them, so a test can stop the bot and start it
    again on the same data, as after a restart or a crash."""

    tmp_path: Path
    database_url: str
    clock: FrozenClock
    telegram: OfflineTelegram
    factory: UpdateFactory
    settings: Settings

    def configure(self, **overrides: Any) -> None:
        """Settings for the next start (the database stays the same)."""
        self.settings = make_settings(self.tmp_path, database_url=self.database_url, **overrides)

    @asynccontextmanager
    async def started(
        self, *, request: BaseRequest | None = None, durable: bool = False, http: bool = False
    ) -> AsyncIterator[Harness]:
        """The bot runs inside the block; `request` wraps Telegram (e.g. to hold requests).
        `http`: the bot talks HTTP to the configured telegram_api_base_url instead."""
        offline = None if http else request or self.telegram
        app = build_application(self.settings, request=offline, clock=self.clock, durable=durable)
        async with running(app):
            yield Harness(app, self.telegram, self.factory, self.clock)


@pytest.fixture
def restartable(tmp_path: Path, clock: FrozenClock, database_url: str) -> Iterator[Restartable]:
    # Telegram dates messages by the same clock the bot reads: a message is sent "now".
    telegram = OfflineTelegram(clock_seconds=lambda: int(clock.now().timestamp()))
    settings = make_settings(tmp_path, database_url=database_url)
    yield Restartable(tmp_path, database_url, clock, telegram, UpdateFactory(telegram), settings)
    # Whatever a test did, the bot never sent Telegram anything it would reject,
    # except the faults the test injected on purpose.
    unexpected = [r for r in telegram.rejections if not r[1].startswith(("Too Many", "Forbidden"))]
    assert unexpected == []


@pytest.fixture
async def bot(restartable: Restartable) -> AsyncIterator[Harness]:
    """The bot, running for the whole test."""
    async with restartable.started() as harness:
        yield harness


@pytest.fixture
async def server() -> AsyncIterator[HttpFakeTelegram]:
    """The HTTP fake Telegram on the test's own event loop (for polling and webhook tests)."""
    fake = HttpFakeTelegram(limit=100_000)
    await fake.start()
    yield fake
    await fake.stop()
