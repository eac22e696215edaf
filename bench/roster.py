"""Staff list import speed: a generated workbook read, previewed and imported.

    .venv/bin/python -m bench.roster [--people 1000] [--units 40]

A fresh SQLite database; the file is built in memory (title rows, header, N people in M
units, staff codes). Times the first import (everyone new, every unit created) and a
re-import with a tenth of the people moved and a tenth gone (target: each under 5 s for
1,000 people in 40 units). The reference, measured in the same run, is reading the workbook
alone (openpyxl, the floor any import pays): each step is also given as a ratio to it.
Prints one line per step (median of --rounds); asserts only that the counts are right.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from openpyxl import Workbook

from bot.core.clock import FrozenClock
from bot.services import roster
from bot.ui.files.roster_read import read_table
from db.migrate import upgrade
from db.session import create_engine, create_sessionmaker

TARGET_SECONDS = 5.0


def workbook(people: int, units: int, shift: int = 0, drop: int = 0) -> bytes:
    """People 0..N-1 (minus the first `drop`), the first `shift` of the rest one unit on."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DANH SÁCH CÁN BỘ"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Đơn vị", "Mã cán bộ", "Email"])
    for n in range(drop, people):
        unit = (n + (1 if n < drop + shift else 0)) % units
        sheet.append([n + 1, f"Cán Bộ Số {n}", f"Phòng Ban Số {unit}", f"CB{n:05d}", "x@y.vn"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def measure(people: int, units: int) -> list[tuple[str, float, float]]:
    """(step, seconds to preview and import it, seconds to read its file alone)."""
    clock = FrozenClock(datetime(2026, 11, 20, 9, tzinfo=timezone(timedelta(hours=7))))
    timings: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        await upgrade(engine)
        sessions = create_sessionmaker(engine)
        try:
            tenth = people // 10
            for label, data, expect in (
                ("first import", workbook(people, units), (people, 0, 0)),
                ("re-import", workbook(people, units, tenth, tenth), (0, tenth, tenth)),
            ):
                started = time.perf_counter()
                read_table(data)
                reading = time.perf_counter() - started
                started = time.perf_counter()
                rows = read_table(data)
                shown = await roster.preview(sessions, rows)
                done = await roster.import_roster(sessions, rows, 1, clock.now(), shown.token)
                timings.append((label, time.perf_counter() - started, reading))
                c = done.preview.changes
                assert done.done and (c.added, c.moved, c.left) == expect, c
        finally:
            await engine.dispose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rounds = [asyncio.run(measure(args.people, args.units)) for _ in range(args.rounds)]
    for step, (label, _, _) in enumerate(rounds[0]):
        seconds = statistics.median(r[step][1] for r in rounds)
        reading = statistics.median(r[step][2] for r in rounds)
        verdict = "ok" if seconds < TARGET_SECONDS else "SLOW"
        print(
            f"roster {label}: {args.people} people, {args.units} units: {seconds:.2f} s "
            f"({seconds / reading:.1f}x reading the file alone, {reading:.2f} s) {verdict}"
        )


if __name__ == "__main__":
    main()
