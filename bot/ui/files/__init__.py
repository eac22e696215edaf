"""Files for admins: XLSX, CSV, charts and the results report (DOCX), from plain data
(names differ from the submodules: importing `bot.ui.files.chart` sets the attribute `chart`
on this package).

matplotlib and openpyxl cost 0.5 s and ~30 MB at start-up, for features a few admins use:
they are loaded on the first chart or export, in a worker thread, not on the event loop, so
the bot keeps answering everyone else meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo

from bot.core.editions import Edition
from bot.services.commendations import Commendations
from bot.services.followup import FollowUp
from bot.services.results_report import ResultsReport

# Light: fpdf2 and qrcode load inside build_certificate, in the worker thread.
from bot.ui.files.certificate_pdf import Issuer as Issuer
from bot.ui.files.certificate_pdf import certificate_filename as certificate_filename
from bot.ui.files.certificate_pdf import issuer_of as issuer_of
from bot.ui.texts import Texts
from db.queries.certificates import Issued
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


def bar_text(t: Texts, found: Commendations) -> str:
    """The bar in words: "học ít nhất 5/7 ngày của Tuần lễ[, … ít nhất 2 giờ]"."""
    bar = found.bar
    text = t.CM_BAR.format(days=bar.min_days, week_days=bar.week_days)
    if bar.min_minutes:
        text += t.CM_BAR_MINUTES.format(minutes=t.fmt_minutes(bar.min_minutes))
    return text


def commendations_name(year: int) -> str:
    return f"khen-thuong-tuan-le-{year}.xlsx"


async def commendations_file(t: Texts, found: Commendations, tz: tzinfo) -> bytes:
    """/khenthuong's workbook (the commendation list), built in a worker thread."""
    return await asyncio.to_thread(_commendations, t, found, tz)


def _commendations(t: Texts, found: Commendations, tz: tzinfo) -> bytes:
    from bot.ui.files.commendations_xlsx import build_commendations_xlsx

    return build_commendations_xlsx(t, found, tz)


def calendar_name(year: int) -> str:
    return f"tuan-le-hoc-tap-suot-doi-{year}.ics"


async def calendar_file(t: Texts, edition: Edition, tz: ZoneInfo, now: datetime) -> bytes:
    """/lich's calendar (.ics) of an edition, built in a worker thread."""
    return await asyncio.to_thread(_calendar, t, edition, tz, now)


def _calendar(t: Texts, edition: Edition, tz: ZoneInfo, now: datetime) -> bytes:
    from bot.ui.files.calendar_ics import build_ics

    return build_ics(t, edition, tz, now)


# --- certificates (i15-cert) ---
async def certificate_pdf(cert: Issued, edition: Edition, issuer: Issuer) -> bytes:
    """One participation certificate as PDF bytes, built in a worker thread."""
    return await asyncio.to_thread(_certificate, cert, edition, issuer)


def _certificate(cert: Issued, edition: Edition, issuer: Issuer) -> bytes:
    from bot.ui.files.certificate_pdf import build_certificate

    return build_certificate(cert, edition, issuer)


# A ZIP part's size: Telegram takes files up to 50 MB from a bot, but a part this size uploads
# within a couple of minutes on a slow line, and only one is held in memory at a time.
ZIP_PART_BYTES = 20_000_000
SECONDS_PER_CERTIFICATE = 0.2  # measured: docs/benchmarks.md


async def certificates_zip(
    certs: Sequence[Issued],
    edition: Edition,
    issuer: Issuer,
    limit_bytes: int = ZIP_PART_BYTES,
    *,
    tz: tzinfo | None = None,
) -> AsyncIterator[bytes]:
    """Every certificate's PDF in ZIP parts of at most `limit_bytes` each, each part built in
    a worker thread and handed over before the next is built; none for no certificates.
    With `tz`, each certificate is dated the day it was issued there, else issuer.issued_on."""
    parts = _zip_parts(certs, edition, issuer, limit_bytes, tz)
    while (part := await asyncio.to_thread(next, parts, None)) is not None:
        yield part


def _zip_parts(
    certs: Sequence[Issued], edition: Edition, issuer: Issuer, limit: int, tz: tzinfo | None
) -> Iterator[bytes]:
    from bot.ui.files.certificate_zip import zip_parts  # in the worker thread, on first next()

    yield from zip_parts(certs, edition, issuer, limit, tz)
