"""Telegram misbehaving: 429, 403, 400, 5xx, timeouts, dropped connections — every message
of a broadcast is accounted for, nobody gets it twice, and the bot keeps running."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telegram import Update

from bench import seed
from bench.fake_telegram_http import HttpFakeTelegram
from bot.context import deps_of
from bot.core.clock import FrozenClock
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_updates import FakeUser, UpdateFactory
from bot.services.audience import audience_of
from db.queries import broadcasts
from tests.conftest import Restartable

N = 90
BASE = 600_000
# chat index % 9 -> what Telegram does on the first attempt (and, for 400/403, always)
PLAN = {1: "drop", 2: "502", 3: "403", 4: "400", 5: "slow", 6: "429", 7: "500"}


def _on_http(restartable: Restartable, server: HttpFakeTelegram) -> FrozenClock:
    """The installation talks HTTP to `server` (PTB's own requests, timeouts and all), on the
    day these faults were planned for: mid-November, outside the week."""
    restartable.configure(telegram_bot_token="123456:faults", telegram_api_base_url=server.base_url)
    restartable.clock.set(datetime(2023, 11, 15, 2, 0, tzinfo=UTC))
    return restartable.clock


@pytest.fixture
async def server() -> AsyncIterator[HttpFakeTelegram]:
    fake = HttpFakeTelegram(limit=100_000)
    fake.slow_seconds = 6.0  # beyond PTB's 5 s read timeout
    await fake.start()
    yield fake
    await fake.stop()


async def test_every_message_is_accounted_for(
    restartable: Restartable, server: HttpFakeTelegram
) -> None:
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
    clock = _on_http(restartable, server)
    async with restartable.started(http=True) as bot:
        app, deps = bot.app, deps_of(bot.app)
        now = clock.now()
        async with deps.sessions() as session, session.begin():
            await seed.officials(session, N, BASE, now)
            bid = await broadcasts.create_draft(
                session, 1, 1, broadcasts.Content("text", "Thông báo thử", None), now
            )
            await broadcasts.set_audience(session, bid, "all", None)
            info = await broadcasts.get(session, bid)
            assert info is not None
            await broadcasts.start(
                session, bid, await audience_of(session, deps, info), now, from_status="draft"
            )
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


async def test_telegram_silent_for_a_while_leaves_few_in_doubt_and_resend_reaches_them(
    restartable: Restartable, server: HttpFakeTelegram
) -> None:
    """As found: a minute of Telegram timeouts left 172 of 301 recipients `unknown` for good.
    Now the first timeouts pause sending (only the requests already in flight are in doubt),
    a single message probes after each pause, and the organiser can resend to those in doubt."""
    from bot.delivery import sending
    from tests.conftest import ADMIN

    total = 301
    outage = {"on": True}

    def fault(method: str, params: dict[str, Any]) -> str | None:
        chat = int(params.get("chat_id", 0))
        return "hang" if method == "sendMessage" and chat >= BASE and outage["on"] else None

    server.fault = fault
    clock = _on_http(restartable, server)
    factory = UpdateFactory(server.telegram)
    async with restartable.started(http=True) as bot:
        app, deps = bot.app, deps_of(bot.app)
        now = clock.now()
        async with deps.sessions() as session, session.begin():
            await seed.officials(session, total, BASE, now)
            bid = await broadcasts.create_draft(
                session, ADMIN.id, ADMIN.id, broadcasts.Content("text", "Thông báo thử", None), now
            )
            await broadcasts.set_audience(session, bid, "all", None)
            info = await broadcasts.get(session, bid)
            assert info is not None
            await broadcasts.start(
                session, bid, await audience_of(session, deps, info), now, from_status="draft"
            )
        for i in range(total):
            server.telegram.add_chat(BASE + i)
        server.telegram.add_chat(ADMIN.id)
        first = await dispatch_once(deps, app.bot)  # every request times out (5 s)
        assert first.paused and first.sent == 0
        clock.advance(timedelta(seconds=10))
        probe = await dispatch_once(deps, app.bot)  # one message tries; it times out too
        assert probe.paused and probe.unknown == 1
        outage["on"] = False
        clock.advance(timedelta(seconds=30))
        await dispatch_once(deps, app.bot)
        async with deps.sessions() as session:
            tally = await broadcasts.tally(session, bid)
        in_doubt = tally.unknown
        assert tally.pending == 0 and tally.sent + in_doubt == total
        assert in_doubt <= sending.CONCURRENCY + 3  # was 172 of 301
        # The organiser resends to them, after seeing the count and confirming.
        report = next(m for m in server.telegram.sent(ADMIN.id) if "Kết thúc" in m.text)
        assert f"không rõ {in_doubt}" in report.text
        for data in (f"bc:redo:{bid}", f"bc:redook:{bid}"):
            carrier = next(
                m for m in reversed(server.telegram.sent(ADMIN.id)) if data in str(m.reply_markup)
            )
            await app.process_update(Update.de_json(factory.press(ADMIN, carrier, data), app.bot))
        await dispatch_once(deps, app.bot)
        async with deps.sessions() as session:
            tally = await broadcasts.tally(session, bid)
    assert (tally.sent, tally.unknown, tally.pending) == (total, 0, 0)
    # Nothing was delivered during the outage, so everyone has it exactly once.
    per_chat = [
        sum("Thông báo thử" in m.text for m in server.telegram.sent(BASE + i)) for i in range(total)
    ]
    assert per_chat == [1] * total
