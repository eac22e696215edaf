"""The inbox worker: chats run side by side, each chat strictly in order, marks grouped."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from sqlalchemy import event, func, select
from telegram import Update
from telegram.ext import TypeHandler

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from bot.transport.inbox_worker import worker_of
from db.models import InboxUpdate
from db.queries import inbox
from tests.conftest import Harness, Restartable

USERS = [FakeUser(700 + i, f"U{i}") for i in range(6)]


@pytest.fixture
async def bot(restartable: Restartable) -> AsyncIterator[Harness]:
    restartable.configure(update_concurrency=3)
    async with restartable.started() as harness:
        yield harness


class Probe:
    """Runs before every handler: records what started and finished, holds some updates."""

    def __init__(self) -> None:
        self.started: list[tuple[int, str]] = []
        self.finished: list[tuple[int, str]] = []
        self.gates: dict[str, asyncio.Event] = {}  # message text -> released when set
        self.running = 0
        self.most_at_once = 0

    async def __call__(self, update: Update, _context: Any) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        key = (message.chat_id, message.text)
        self.started.append(key)
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        gate = self.gates.get(message.text)
        if gate is not None:
            await gate.wait()
        self.running -= 1
        self.finished.append(key)


def attach(bot: Harness) -> Probe:
    probe = Probe()
    bot.app.add_handler(TypeHandler(Update, probe), group=-1)
    return probe


async def store(bot: Harness, messages: list[tuple[FakeUser, str]]) -> None:
    deps = deps_of(bot.app)
    payloads = [bot.factory.message(user, text) for user, text in messages]
    async with deps.sessions() as session, session.begin():
        await inbox.store(session, payloads, deps.clock.now())


async def until(condition: Callable[[], bool], what: str) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting until {what}")


async def unprocessed(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as session:
        query = select(func.count()).where(InboxUpdate.processed_at.is_(None))
        return int(await session.scalar(query) or 0)


async def test_a_slow_update_holds_up_its_own_chat_only(bot: Harness) -> None:
    probe = attach(bot)
    slow, other = USERS[0], USERS[1]
    probe.gates["export"] = asyncio.Event()
    await store(bot, [(slow, "export"), (other, "a1"), (slow, "after export"), (other, "a2")])
    draining: asyncio.Task[int] = asyncio.create_task(worker_of(bot.app).drain())
    await until(lambda: (other.id, "a2") in probe.finished, "the other chat is done")
    # The slow chat's next update waits for the slow one; the other chat did not wait at all.
    assert (slow.id, "after export") not in probe.started
    probe.gates["export"].set()
    assert await draining == 4
    assert [k for k in probe.finished if k[0] == slow.id] == [
        (slow.id, "export"),
        (slow.id, "after export"),
    ]
    assert [k for k in probe.finished if k[0] == other.id] == [(other.id, "a1"), (other.id, "a2")]
    assert await unprocessed(bot) == 0
    assert await worker_of(bot.app).drain() == 0  # nothing is handled twice


async def test_concurrency_is_bounded_and_refill_takes_nothing_twice(bot: Harness) -> None:
    probe = attach(bot)
    gate = probe.gates["wait"] = asyncio.Event()
    await store(bot, [(user, "wait") for user in USERS])
    worker = worker_of(bot.app)
    assert await worker.refill() == len(USERS)
    await until(lambda: probe.running == 3, "three updates run")
    assert await worker.refill() == 0  # under way is not new, though not yet marked
    await asyncio.sleep(0.05)
    assert probe.most_at_once == 3  # UPDATE_CONCURRENCY=3 in this fixture
    gate.set()
    await worker.wait_idle()
    assert len(probe.finished) == len(USERS) and await unprocessed(bot) == 0


async def test_updates_finishing_together_are_marked_in_few_writes(bot: Harness) -> None:
    probe = attach(bot)
    gate = probe.gates["together"] = asyncio.Event()
    await store(bot, [(user, "together") for user in USERS[:3]])
    writes: list[str] = []
    engine = deps_of(bot.app).engine.sync_engine

    def count(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        if statement.startswith("UPDATE inbox"):
            writes.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        worker = worker_of(bot.app)
        await worker.refill()
        await until(lambda: probe.running == 3, "all three run")
        gate.set()
        await worker.wait_idle()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert await unprocessed(bot) == 0
    assert 1 <= len(writes) < 3, writes


async def test_questions_through_the_worker_get_their_answers_in_order(bot: Harness) -> None:
    await store(bot, [(USERS[0], "chủ đề năm nay là gì"), (USERS[0], "khai mạc ngày nào")])
    assert await worker_of(bot.app).drain() == 2
    texts = bot.texts(USERS[0])
    assert len(texts) == 2
    assert "Xây dựng năng lực tự học" in texts[0] and "02/10" in texts[1]


async def test_an_update_finishing_during_a_mark_is_marked_without_more_traffic(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = attach(bot)
    first, second = USERS[0], USERS[1]
    probe.gates["later"] = asyncio.Event()
    writing, release = asyncio.Event(), asyncio.Event()
    real_mark = inbox.mark_processed

    async def slow_mark(session: Any, update_ids: list[int], now: Any) -> None:
        writing.set()
        await release.wait()  # the first write is under way while the second update ends
        await real_mark(session, update_ids, now)

    monkeypatch.setattr(inbox, "mark_processed", slow_mark)
    await store(bot, [(first, "now"), (second, "later")])
    await worker_of(bot.app).refill()
    await asyncio.wait_for(writing.wait(), 2)
    probe.gates["later"].set()
    await until(lambda: (second.id, "later") in probe.finished, "the second update is handled")
    release.set()
    # No wait_idle(), no further update: the worker must mark the straggler by itself.
    for _ in range(100):
        if await unprocessed(bot) == 0:
            break
        await asyncio.sleep(0.02)
    assert await unprocessed(bot) == 0
