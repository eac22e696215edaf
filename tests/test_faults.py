"""Telegram misbehaving: 429, 403, 400, 5xx, timeouts, dropped connections — every message
of a broadcast is accounted for, nobody gets it twice, and the bot keeps running."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bench import seed
from bench.fake_telegram_http import HttpFakeTelegram
from bot.app import build_application, running
from bot.clock import FrozenClock
from bot.context import deps_of
from bot.dispatcher import audience_of, dispatch_once
from bot.fake_updates import FakeUser, UpdateFactory
from db.queries import broadcasts
from tests.conftest import make_settings

N = 90
BASE = 600_000
# chat index % 9 -> what Telegram does on the first attempt (and, for 400/403, always)
PLAN = {1: "drop", 2: "502", 3: "403", 4: "400", 5: "slow", 6: "429", 7: "500"}


@pytest.fixture
async def server() -> AsyncIterator[HttpFakeTelegram]:
    fake = HttpFakeTelegram(limit=100_000)
    fake.slow_seconds = 6.0  # beyond PTB's 5 s read timeout
    await fake.start()
    yield fake
    await fake.stop()


async def test_every_message_is_accounted_for(tmp_path: Path, server: HttpFakeTelegram) -> None:
    attempts: dict[int, int] = {}

    def fault(method: str, params: dict[str, Any]) -> str | None:
        if method != "sendMessage" or "chat_id" not in params:
            return None
        chat = int(params["chat_id"])
        kind = PLAN.get((chat - BASE) % 9) if chat >= BASE else None
        attempts[chat] = attempts.get(chat, 0) + 1
        if kind in {"400", "403"}:
            return kind
        return kind if attempts[chat] == 1 else None

    server.fault = fault
    clock = FrozenClock(datetime(2023, 11, 15, 2, 0, tzinfo=UTC))
    settings = make_settings(tmp_path, telegram_bot_token="123456:faults",
                             telegram_api_base_url=server.base_url)  # fmt: skip
    app = build_application(settings, clock=clock)
    deps = deps_of(app)
    async with running(app):
        now = clock.now()
        async with deps.sessions() as session, session.begin():
            await seed.officials(session, N, BASE, now)
            bid = await broadcasts.create_draft(
                session, 1, 1, broadcasts.Content("text", "Thông báo thử", None), now
            )
            await broadcasts.set_audience(session, bid, "all", None)
            info = await broadcasts.get(session, bid)
            assert info is not None
            await broadcasts.start(session, bid, await audience_of(session, deps, info), now,
                                   from_status="draft")  # fmt: skip
        for i in range(N):
            server.telegram.add_chat(BASE + i)
        server.telegram.add_chat(1)
        for _ in range(6):  # passes, with time for the retries to fall due
            await dispatch_once(deps, app.bot)
            clock.advance(timedelta(minutes=5))
        async with deps.sessions() as session:
            tally = await broadcasts.tally(session, bid)
        # The bot is still answering people.
        user = FakeUser(BASE + 1000, "Vẫn chạy")
        update = UpdateFactory(server.telegram).message(user, "/start")
        await app.process_update(Update.de_json(update, app.bot))

    per_kind = {kind: N // 9 for kind in PLAN.values()}
    assert tally.pending == 0
    assert tally.blocked == per_kind["403"]
    assert tally.failed == per_kind["400"]
    assert tally.unknown == per_kind["slow"]  # answered too late: maybe delivered, not resent
    assert tally.sent == N - per_kind["403"] - per_kind["400"] - per_kind["slow"]
    assert tally.done == N
    for i in range(N):
        delivered = sum("Thông báo thử" in m.text for m in server.telegram.sent(BASE + i))
        assert delivered <= 1, i  # never twice, whatever failed
    assert server.telegram.sent(user.id), "the bot stopped answering"
