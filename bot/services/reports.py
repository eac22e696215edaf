"""Figures, files and charts for one edition: database reads on the loop, building off it."""

from __future__ import annotations

import asyncio
from datetime import tzinfo

from bot.context import Deps
from bot.core.editions import Edition
from bot.ui.files.csvfile import build_csv
from bot.ui.texts import Texts
from db.queries.stats import Detail, EditionStats, Learner, edition_stats, top_learners
from db.queries.stats import details as detail_rows

FORMATS = ("xlsx", "csv")


async def figures(deps: Deps, edition: Edition) -> EditionStats:
    async with deps.sessions() as session:
        return await edition_stats(session, edition.year, edition.start, edition.end)


async def top(deps: Deps, edition: Edition) -> list[Learner]:
    async with deps.sessions() as session:
        return await top_learners(session, edition.start, edition.end)


async def export_file(deps: Deps, edition: Edition, fmt: str, t: Texts) -> tuple[bytes, str, int]:
    """(file bytes, file name, check-ins in it). The file is built in a worker thread so the
    bot keeps answering everyone else meanwhile."""
    async with deps.sessions() as session:
        stats = await edition_stats(session, edition.year, edition.start, edition.end)
        rows = await detail_rows(session, edition.start, edition.end)
    name = f"tuan-le-hoc-tap-suot-doi-{edition.year}.{fmt}"
    if fmt == "csv":
        data = await asyncio.to_thread(build_csv, t, rows, deps.clock.tz)
    else:
        data = await asyncio.to_thread(_xlsx, t, stats, rows, deps.clock.tz)
    return data, name, len(rows)


async def chart(deps: Deps, edition: Edition, t: Texts) -> bytes:
    stats = await figures(deps, edition)
    return await asyncio.to_thread(_chart, t, stats)


# matplotlib and openpyxl cost 0.5 s and ~30 MB at start-up, for features a few admins use:
# they are loaded on the first chart or export, in the worker thread, not on the event loop.
def _chart(t: Texts, stats: EditionStats) -> bytes:
    from bot.ui.files.chart import build_chart

    return build_chart(t, stats)


def _xlsx(t: Texts, stats: EditionStats, rows: list[Detail], tz: tzinfo) -> bytes:
    from bot.ui.files.xlsx import build_xlsx

    return build_xlsx(t, stats, rows, tz)
