"""Nothing lost when the process dies: the real bot, kill -9 at random moments, restarted."""

from __future__ import annotations

import asyncio
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.fake_process import bot_env, free_port
from bench.fake_telegram_http import HttpFakeTelegram
from bot.fake_updates import FakeUser, UpdateFactory

USERS = 200
CHECKINS_EACH = 5
NOTE = re.compile(r"Ghi chú: (bài số \d+-\d+)")


@pytest.fixture
def telegram() -> Iterator[tuple[HttpFakeTelegram, asyncio.AbstractEventLoop]]:
    """The HTTP fake Telegram on its own event loop in a thread; the bot runs as a process."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = HttpFakeTelegram(limit=100_000)
    asyncio.run_coroutine_threadsafe(server.start(), loop).result(10)
    yield server, loop

    async def shutdown() -> None:
        await server.stop()
        # Connections left open by killed bots: end them here, not at garbage collection.
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    asyncio.run_coroutine_threadsafe(shutdown(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


def _start(tmp_path: Path, base_url: str) -> subprocess.Popen[bytes]:
    env = bot_env(
        base_url, TELEGRAM_BOT_TOKEN="123456:durability",
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        TELEGRAM_MAX_RATE="1000", TELEGRAM_CHAT_RATE="1000", DISPATCH_INTERVAL_SECONDS="0",
        BOT_CLOCK_START="2023-10-03T09:00:00+07:00", LOG_LEVEL="WARNING",
    )  # fmt: skip
    return subprocess.Popen([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip


def test_kill_9_loses_no_confirmed_checkin_and_doubles_none(tmp_path: Path, telegram) -> None:  # type: ignore[no-untyped-def]
    server, _ = telegram
    factory = UpdateFactory(server.telegram)
    users = [FakeUser(500_000 + i, f"U{i}") for i in range(USERS)]
    payloads = [
        factory.message(u, f"/hoso Cán bộ {i} | Phòng {i % 7}") for i, u in enumerate(users)
    ]
    for n in range(CHECKINS_EACH):
        payloads += [
            factory.message(u, f"/diemdanh 30 bài số {i}-{n}") for i, u in enumerate(users)
        ]
    total = len(payloads)
    for payload in payloads:
        server.push(payload)
    last_id = payloads[-1]["update_id"]

    rng = random.Random(42)
    db = tmp_path / "bot.db"
    progress = []  # updates whose effect was stored, at each kill
    for _ in range(5):
        process = _start(tmp_path, server.base_url)
        time.sleep(rng.uniform(2.0, 3.5))  # start-up takes ~1.5 s; kill during the work
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        progress.append(_handled(db))
    process = _start(tmp_path, server.base_url)
    deadline, settled = time.monotonic() + 240, False
    while not settled and time.monotonic() < deadline:
        time.sleep(1)
        if server.confirmed > last_id and db.exists():
            with sqlite3.connect(db) as con:
                query = "SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL"
                settled = con.execute(query).fetchone()[0] == 0
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    # Everything was handled and marked while running, not only at shutdown.
    assert settled, "updates were left unmarked while the bot ran"
    # The kills fell in the middle of the work, not before or after it.
    assert sum(0 < p < total for p in progress) >= 3, progress
    assert process.returncode == 0, err.decode()[-2000:]

    with sqlite3.connect(db) as con:
        inbox_rows, unprocessed = con.execute(
            "SELECT COUNT(*), SUM(processed_at IS NULL) FROM inbox").fetchone()  # fmt: skip
        notes = [n for (n,) in con.execute("SELECT note FROM checkins WHERE deleted_at IS NULL")]
        registered = con.execute(
            "SELECT COUNT(*) FROM users WHERE registered_at IS NOT NULL"
        ).fetchone()[0]
    # Every update reached the inbox and was handled.
    assert (inbox_rows, unprocessed) == (total, 0)
    assert registered == USERS
    # Every check-in is stored exactly once.
    assert len(notes) == USERS * CHECKINS_EACH == len(set(notes))
    # Every check-in the bot confirmed to a user is in the database.
    confirmed = {
        m.group(1)
        for message in server.telegram.messages.values()
        if (m := NOTE.search(message.text))
    }
    assert confirmed and confirmed <= set(notes)


def _handled(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        try:
            checkins = con.execute("SELECT COUNT(*) FROM checkins").fetchone()[0]
            users = con.execute("SELECT COUNT(registered_at) FROM users").fetchone()[0]
            return int(checkins + users)
        except sqlite3.OperationalError:  # killed before the migrations ran
            return 0


def test_webhook_process_end_to_end(tmp_path: Path, telegram) -> None:  # type: ignore[no-untyped-def]
    import urllib.request

    server, _ = telegram
    port = free_port()
    env = bot_env(
        server.base_url, TELEGRAM_BOT_TOKEN="123456:webhook",
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        WEBHOOK_URL="https://bot.example.vn/", WEBHOOK_SECRET="abc_DEF-123",
        WEBHOOK_PORT=str(port), DISPATCH_INTERVAL_SECONDS="0", TELEGRAM_CHAT_RATE="1000",
    )  # fmt: skip
    process = subprocess.Popen([sys.executable, "-m", "bot", "webhook"], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        user = FakeUser(4242, "Web")
        update = UpdateFactory(server.telegram).message(user, "khai mac luc nao z")
        request = urllib.request.Request(
            f"{base}/telegram", data=__import__("json").dumps(update).encode(), method="POST",
            headers={"Content-Type": "application/json",
                     "X-Telegram-Bot-Api-Secret-Token": "abc_DEF-123"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=5) as answer:
            assert answer.status == 200
        for _ in range(50):
            if server.telegram.sent(user.id):
                break
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err.decode()[-2000:]
    webhook = next(c for c in server.telegram.calls if c.method == "setWebhook")
    assert webhook.params["url"] == "https://bot.example.vn/telegram"
    assert webhook.params["secret_token"] == "abc_DEF-123"
    assert "Lễ khai mạc Tuần lễ năm 2023" in server.telegram.sent(user.id)[-1].text
