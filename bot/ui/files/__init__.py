"""Files for admins: XLSX, CSV, charts and the results report (DOCX), from plain data
(names differ from the submodules: importing `bot.ui.files.chart` sets the attribute `chart`
on this package).

matplotlib and openpyxl cost 0.5 s and ~30 MB at start-up, for features a few admins use:
they are loaded on the first chart or export, in a worker thread, not on the event loop, so
the bot keeps answering everyone else meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from bot.core.editions import Edition
from bot.services.followup import FollowUp
from bot.services.results_report import ResultsReport
from bot.ui.texts import Texts
from db.queries.stats import Detail, EditionStats


def export_name(year: int, fmt: str) -> str:
    return f"tuan-le-hoc-tap-suot-doi-{year}.{fmt}"


async def export_file(
    t: Texts,
    fmt: str,
    edition: Edition,
    stats: EditionStats,
    rows: Sequence[Detail],
    tz: tzinfo,
    made_at: datetime,
) -> bytes:
    """An edition's check-ins as CSV or XLSX bytes, built in a worker thread; `made_at` is
    when (the workbook says so, in the time zone `tz`)."""
    if fmt == "csv":
        from bot.ui.files.csvfile import build_csv

        return await asyncio.to_thread(build_csv, t, rows, tz)
    return await asyncio.to_thread(_xlsx, t, edition, stats, rows, tz, made_at)


async def chart_png(t: Texts, stats: EditionStats, today: date | None = None) -> bytes:
    """An edition's chart as PNG bytes, built in a worker thread (days after `today` are
    not plotted: they have no figures yet)."""
    return await asyncio.to_thread(_chart, t, stats, today)


def _chart(t: Texts, stats: EditionStats, today: date | None) -> bytes:
    from bot.ui.files.chart import build_chart

    return build_chart(t, stats, today)


def _xlsx(
    t: Texts,
    edition: Edition,
    stats: EditionStats,
    rows: Sequence[Detail],
    tz: tzinfo,
    made_at: datetime,
) -> bytes:
    from bot.ui.files.xlsx import build_xlsx

    return build_xlsx(t, edition, stats, rows, tz, made_at)


def followup_name(year: int) -> str:
    return f"can-theo-doi-{year}.xlsx"


async def followup_file(t: Texts, found: FollowUp) -> bytes:
    """/followup's names as an XLSX, built in a worker thread."""
    return await asyncio.to_thread(_followup, t, found)


def _followup(t: Texts, found: FollowUp) -> bytes:
    from bot.ui.files.followup_xlsx import build_followup_xlsx

    return build_followup_xlsx(t, found)


def report_name(year: int) -> str:
    return f"bao-cao-tuan-le-hoc-tap-suot-doi-{year}.docx"


async def report_file(data: ResultsReport) -> bytes:
    """The results report (Decree 30/2020 layout) as DOCX bytes, built in a worker thread;
    always in Vietnamese, an official document whoever asks."""
    return await asyncio.to_thread(_report, data)


def _report(data: ResultsReport) -> bytes:
    from bot.ui.files.report_docx import build_report_docx

    return build_report_docx(data)
