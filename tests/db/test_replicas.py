"""Several bot processes on one PostgreSQL database: each message is sent by one of them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from bench import seed
from bot.app import build_application, running
from bot.context import deps_of
from bot.core.clock import FrozenClock
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_telegram import OfflineTelegram, SentMessage
from bot.offline.fake_updates import FakeUser, UpdateFactory
from bot.transport import polling
from bot.transport.webhook import PATH, SECRET_HEADER, make_asgi
from db.models import Checkin, InboxUpdate, User
from tests.conftest import Restartable, make_settings, vn

OFFICIALS = 500


async def test_two_replicas_send_a_reminder_to_500_users_exactly_once(
    restartable: Restartable, database_url: str
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("replicas share a PostgreSQL database; SQLite serves one process")
    telegram = restartable.telegram  # one Telegram, as in production
    restartable.clock.set(vn(2023, 10, 2, 7, 30, 5))  # the opening-day reminder is due
    async with restartable.started() as one, restartable.started() as two:
        apps = [one.app, two.app]
        now = datetime(2023, 10, 1, tzinfo=UTC)
        async with deps_of(apps[0]).sessions() as session, session.begin():
            chats = await seed.officials(session, OFFICIALS, 800_000, now)
        for chat in chats:
            telegram.add_chat(chat)
        # Each replica runs several passes at once, as overlapping jobs would.
        reports = await asyncio.gather(
            *(dispatch_once(deps_of(app), app.bot) for app in apps for _ in range(3))
        )
    assert sum(r.sent for r in reports) == OFFICIALS
    assert sum(r.planned for r in reports) >= 1
    per_chat = [
        sum("Hôm nay khai mạc" in m.text for m in telegram.sent(800_000 + i))
        for i in range(OFFICIALS)
    ]
    assert per_chat == [1] * OFFICIALS
    # Both replicas took part: the work was really contended, not done by one alone.
    assert sum(r.sent for r in reports[:3]) > 0 and sum(r.sent for r in reports[3:]) > 0


async def test_webhook_replicas_split_chats_and_keep_conversations(
    tmp_path: Path, database_url: str
) -> None:
    """Round-robin delivery to two replicas: every update handled once, by its chat's owner,
    in order, so step-by-step registrations complete even though their messages arrive at
    different replicas."""

    if database_url.startswith("sqlite"):
        pytest.skip("replicas share a PostgreSQL database; SQLite serves one process")
    telegram = OfflineTelegram()
    factory = UpdateFactory(telegram)
    clock = FrozenClock(vn(2023, 10, 3, 9, 0))
    apps = [
        build_application(
            make_settings(tmp_path, database_url=database_url, replicas=2, replica_index=k),
            request=telegram,
            clock=clock,
        )
        for k in range(2)
    ]
    users = [FakeUser(900_000 + i, f"U{i}") for i in range(20)]
    stream = []
    for i, u in enumerate(users):  # each user: consent, a three-step registration, 2 check-ins
        # The press is built now, so that its update_id keeps its place in the chat's order;
        # the notice it answers is not sent yet, so the press carries a stand-in of it.
        notice = SentMessage(u.id, 1, "", None)
        stream += [
            factory.message(u, "/hoso"),
            factory.press(u, notice, "consent:yes"),
            factory.message(u, f"Cán bộ {i}"),
            factory.message(u, "Phòng Tổng hợp"),
            factory.message(u, f"/diemdanh 30 a{i}"),
            factory.message(u, f"/diemdanh 45 b{i}"),
        ]
    async with running(apps[0]), running(apps[1]):
        clients = [
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=make_asgi(app, "s")), base_url="http://replica"
            )
            for app in apps
        ]
        # The load balancer alternates; a replica works on the inbox when it receives (its
        # worker wakes then), so without chat affinity a user's steps would be split between
        # processes that do not share conversation state.
        for n, payload in enumerate(stream):
            answer = await clients[n % 2].post(PATH, json=payload, headers={SECRET_HEADER: "s"})
            assert answer.status_code == 200
            await polling.drain(apps[n % 2])
        handled = await asyncio.gather(*(polling.drain(app) for app in apps))
        for c in clients:
            await c.aclose()
        async with deps_of(apps[0]).sessions() as session:
            waiting = InboxUpdate.processed_at.is_(None)
            unprocessed = await session.scalar(
                select(func.count()).select_from(InboxUpdate).where(waiting)
            )
            notes = sorted(await session.scalars(select(Checkin.note)))
            names = set(await session.scalars(select(User.full_name)))
    assert handled == [0, 0] and unprocessed == 0
    assert names == {f"Cán bộ {i}" for i in range(20)}  # every conversation completed
    assert notes == sorted([f"a{i}" for i in range(20)] + [f"b{i}" for i in range(20)])
    for u in users:
        texts = [m.text for m in telegram.sent(u.id)]
        assert sum("Đã lưu hồ sơ" in t for t in texts) == 1
        assert sum("Đã ghi nhận điểm danh" in t for t in texts) == 2


def test_replica_settings_are_checked(tmp_path: Path) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="REPLICA_INDEX must be below REPLICAS"):
        make_settings(
            tmp_path, database_url="postgresql+asyncpg://x/y", replicas=2, replica_index=2
        )
    with pytest.raises(ValidationError, match="needs a PostgreSQL"):
        make_settings(tmp_path, replicas=2)
    assert (
        make_settings(
            tmp_path, database_url="postgresql+asyncpg://x/y", replicas=2, telegram_max_rate=25
        ).send_rate
        == 12.5
    )


async def test_two_replica_processes_send_the_reminder_exactly_once(
    tmp_path: Path, database_url: str
) -> None:
    """Two real `python -m bot webhook` processes, REPLICAS=2, on one PostgreSQL database."""
    import sys

    from bench.fake_process import bot_env, free_port
    from bench.fake_telegram_http import HttpFakeTelegram
    from db.migrate import upgrade
    from db.session import create_engine

    if database_url.startswith("sqlite"):
        pytest.skip("replicas share a PostgreSQL database; SQLite serves one process")
    engine = create_engine(database_url)
    await upgrade(engine)
    now = datetime(2023, 10, 1, tzinfo=UTC)
    async with engine.begin() as conn:
        await seed.officials(conn, OFFICIALS, 700_000, now)
    await engine.dispose()
    server = HttpFakeTelegram(limit=100_000)
    await server.start()
    for i in range(OFFICIALS):
        server.telegram.add_chat(700_000 + i)
    processes = []
    for k in range(2):
        port = free_port()
        env = bot_env(
            server.base_url,
            TELEGRAM_BOT_TOKEN="123456:replicas",
            DATABASE_URL=database_url,
            BOT_MODE="webhook",
            WEBHOOK_URL="https://bot.example.vn",
            WEBHOOK_SECRET="s",
            WEBHOOK_PORT=str(port),
            REPLICAS="2",
            REPLICA_INDEX=str(k),
            DISPATCH_INTERVAL_SECONDS="1",
            BOT_CLOCK_START="2023-10-02T07:29:57+07:00",
            TELEGRAM_MAX_RATE="1000",
            TELEGRAM_CHAT_RATE="1000",
        )
        processes.append(
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=tmp_path,
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
        )

    def received() -> list[int]:
        return [
            sum("Hôm nay khai mạc" in m.text for m in server.telegram.sent(700_000 + i))
            for i in range(OFFICIALS)
        ]

    try:
        for _ in range(600):
            await asyncio.sleep(0.1)
            if sum(received()) >= OFFICIALS:
                break
        await asyncio.sleep(2)  # let a late duplicate show, if there were one
    finally:
        for process in processes:
            process.terminate()
        outcomes = [await process.communicate() for process in processes]
        await server.stop()
    assert [p.returncode for p in processes] == [0, 0], [e.decode()[-1500:] for _, e in outcomes]
    assert received() == [1] * OFFICIALS
