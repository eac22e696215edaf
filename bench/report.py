"""Results report speed: /baocao for a large agency, against the XLSX export of the same data.

    .venv/bin/python -m bench.report [--officials 20000] [--units 60] [--rounds 3]

A fresh SQLite database seeded directly (the standard library's sqlite3: seeding speed is not
what is measured) with N officials in M units, all on the staff list, each checking in on
some of the 2023 week's days (about 3.5 check-ins each, five activity kinds). Times the
report as an admin gets it: the data (the `stats` figures and the activities) and the DOCX
(target: under 10 s for 20,000 officials in 60 units). The reference, measured in the same
run on the same database, is the XLSX export of that edition (`/export`): the report is also
given as a ratio to it. Medians of --rounds; asserts only that the figures are right.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.editions import load_editions
from bot.services import reports, results_report
from bot.services.results_report import Letterhead
from bot.ui import files
from bot.ui.texts import Vi
from db.migrate import upgrade
from db.session import create_engine, create_sessionmaker

TARGET_SECONDS = 10.0
WEEK = [date(2023, 10, 2) + timedelta(days=i) for i in range(7)]
KINDS = ("reading", "course", "webinar", "research", "other")
SEEDED = datetime(2023, 9, 20, tzinfo=UTC).replace(tzinfo=None)  # naive UTC, as stored
NOW = datetime(2023, 10, 12, 2, tzinfo=UTC)
HEAD = Letterhead("Sở Khoa học và Công nghệ", "Ủy ban nhân dân Thành phố", "Thành phố Hồ Chí Minh",
                  "Giám đốc", "Nguyễn Văn A")  # fmt: skip


def rows(officials: int, units: int) -> dict[str, tuple[list[str], Iterator[tuple[Any, ...]]]]:
    """The rows to seed, table by table (deterministic): every official on the list, linked."""
    rng = random.Random(2023)

    def checkins() -> Iterator[tuple[Any, ...]]:
        n = 0
        for user in range(1, officials + 1):
            for day in WEEK:
                if rng.random() < 0.5:
                    n += 1
                    moment = datetime.combine(day, datetime.min.time()) + timedelta(hours=2)
                    yield (user, day, rng.choice((15, 30, 45, 60)), rng.choice(KINDS), None,
                           f"b:{n}", moment)  # fmt: skip

    return {
        "units": (["id", "name", "name_key", "created_at"],
                  iter([(u, f"Phòng số {u}", f"phong so {u}", SEEDED)
                        for u in range(1, units + 1)])),
        "users": (["id", "telegram_id", "chat_id", "full_name", "unit_id", "is_active",
                   "reminders_enabled", "registered_at", "created_at", "updated_at"],
                  iter([(i, 100_000 + i, 100_000 + i, f"Cán bộ số {i}", 1 + i % units, True,
                         True, SEEDED, SEEDED, SEEDED) for i in range(1, officials + 1)])),
        "roster_people": (["id", "full_name", "name_key", "unit_id", "user_id", "created_at",
                           "updated_at"],
                          iter([(i, f"Cán bộ số {i}", f"can bo so {i}", 1 + i % units, i,
                                 SEEDED, SEEDED) for i in range(1, officials + 1)])),
        "checkins": (["user_id", "local_date", "minutes", "activity", "note", "source",
                      "created_at"], checkins()),
    }  # fmt: skip


def seed(path: Path, officials: int, units: int) -> None:
    con = sqlite3.connect(path)
    for table, (columns, values) in rows(officials, units).items():
        marks = ", ".join("?" * len(columns))
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
    con.execute(  # the rollup the bot keeps in step with every check-in
        "INSERT INTO daily_totals (user_id, local_date, checkins, minutes) "
        "SELECT user_id, local_date, COUNT(*), SUM(minutes) FROM checkins GROUP BY 1, 2"
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


async def measure(officials: int, units: int, rounds: int) -> tuple[float, float, int, int]:
    """(median seconds for the report, for the XLSX export, check-ins, DOCX bytes)."""
    edition = load_editions().get(2023)
    assert edition is not None
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    # python-docx and openpyxl are loaded on an admin's first file: not what is measured.
    importlib.import_module("bot.ui.files.report_docx")
    importlib.import_module("bot.ui.files.xlsx")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade(engine)
        seed(path, officials, units)
        sessions = create_sessionmaker(engine)
        report_times, export_times = [], []
        try:
            for _ in range(rounds):
                started = time.perf_counter()
                data = await results_report.report_data(sessions, edition, tz, HEAD, NOW)
                docx = await files.report_file(data)
                report_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                found = await reports.export_data(sessions, edition, tz)
                await files.export_file(Vi, "xlsx", edition, found.stats, found.rows, tz, NOW)
                export_times.append(time.perf_counter() - started)
        finally:
            await engine.dispose()
    f = data.figures
    assert f.headcount == officials and len(f.by_unit) == units, (f.headcount, len(f.by_unit))
    assert sum(k.checkins for k in data.activities) == f.checkins == found.checkins
    return statistics.median(report_times), statistics.median(export_times), f.checkins, len(docx)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--officials", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    report, export, checkins, size = asyncio.run(measure(args.officials, args.units, args.rounds))
    mark = "✓" if report < TARGET_SECONDS else "✗"
    print(f"results report (data + DOCX), {args.officials:,} officials in {args.units} units, "
          f"{checkins:,} check-ins: {report:.2f} s ({size / 1000:.0f} kB) "
          f"(target < {TARGET_SECONDS:.0f} s {mark}); reference XLSX export of the same "
          f"check-ins: {export:.2f} s; report / export = {report / export:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
