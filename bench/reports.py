"""Report speed on a large week, on SQLite or PostgreSQL.

    .venv/bin/python -m bench.reports [--backend sqlite|postgresql] [--checkins 1000000]

Seeds a fresh database (a temporary SQLite file, or a temporary database on the PostgreSQL
server named by BENCH_PG_URL or TEST_DATABASE_URL) with 20,000 officials in 60 units and N
check-ins over the 2023 week, then times the figures behind /stats, "By day" and "By unit"
(median of 5 runs; target under 200 ms) and an XLSX export of 100,000 check-ins from a
second database (targets under 10 s and 300 MB peak RSS). One backend per process, so the
peak RSS is the export's own.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.seed import create_pg_database, drop_pg_database
from bot.app import build_application
from bot.context import Deps, deps_of
from bot.core.clock import FrozenClock
from bot.services import reports as service
from bot.ui import files
from bot.ui.texts import Vi
from db.migrate import upgrade
from db.queries.stats import edition_stats
from settings import Settings

WEEK = (date(2023, 10, 2), date(2023, 10, 8))
CLOSES = datetime(2023, 10, 8, 17, 0, tzinfo=UTC)  # midnight after the last day, in Vietnam
ACTIVITIES = ("reading", "course", "webinar", "research", "other")
OFFICIALS, UNITS = 20_000, 60
NOW = datetime(2023, 10, 1, tzinfo=UTC).replace(tzinfo=None)  # naive UTC, as stored


def tables(checkins: int) -> dict[str, tuple[list[str], Iterator[tuple[Any, ...]]]]:
    """The rows to seed, table by table (deterministic)."""
    rng = random.Random(2023)

    def checkin_rows() -> Iterator[tuple[Any, ...]]:
        for n in range(checkins):
            day = WEEK[0] + timedelta(days=n % 7)
            moment = datetime.combine(day, datetime.min.time()) + timedelta(
                seconds=rng.randrange(86_400)
            )
            note = "ghi chú" if n % 3 else None
            yield (rng.randrange(1, OFFICIALS + 1), day, rng.choice((15, 30, 45, 60)),
                   rng.choice(ACTIVITIES), note, f"b:{n}", moment)  # fmt: skip

    return {
        "units": (["id", "name", "name_key", "created_at"],
                  iter([(u, f"Phòng {u:02d}", f"phong {u:02d}", NOW)
                        for u in range(1, UNITS + 1)])),
        "users": (["id", "telegram_id", "chat_id", "full_name", "unit_id", "is_active",
                   "reminders_enabled", "registered_at", "created_at", "updated_at"],
                  iter([(i, 100_000 + i, 100_000 + i, f"Cán bộ số {i}", 1 + i % UNITS, True,
                         True, NOW, NOW, NOW) for i in range(1, OFFICIALS + 1)])),
        "checkins": (["user_id", "local_date", "minutes", "activity", "note", "source",
                      "created_at"], checkin_rows()),
    }  # fmt: skip


# The rollup the bot keeps in step with every check-in (as migration 0004 backfills it).
ROLLUP = (
    "INSERT INTO daily_totals (user_id, local_date, checkins, minutes) "
    "SELECT user_id, local_date, COUNT(*), SUM(minutes) FROM checkins GROUP BY 1, 2"
)


def seed_sqlite(url: str, checkins: int) -> None:
    """Bulk insert with the standard library: seeding speed is not what is measured."""
    con = sqlite3.connect(url.split("///", 1)[1])
    for table, (columns, rows) in tables(checkins).items():
        marks = ", ".join("?" * len(columns))
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
    con.execute(ROLLUP)
    con.commit()
    con.execute("ANALYZE")
    con.close()


async def seed_postgresql(url: str, checkins: int) -> None:
    """COPY, PostgreSQL's bulk path."""
    import asyncpg

    con = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        for table, (columns, rows) in tables(checkins).items():
            await con.copy_records_to_table(table, records=rows, columns=columns)
        await con.execute(ROLLUP)
        await con.execute("ANALYZE")
    finally:
        await con.close()


@asynccontextmanager
async def database(backend: str, tmp: Path, name: str) -> AsyncIterator[str]:
    """A fresh, empty database URL for `backend`, removed afterwards."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp / f'{name}.db'}"
        return
    url = await create_pg_database(name)
    try:
        yield url
    finally:
        await drop_pg_database(url)


async def prepared(url: str, checkins: int) -> Deps:
    settings = Settings(_env_file=None, database_url=url, dispatch_interval_seconds=0)  # type: ignore[call-arg]
    app = build_application(settings, clock=FrozenClock(datetime(2023, 10, 9, tzinfo=UTC)))
    deps = deps_of(app)
    await upgrade(deps.engine)
    if url.startswith("sqlite"):
        seed_sqlite(url, checkins)
    else:
        await seed_postgresql(url, checkins)
    return deps


async def main(backend: str, checkins: int, export_rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with database(backend, Path(tmp), "stats") as url:
            started = time.perf_counter()
            deps = await prepared(url, checkins)
            print(f"[{backend}] seeded {checkins:,} check-ins in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
            timings = []
            for _ in range(5):
                started = time.perf_counter()
                async with deps.sessions() as session:
                    stats = await edition_stats(session, 2023, *WEEK, registered_before=CLOSES)
                timings.append((time.perf_counter() - started) * 1000)
            await deps.engine.dispose()
        print(f"[{backend}] /stats + by day + by unit on {stats.checkins:,} check-ins "
              f"({len(stats.by_unit)} units): median {statistics.median(timings):.0f} ms, "
              f"best {min(timings):.0f} ms (target < 200 ms)")  # fmt: skip

        async with database(backend, Path(tmp), "export") as url:
            deps = await prepared(url, export_rows)
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            edition = deps.editions.get(2023)
            assert edition is not None
            started = time.perf_counter()
            tz = deps.clock.tz
            found = await service.export_data(deps.sessions, edition, tz)
            data = await files.export_file(
                Vi, "xlsx", edition, found.stats, found.rows, tz, deps.clock.now()
            )
            count = found.checkins
            elapsed = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            await deps.engine.dispose()
        print(f"[{backend}] XLSX export of {count:,} check-ins: {elapsed:.1f} s, "
              f"{len(data) / 1e6:.1f} MB file, process peak RSS {peak:.0f} MB "
              f"(before: {before:.0f} MB) (targets < 10 s, < 300 MB)")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--checkins", type=int, default=1_000_000)
    parser.add_argument("--export-rows", type=int, default=100_000)
    args = parser.parse_args()
    asyncio.run(main(args.backend, args.checkins, args.export_rows))
