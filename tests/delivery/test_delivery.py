"""Finding 4: no lost batches. One dispatcher pass per process, small claims, rows marked
"handed to HTTP" apart from "claimed", claims of a dead process freed within a lease while a
live process keeps its own."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.request import RequestData

from bench import seed
from bot.context import BotApp, Deps, deps_of
from bot.delivery import sending
from bot.delivery.outbox_sender import Report, dispatch_once
from bot.offline.fake_telegram import OfflineTelegram
from bot.services.audience import audience_of
from db.models import Outbox
from db.queries import broadcasts
from db.queries import outbox as box
from tests.conftest import Restartable, StandInRequest, vn

N = 240
BASE = 610_000
TEXT = "Thông báo thử"


class Gated(StandInRequest):
    """The fake Telegram behind a gate: after `free` broadcast messages, requests wait (as if
    in flight, unanswered) until the gate opens."""

    def __init__(self, telegram: OfflineTelegram, free: int) -> None:
        self.telegram, self.free = telegram, free
        self.gate = asyncio.Event()
        self.waiting = 0
        self.all_in_flight = asyncio.Event()  # as many waiting as the dispatcher sends at once

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        params = request_data.parameters if request_data else {}
        if url.endswith("/sendMessage") and int(params.get("chat_id", 0)) >= BASE:
            if self.free > 0:
                self.free -= 1
            else:
                self.waiting += 1
                if self.waiting == sending.CONCURRENCY:
                    self.all_in_flight.set()
                await self.gate.wait()
        return await self.telegram.do_request(url, method, request_data, *args, **kwargs)


async def start_broadcast(app: BotApp, telegram: OfflineTelegram) -> int:
    deps = deps_of(app)
    now = deps.clock.now()
    async with deps.sessions() as session, session.begin():
        await seed.officials(session, N, BASE, now)
        bid = await broadcasts.create_draft(
            session, 1, 1, broadcasts.Content("text", TEXT, None), now
        )
        await broadcasts.set_audience(session, bid, "all", None)
        info = await broadcasts.get(session, bid)
        assert info is not None
        people = await audience_of(session, deps, info)
        await broadcasts.start(session, bid, people, now, from_status="draft")
    for chat in (1, *range(BASE, BASE + N)):
        telegram.add_chat(chat)
    return bid


async def rows(deps: Deps) -> list[Outbox]:
    async with deps.sessions() as session:
        return list(await session.scalars(select(Outbox).where(Outbox.kind == "broadcast")))


def copies(telegram: OfflineTelegram) -> list[int]:
    return [sum(m.text == TEXT for m in telegram.sent(BASE + i)) for i in range(N)]


async def test_a_second_pass_joins_the_first_claims_stay_small_and_a_restart_resends_only_what_never_left(  # noqa: E501
    restartable: Restartable, database_url: str
) -> None:
    """As found: trigger_dispatch started a pass beside the repeating job (two passes, 50 rows
    claimed each) and a kill turned every claimed row `unknown`, most of them never sent."""
    clock, telegram = restartable.clock, restartable.telegram
    clock.set(vn(2023, 11, 15, 9, 0))
    gated = Gated(telegram, free=30)
    async with restartable.started(request=gated) as bot:
        app = bot.app
        deps = deps_of(app)
        await start_broadcast(app, telegram)
        first = asyncio.create_task(dispatch_once(deps, app.bot))
        await gated.all_in_flight.wait()
        # The trigger during a pass: no second pass, the running one goes round again.
        assert await dispatch_once(deps, app.bot) == Report() and deps.delivery.again
        held = [r for r in await rows(deps) if r.status == "sending"]
        handed = [r for r in held if r.handed_at is not None]
        # Only the requests really made are handed over; few rows are claimed ahead.
        assert len(handed) == sending.CONCURRENCY
        assert len(held) <= sending.claim_size(deps)
        # The process "dies" here: another takes over the database (on SQLite at once, as
        # only one process can use it; on PostgreSQL once the dead one's lease ran out).
        if not database_url.startswith("sqlite"):
            clock.advance(sending.LEASE + timedelta(seconds=1))
        async with restartable.started() as successor:
            report = await dispatch_once(deps_of(successor.app), successor.app.bot)
        assert report.unknown == sending.CONCURRENCY
        assert report.sent == N - 30 - sending.CONCURRENCY
        # The requests that were in flight reach Telegram after all; the old pass sends
        # nothing it no longer holds.
        gated.gate.set()
        await first
        final = {r.chat_id: r.status for r in await rows(deps)}
    assert copies(telegram) == [1] * N
    assert sorted(final.values()).count("unknown") == sending.CONCURRENCY
    assert set(final.values()) == {"sent", "unknown"}


async def test_a_live_process_keeps_its_claims_a_dead_ones_are_freed_within_the_lease(
    restartable: Restartable,
) -> None:
    clock, telegram = restartable.clock, restartable.telegram
    clock.set(vn(2023, 11, 15, 9, 0))
    async with restartable.started() as bot:
        app = bot.app
        deps = deps_of(app)
        await start_broadcast(app, telegram)
        t0 = clock.now()
        async with deps.sessions() as session, session.begin():
            live = await box.claim(session, t0, "live", 5)
            dead = await box.claim(session, t0, "dead", 5)
            await box.hand_over(session, [c.id for c in live[:2] + dead[:2]], "dead", t0)
            await box.hand_over(session, [c.id for c in live[:2]], "live", t0)
        clock.advance(timedelta(seconds=20))
        async with deps.sessions() as session, session.begin():
            await box.renew(session, "live", clock.now())  # its heartbeat
        clock.advance(timedelta(seconds=25))  # 45 s after the claims, 25 s after the beat
        async with deps.sessions() as session, session.begin():
            freed = await box.release_stale(session, clock.now(), "me", sending.LEASE)
        statuses = {r.id: (r.status, r.claimed_by) for r in await rows(deps)}
    assert freed == (3, 2)  # the dead one's: 3 never handed over requeued, 2 in doubt
    assert [statuses[c.id] for c in live] == [("sending", "live")] * 5
    assert [statuses[c.id][0] for c in dead] == ["unknown"] * 2 + ["pending"] * 3


async def test_a_slow_live_process_renews_its_claims_while_another_sends_the_rest(
    restartable: Restartable, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("two processes share a PostgreSQL database; SQLite serves one")
    monkeypatch.setattr(sending, "RENEW_SECONDS", 0.01)
    clock, telegram = restartable.clock, restartable.telegram
    clock.set(vn(2023, 11, 15, 9, 0))
    gated = Gated(telegram, free=0)  # every request of the first process hangs
    async with restartable.started(request=gated) as bot:
        app = bot.app
        deps = deps_of(app)
        await start_broadcast(app, telegram)
        first = asyncio.create_task(dispatch_once(deps, app.bot))
        await gated.all_in_flight.wait()
        for _ in range(3):  # a minute passes; the slow process is alive and says so
            clock.advance(timedelta(seconds=20))
            beat = clock.now()
            mine = Outbox.claimed_by == deps.delivery.owner

            async def renewed(at=beat, mine=mine) -> bool:  # type: ignore[no-untyped-def]
                async with deps.sessions() as session:
                    found = await session.scalars(select(Outbox.claimed_at).where(mine))
                    return all(t == at for t in found)

            while not await renewed():  # noqa: ASYNC110 (the database has no event to await)
                await asyncio.sleep(0.01)
        async with restartable.started() as other:
            report = await dispatch_once(deps_of(other.app), other.app.bot)
        held = [r for r in await rows(deps) if r.status == "sending"]
        gated.gate.set()
        await first
        final = [r.status for r in await rows(deps)]
    assert report.unknown == 0 and report.released == 0
    # The slow process kept what it held (no more than one claim); the other sent the rest.
    assert 0 < len(held) <= sending.claim_size(deps) and len(held) + report.sent == N
    assert final == ["sent"] * N and copies(telegram) == [1] * N
