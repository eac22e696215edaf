"""Report speed on a large week: `python -m bench.reports [--checkins 1000000]`.

Seeds a temporary SQLite file with 20,000 officials in 60 units and N check-ins spread over
the 2023 week, then times the figures behind /stats and "By unit" (median of 5 runs; target
under 200 ms) and an XLSX export of 100,000 check-ins (target under 10 s and 300 MB peak).
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.app import build_application
from bot.clock import FrozenClock
from bot.context import deps_of
from bot.reports import service
from bot.texts import Vi
from db.migrate import upgrade
from db.queries.stats import edition_stats
from settings import Settings

WEEK = (date(2023, 10, 2), date(2023, 10, 8))
ACTIVITIES = ("reading", "course", "webinar", "research", "other")


def seed(path: Path, officials: int, units: int, checkins: int, first_day: date) -> None:
    """Bulk insert with the standard library: seeding speed is not what is measured."""
    rng = random.Random(2023)
    now = datetime(2023, 10, 1, tzinfo=UTC).replace(tzinfo=None).isoformat(" ")
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO units (id, name, name_key, created_at) VALUES (?, ?, ?, ?)",
        [(u, f"Phòng {u:02d}", f"phong {u:02d}", now) for u in range(1, units + 1)],
    )
    con.executemany(
        "INSERT INTO users (id, telegram_id, chat_id, full_name, unit_id, is_active, "
        "reminders_enabled, registered_at, created_at, updated_at) VALUES (?,?,?,?,?,1,1,?,?,?)",
        [(i, 100_000 + i, 100_000 + i, f"Cán bộ số {i}", 1 + i % units, now, now, now)
         for i in range(1, officials + 1)],
    )  # fmt: skip

    def rows():  # type: ignore[no-untyped-def]
        for n in range(checkins):
            day = first_day + timedelta(days=n % 7)
            moment = datetime.combine(day, datetime.min.time()) + timedelta(
                seconds=rng.randrange(86_400)
            )
            yield (rng.randrange(1, officials + 1), day.isoformat(), rng.choice((15, 30, 45, 60)),
                   rng.choice(ACTIVITIES), "ghi chú" if n % 3 else None, f"b:{n}",
                   moment.isoformat(" "))  # fmt: skip

    con.executemany(
        "INSERT INTO checkins (user_id, local_date, minutes, activity, note, source, created_at) "
        "VALUES (?,?,?,?,?,?,?)", rows(),
    )  # fmt: skip
    # The rollup the bot keeps in step with every check-in (as migration 0004 backfills it).
    con.execute(
        "INSERT INTO daily_totals (user_id, local_date, checkins, minutes) "
        "SELECT user_id, local_date, COUNT(*), SUM(minutes) FROM checkins GROUP BY 1, 2"
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


async def main(checkins: int, export_rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.db"
        settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{path}",  # type: ignore[call-arg]
                            dispatch_interval_seconds=0)  # fmt: skip
        app = build_application(settings, clock=FrozenClock(datetime(2023, 10, 9, tzinfo=UTC)))
        deps = deps_of(app)
        await upgrade(deps.engine)
        started = time.perf_counter()
        seed(path, 20_000, 60, checkins, WEEK[0])
        print(f"seeded {checkins:,} check-ins in {time.perf_counter() - started:.1f} s")
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            async with deps.sessions() as session:
                stats = await edition_stats(session, 2023, *WEEK)
            timings.append((time.perf_counter() - started) * 1000)
        print(f"/stats + by day + by unit on {stats.checkins:,} check-ins "
              f"({len(stats.by_unit)} units): median {statistics.median(timings):.0f} ms, "
              f"best {min(timings):.0f} ms (target < 200 ms)")  # fmt: skip

        # The export: a second database holding exactly `export_rows` check-ins.
        small = Path(tmp) / "x.db"
        settings_x = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{small}",  # type: ignore[call-arg]
                              dispatch_interval_seconds=0)  # fmt: skip
        app_x = build_application(settings_x, clock=FrozenClock(datetime(2023, 10, 9, tzinfo=UTC)))
        deps_x = deps_of(app_x)
        await upgrade(deps_x.engine)
        seed(small, 20_000, 60, export_rows, WEEK[0])
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        edition = deps_x.editions.get(2023)
        assert edition is not None
        started = time.perf_counter()
        data, _, count = await service.export_file(deps_x, edition, "xlsx", Vi)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = len(data) / 1e6
        print(f"XLSX export of {count:,} check-ins: {elapsed:.1f} s, {size:.1f} MB file, "
              f"process peak RSS {peak:.0f} MB (before: {before:.0f} MB) "
              f"(targets < 10 s, < 300 MB)")  # fmt: skip
        await deps.engine.dispose()
        await deps_x.engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkins", type=int, default=1_000_000)
    parser.add_argument("--export-rows", type=int, default=100_000)
    args = parser.parse_args()
    asyncio.run(main(args.checkins, args.export_rows))
