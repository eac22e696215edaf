"""Broadcast to N fake recipients through an HTTP fake Telegram that enforces 30 msg/s.

    .venv/bin/python -m bench.broadcast [--recipients 10000] [--limit 30] [--rate 25]

The fake runs as its own process (bench/fake_process.py), so its work does not slow the bot.
Reports the achieved rate as a fraction of Telegram's limit and of the configured rate, the
number of 429 answers (target 0), the CPU the bot spent per message and its peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import resource
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from telegram import Bot

from bench import seed
from bench.fake_process import Fake, fake_telegram
from bot.app import build_application, running
from bot.context import deps_of
from bot.core.clock import FrozenClock
from bot.delivery.outbox_sender import dispatch_once
from bot.delivery.sending import CONCURRENCY
from bot.services.audience import audience_of
from db.queries import broadcasts
from settings import Settings


async def main(recipients: int, limit: float, rate: float) -> None:
    with fake_telegram(limit) as server, tempfile.TemporaryDirectory() as tmp:
        achieved = await broadcast(server, Path(tmp), recipients, limit, rate)
        if limit > 100:  # where the bot, not Telegram, is the bound: against what?
            bare, cpu = await bare_ptb(server, recipients)
            print(
                f"reference, bare PTB sending the same {recipients} messages "
                f"({CONCURRENCY} at a time, no database, no limiter): {bare:.2f} msg/s, "
                f"{cpu:.2f} ms CPU per message"
            )
            print(f"bot / bare PTB: {achieved / bare:.3f}")


async def bare_ptb(server: Fake, count: int) -> tuple[float, float]:
    """The reference: PTB alone sending `count` messages as the dispatcher does, with nothing
    else to do. Returns (messages/s, CPU ms per message)."""
    server.reset()
    slots = asyncio.Semaphore(CONCURRENCY)
    async with Bot("123456:bench", base_url=server.base_url) as bot:

        async def one(chat: int) -> None:
            async with slots:
                await bot.send_message(chat, "<b>Thông báo</b> thử tải", parse_mode="HTML")

        cpu = time.process_time()
        await asyncio.gather(*(one(10_000 + i) for i in range(count)))
        cpu = time.process_time() - cpu
    stats = server.stats()
    span = (stats["last_send"] or 0) - (stats["first_send"] or 0)
    return (stats["sent"] - 1) / span if span else 0.0, cpu / count * 1000


async def broadcast(server: Fake, tmp: Path, recipients: int, limit: float, rate: float) -> float:
    """The bot's broadcast; prints its figures and returns the achieved rate."""
    now = datetime(2023, 11, 15, 9, 0, tzinfo=UTC)
    settings = Settings(
        _env_file=None,
        telegram_bot_token="123456:bench",  # type: ignore[call-arg]
        telegram_api_base_url=server.base_url,
        database_url=f"sqlite+aiosqlite:///{tmp / 'b.db'}",
        telegram_max_rate=rate,
        dispatch_interval_seconds=0,
    )
    app = build_application(settings, clock=FrozenClock(now))
    deps = deps_of(app)
    async with running(app):
        async with deps.sessions() as session, session.begin():
            await seed.officials(session, recipients, 10_000, now)
        server.add_chats([1, *range(10_000, 10_000 + recipients)])
        async with deps.sessions() as session, session.begin():
            content = broadcasts.Content("text", "<b>Thông báo</b> thử tải", None)
            bid = await broadcasts.create_draft(session, 1, 1, content, now)
            await broadcasts.set_audience(session, bid, "all", None)
            info = await broadcasts.get(session, bid)
            assert info is not None
            people = await audience_of(session, deps, info)
            await broadcasts.start(session, bid, people, now, from_status="draft")
        server.reset()
        cpu, started = time.process_time(), time.monotonic()
        while True:
            report = await dispatch_once(deps, app.bot, max_rows=2_000)
            async with deps.sessions() as session:
                tally = await broadcasts.tally(session, bid)
            if tally.pending == 0:
                break
            if report.paused:
                await asyncio.sleep(1)
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    stats = server.stats()
    span = (stats["last_send"] or 0) - (stats["first_send"] or 0)
    achieved = (stats["sent"] - 1) / span if span else 0.0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, CPython {platform.python_version()}")
    print(f"recipients: {recipients}, Telegram limit: {limit:g}/s, configured rate: {rate:g}/s")
    print(f"sent: {tally.sent}, failed: {tally.failed}, unknown: {tally.unknown}")
    print(f"wall time: {elapsed:.1f} s; achieved rate: {achieved:.2f} msg/s")
    print(f"achieved / Telegram limit: {achieved / limit:.3f}")
    print(f"achieved / configured rate: {achieved / rate:.3f}")
    print(f"429 answers: {stats['too_many']}")
    print(f"bot CPU per message: {cpu / max(tally.sent, 1) * 1000:.2f} ms")
    print(f"peak RSS: {peak_mb:.0f} MB")
    return achieved


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=25.0)
    args = parser.parse_args()
    asyncio.run(main(args.recipients, args.limit, args.rate))
