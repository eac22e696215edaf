"""The HTTP fake Telegram on its own event loop in a thread, for tests that start the bot as
a real process (`python -m bot`) and talk to it over loopback."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.fake_process import bot_env
from bench.fake_telegram_http import HttpFakeTelegram
from bot.offline.fake_updates import FakeUser, UpdateFactory


@contextmanager
def threaded_fake_and_loop() -> Iterator[tuple[HttpFakeTelegram, asyncio.AbstractEventLoop]]:
    """The fake and the loop it runs on (to run coroutines on it from the test's thread)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = HttpFakeTelegram(limit=100_000)
    server.telegram.clock_seconds = lambda: int(time.time())  # messages are sent "now"
    asyncio.run_coroutine_threadsafe(server.start(), loop).result(10)
    try:
        yield server, loop
    finally:

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


@contextmanager
def threaded_fake() -> Iterator[HttpFakeTelegram]:
    with threaded_fake_and_loop() as (server, _):
        yield server


def start_bot(
    cwd: Path, server: HttpFakeTelegram, *args: str, **settings: str
) -> subprocess.Popen[bytes]:
    """`python -m bot <args>` against the fake, stderr captured."""
    values = {
        "TELEGRAM_BOT_TOKEN": "123456:process",
        "DISPATCH_INTERVAL_SECONDS": "0",
        "TELEGRAM_CHAT_RATE": "1000",
        "LOG_LEVEL": "WARNING",
    }
    env = bot_env(server.base_url, **{**values, **settings})
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Wait (bounded) for something a bot process does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting until {what}")


CONSENT_YES = "consent:yes"


def agree_when_asked(
    server: HttpFakeTelegram, factory: UpdateFactory, users: list[FakeUser], pressed: set[int]
) -> None:
    """Press "I agree" for each user the bot has shown the data notice to (once each), so a
    registration goes through whether or not the bot asks for consent first."""
    for user in users:
        if user.id in pressed:
            continue
        for message in server.telegram.sent(user.id):
            rows = (message.reply_markup or {}).get("inline_keyboard", [])
            if any(b.get("callback_data") == CONSENT_YES for row in rows for b in row):
                server.push(factory.press(user, message, CONSENT_YES))
                pressed.add(user.id)
                break
