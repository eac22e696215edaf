"""Finding 13: two processes on one token, or on one SQLite file.

Found: Telegram answered the second poller 409 Conflict and the two knocked each other out
every few seconds with a raw traceback. Now a 409 is logged once ("another instance is
polling with this token"), the poller steps aside and retries, and it answers again once the
other is gone. And a second bot process on the same SQLite file exits at once with one line.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.fake_telegram_http import HttpFakeTelegram
from bot.app import build_application, running
from bot.core.clock import FrozenClock
from bot.offline.fake_updates import FakeUser, UpdateFactory
from bot.transport import polling
from tests.conftest import make_settings, vn
from tests.threaded_fake import start_bot, threaded_fake, wait_until


async def test_409_conflict_is_said_once_and_polling_carries_on(
    tmp_path: Path,
    server: HttpFakeTelegram,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(polling, "CONFLICT_BACKOFF", 0.01)
    monkeypatch.setattr(polling, "CONFLICT_QUIET", 0.2)
    caplog.set_level(logging.INFO)
    conflicts = {"left": 25, "answered": 0}

    def other_poller(method: str, _params: dict[str, Any]) -> str | None:
        # Another process polls with the same token: Telegram ends our long polls with 409.
        if method == "getUpdates" and conflicts["left"] > 0:
            conflicts["left"] -= 1
            conflicts["answered"] += 1
            return "409"
        return None

    server.fault = other_poller
    settings = make_settings(
        tmp_path, telegram_bot_token="123456:conflict", telegram_api_base_url=server.base_url
    )
    app = build_application(settings, clock=FrozenClock(vn(2023, 10, 3, 9, 0)), durable=True)
    user = FakeUser(840_001, "Minh")
    stop = asyncio.Event()
    async with running(app):
        task = asyncio.create_task(polling.poll(app, stop))
        server.push(UpdateFactory(server.telegram).message(user, "chủ đề năm nay là gì"))
        for _ in range(3000):  # bounded wait: the answer comes once the 409s stop
            if server.telegram.sent(user.id) or task.done():
                break
            await asyncio.sleep(0.01)
        for _ in range(100):  # and a while with no conflict: "alone again"
            if any("polls alone again" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.01)
        assert not task.done(), task  # found: the loop ended with a traceback
        stop.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert conflicts["answered"] == 25
    assert server.telegram.sent(user.id), "polling never resumed"
    said = [r.getMessage() for r in caplog.records if "another instance" in r.getMessage()]
    assert len(said) == 1 and "another instance is polling with this token" in said[0], said
    assert sum("polls alone again" in r.getMessage() for r in caplog.records) == 1
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


@pytest.fixture
def threaded() -> Iterator[HttpFakeTelegram]:
    with threaded_fake() as fake:
        yield fake


def test_a_second_process_on_the_same_sqlite_file_exits_with_one_line(
    tmp_path: Path, threaded: HttpFakeTelegram
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    factory = UpdateFactory(threaded.telegram)
    first = start_bot(tmp_path, threaded, DATABASE_URL=url)
    try:
        early = FakeUser(850_001, "Sớm")
        threaded.push(factory.message(early, "/start"))
        wait_until(lambda: bool(threaded.telegram.sent(early.id)), "the first bot answered")

        second = start_bot(tmp_path, threaded, DATABASE_URL=url)
        _, err = second.communicate(timeout=60)
        lines = [line for line in err.decode().splitlines() if line.strip()]
        assert second.returncode == 1
        assert "Traceback" not in err.decode() and len(lines) == 1, lines
        assert "another bot process (pid " in lines[0] and str(tmp_path / "bot.db") in lines[0]
        assert f"pid {first.pid})" in lines[0]

        later = FakeUser(850_002, "Muộn")  # the first one is unharmed
        threaded.push(factory.message(later, "/start"))
        wait_until(lambda: bool(threaded.telegram.sent(later.id)), "the first bot answered")
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert first.returncode == 0

    third = start_bot(tmp_path, threaded, DATABASE_URL=url)  # the lock went with the process
    try:
        after = FakeUser(850_003, "Sau")
        threaded.push(factory.message(after, "/start"))
        wait_until(lambda: bool(threaded.telegram.sent(after.id)), "a new bot answered")
    finally:
        third.send_signal(signal.SIGTERM)
        third.communicate(timeout=30)
    assert third.returncode == 0


def test_the_console_never_runs_beside_a_bot_on_the_same_file(
    tmp_path: Path, threaded: HttpFakeTelegram
) -> None:
    """Found in review: the console's dispatcher would take the live bot's claims as its own."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    first = start_bot(tmp_path, threaded, DATABASE_URL=url)
    try:
        user = FakeUser(850_004, "Sớm")
        threaded.push(UpdateFactory(threaded.telegram).message(user, "/start"))
        wait_until(lambda: bool(threaded.telegram.sent(user.id)), "the bot answered")
        env = {**os.environ, "DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": ""}
        console = subprocess.run(
            [sys.executable, "-m", "bot", "console"],
            cwd=tmp_path,
            env=env,
            input=b"/quit\n",
            capture_output=True,
            timeout=60,
        )
        assert console.returncode == 1
        assert "another bot process (pid " in console.stderr.decode()
        assert "Traceback" not in console.stderr.decode()
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
