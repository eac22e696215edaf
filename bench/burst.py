"""The bot against a bare PTB echo bot, side by side, each in its own process.

    .venv/bin/python -m bench.burst [--messages 2000] [--users 500] [--crowd 20000]

An HTTP fake Telegram runs as a third process (bench/fake_telegram_http.py, no rate limit) and
plays the users: it holds their updates for getUpdates and times each reply. Each bot is
started, measured and stopped in turn, with the same workload:

1. start-up: one question pushed before the process starts; time until it is answered;
2. idle RSS a second later;
3. check-in burst: `messages` check-ins from `users` officials, pushed at once;
4. question burst: `messages` free-text questions from the same officials;
5. crowd: one question from each of `crowd` other registered officials; RSS after.

The bot runs exactly as `python -m bot` does in production (durable polling, a real SQLite
file, the dispatcher job), with the overall send rate raised to its maximum, 1,000/s: against
Telegram both bots would be held to about 30 replies/s, which would measure Telegram, not the bots.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import seed
from bench.fake_process import Fake, bot_env, cpu_seconds, fake_telegram, rss_mb
from bot.offline.fake_telegram import OfflineTelegram
from bot.offline.fake_updates import FakeUser, UpdateFactory
from db.migrate import upgrade
from db.session import create_engine

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "tests" / "data" / "questions.tsv"
TOKEN = "123456:bench"
FIRST_ID = 100_000  # chat ids of the seeded officials
# Which bursts to run (all by default); e.g. BENCH_PHASES=questions to profile one path.
PHASES = os.environ.get("BENCH_PHASES", "checkins,questions").split(",")


@dataclass
class Phase:
    """One burst: how fast it was answered and how long each answer took."""

    count: int
    seconds: float
    latencies: list[float]
    cpu: float  # CPU seconds the bot's process used meanwhile (all its threads)

    @property
    def rate(self) -> float:
        return self.count / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


@dataclass
class Result:
    name: str
    startup: float = 0.0
    idle_mb: float = 0.0
    crowd_mb: float = 0.0
    peak_mb: float = 0.0
    phases: dict[str, Phase] = field(default_factory=dict)


async def _prepare_database(url: str, officials: int) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    async with engine.begin() as connection:
        await seed.officials(connection, officials, FIRST_ID, datetime.now(UTC))
    await engine.dispose()


@contextmanager
def bot_database(backend: str, tmp: Path) -> Iterator[str]:
    """The bot's database: a SQLite file, or a temporary database on the PostgreSQL server."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp / 'bot.db'}"
        return
    url = asyncio.run(seed.create_pg_database("burst"))
    try:
        yield url
    finally:
        asyncio.run(seed.drop_pg_database(url))


def start(name: str, base_url: str, url: str, tmp: Path, officials: int) -> subprocess.Popen[bytes]:
    env = bot_env(base_url, TELEGRAM_BOT_TOKEN=TOKEN, LOG_LEVEL="WARNING")
    if name == "echo":
        command = [sys.executable, "-m", "bench.echo_bot"]
    else:
        asyncio.run(_prepare_database(url, officials))
        # The real clock: outside the week no reminder falls due during the run.
        env.update(DATABASE_URL=url, TELEGRAM_MAX_RATE="1000")
        command = [sys.executable, "-m", "bot", "run"]
    return subprocess.Popen(command, cwd=tmp, env=env, stdout=subprocess.DEVNULL)


def questions() -> list[str]:
    lines = QUESTIONS.read_text("utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


def burst(fake: Fake, process: subprocess.Popen[bytes], updates: list[dict[str, Any]]) -> Phase:
    fake.reset()
    cpu = cpu_seconds(process.pid)
    fake.push(updates)
    stats = fake.wait_for(len(updates), process)
    return Phase(
        len(updates),
        stats["last_send"] - stats["first_push"],
        stats["latencies"],
        cpu_seconds(process.pid) - cpu,
    )


@contextmanager
def profiled(pid: int, out: Path | None) -> Iterator[None]:
    """Sample the process with py-spy while the block runs (collapsed stacks to `out`)."""
    if out is None:
        yield
        return
    spy = subprocess.Popen(
        [
            "py-spy",
            "record",
            "--pid",
            str(pid),
            "--format",
            "raw",
            "--rate",
            "250",
            "--output",
            str(out),
        ]
    )
    time.sleep(1.0)  # let it attach
    try:
        yield
    finally:
        spy.send_signal(signal.SIGINT)
        spy.wait(60)


def measure(name: str, args: argparse.Namespace, messages: int, users: int, crowd: int) -> Result:
    result = Result(name)
    factory = UpdateFactory(OfflineTelegram())
    officials = [FakeUser(FIRST_ID + i, f"CB{i}") for i in range(users + crowd + 1)]
    asked = questions()
    profile: Path | None = args.profile
    with (
        fake_telegram(limit=1e9) as fake,
        tempfile.TemporaryDirectory() as tmp,
        bot_database(args.backend, Path(tmp)) as url,
    ):
        fake.push([factory.message(officials[-1], asked[0])])
        spawned = time.monotonic()
        process = start(name, fake.base_url, url, Path(tmp), len(officials))
        try:
            result.startup = fake.wait_for(1, process)["first_send"] - spawned
            time.sleep(1.0)
            result.idle_mb = rss_mb(process.pid)[0]
            group = officials[:users]
            spy = profiled(process.pid, profile and profile / f"{name}.txt")
            spy.__enter__()
            if "checkins" in PHASES:
                result.phases["checkins"] = burst(
                    fake,
                    process,
                    [
                        factory.message(group[i % users], f"/diemdanh {15 + 15 * (i % 3)} bài {i}")
                        for i in range(messages)
                    ],
                )
            if "questions" in PHASES:
                result.phases["questions"] = burst(
                    fake,
                    process,
                    [
                        factory.message(group[i % users], asked[i % len(asked)])
                        for i in range(messages)
                    ],
                )
            if crowd:
                result.phases["crowd"] = burst(
                    fake,
                    process,
                    [
                        factory.message(official, asked[i % len(asked)])
                        for i, official in enumerate(officials[users:-1])
                    ],
                )
                result.crowd_mb, result.peak_mb = rss_mb(process.pid)
            spy.__exit__(None, None, None)
        finally:
            process.terminate()
            process.wait(30)
    return result


def combine(rounds: list[Result]) -> Result:
    """One result from several rounds: for each burst the round with the median rate."""
    first = rounds[0]
    startup = statistics.median(r.startup for r in rounds)
    idle = statistics.median(r.idle_mb for r in rounds)
    combined = Result(first.name, startup, idle, first.crowd_mb, first.peak_mb)
    for key in first.phases:
        ranked = sorted((r.phases[key] for r in rounds if key in r.phases), key=lambda p: p.rate)
        combined.phases[key] = ranked[len(ranked) // 2]
    return combined


def report(bot: Result, echo: Result, args: argparse.Namespace) -> None:
    print(
        f"# {datetime.now(UTC):%Y-%m-%d}, {platform.machine()}, {os.cpu_count()} cores, "
        f"CPython {platform.python_version()}"
    )
    print(
        f"# {args.messages} messages from {args.users} users; crowd of {args.crowd}; "
        f"median of {args.rounds} rounds, echo and bot taking turns\n"
    )
    print("| Figure | Bot | Echo bot | Bot / echo | Target |")
    print("|---|---|---|---|---|")
    targets = {"checkins": ("≥ 0.70", "≤ 1.50"), "questions": ("≥ 0.70", "≤ 1.50")}
    for key, phase in bot.phases.items():
        ref = echo.phases[key]
        rate_target, p95_target = targets.get(key, ("", ""))
        print(
            f"| {key}: updates/s | {phase.rate:.0f} | {ref.rate:.0f} | "
            f"{phase.rate / ref.rate:.2f} | {rate_target} |"
        )
        mine_cpu, ref_cpu = phase.cpu / phase.count * 1000, ref.cpu / ref.count * 1000
        print(
            f"| {key}: CPU ms/update | {mine_cpu:.2f} | {ref_cpu:.2f} | "
            f"{mine_cpu / ref_cpu:.2f} | |"
        )
        for q in (50, 95, 99):
            mine, theirs = phase.pct(q) * 1000, ref.pct(q) * 1000
            target = p95_target if q == 95 else ""
            ratio = mine / theirs
            print(f"| {key}: p{q} ms | {mine:.0f} | {theirs:.0f} | {ratio:.2f} | {target} |")
    rows = (
        ("start-up to first answer, s", bot.startup, echo.startup),
        ("idle RSS, MB", bot.idle_mb, echo.idle_mb),
        (f"RSS after {args.crowd} users, MB", bot.crowd_mb, echo.crowd_mb),
        ("peak RSS, MB", bot.peak_mb, echo.peak_mb),
    )
    for label, mine_v, theirs_v in rows:
        if theirs_v:
            print(f"| {label} | {mine_v:.1f} | {theirs_v:.1f} | {mine_v / theirs_v:.2f} | |")
    mean = statistics.fmean(bot.phases["checkins"].latencies) * 1000
    print(f"\n(mean check-in latency {mean:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=2_000)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--crowd", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3, help="the crowd runs in the first only")
    parser.add_argument("--only", choices=("bot", "echo"))
    parser.add_argument("--profile", type=Path, help="folder for py-spy's collapsed stacks")
    parser.add_argument(
        "--backend",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="the bot's database (the issue's figure is on SQLite)",
    )
    args = parser.parse_args()
    names = [args.only] if args.only else ["echo", "bot"]
    rounds: dict[str, list[Result]] = {name: [] for name in names}
    for n in range(args.rounds):
        for name in names:  # taking turns, so a slow moment of the machine hits both
            crowd = args.crowd if n == 0 else 0
            rounds[name].append(measure(name, args, args.messages, args.users, crowd))
    results = {name: combine(found) for name, found in rounds.items()}
    if len(results) == 2:
        report(results["bot"], results["echo"], args)
    else:
        for result in results.values():
            print(result.name, f"start-up {result.startup:.2f} s, idle {result.idle_mb:.0f} MB")
            for key, phase in result.phases.items():
                ms = {q: phase.pct(q) * 1000 for q in (50, 95, 99)}
                cpu = phase.cpu / phase.count * 1000
                print(
                    f"  {key}: {phase.rate:.0f}/s, {cpu:.2f} CPU ms each; "
                    f"p50 {ms[50]:.0f} ms p95 {ms[95]:.0f} ms p99 {ms[99]:.0f} ms"
                )


if __name__ == "__main__":
    main()
