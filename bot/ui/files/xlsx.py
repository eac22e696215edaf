"""The Excel workbook for leadership: Tổng quan, Theo ngày, Theo đơn vị, Chi tiết.

Every date is a real Excel date shown dd/mm/yyyy, in every sheet; every table sheet has its
header frozen and an autofilter over its rows.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from bot.core.editions import Edition
from bot.ui.files.columns import activity_names, detail_header
from bot.ui.report_texts import unit_order
from bot.ui.texts import Texts
from db.queries.stats import Detail, EditionStats

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F6FB2")
DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0.0%"


def _sheet(wb: Workbook, title: str, headers: Sequence[str], widths: Sequence[int]) -> Any:
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    header = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        header.append(cell)
    ws.append(header)
    return ws


def _filter(ws: Any, columns: int, rows: int) -> None:
    """An autofilter over the header and the `rows` rows under it (set before saving: a
    write-only sheet writes it at the end)."""
    ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _cell(ws: Any, value: Any, number_format: str | None = None) -> Any:
    cell = WriteOnlyCell(ws, value=value)
    if number_format:
        cell.number_format = number_format
    return cell


def _text(ws: Any, value: str) -> Any:
    """What people typed, as a string cell: never a formula, never an error value.

    openpyxl turns a string that starts with "=" into a formula (`=HYPERLINK(...)` in a name
    would be a live link in the admin's Excel) and "#N/A" into an error cell. Only those get a
    cell of their own; the rest stay plain strings, which keeps 100,000-row exports fast.
    """
    if value.startswith("=") or value in ERROR_CODES:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def build_xlsx(
    t: Texts,
    edition: Edition,
    stats: EditionStats,
    rows: Sequence[Detail],
    tz: tzinfo,
    made_at: datetime,
) -> bytes:
    """The workbook as bytes. Dates, times, numbers and rates are real values, not text;
    names, units, activities and notes are text, whatever they start with. `made_at` (shown
    in the bot's time zone `tz`) is when the file was made."""
    wb = Workbook(write_only=True)  # streams rows: 100,000 check-ins stay well under 300 MB
    _summary(wb, t, edition, stats, made_at.astimezone(tz))

    by_day = _sheet(
        wb,
        t.XLSX_BY_DAY,
        [t.XLSX_DATE, t.XLSX_PARTICIPANTS, t.XLSX_CHECKINS, t.XLSX_MINUTES],
        [14, 16, 14, 14],
    )
    for d in stats.by_day:
        by_day.append([_cell(by_day, d.date, DATE_FORMAT), d.participants, d.checkins, d.minutes])
    _filter(by_day, 4, len(stats.by_day))

    _by_unit(wb, t, stats)

    header = detail_header(t)
    detail = _sheet(wb, t.XLSX_DETAIL, header, [12, 12, 8, 28, 32, 10, 24, 50])
    activities = activity_names(t)
    for r in rows:
        local = r.created_at.astimezone(tz)
        # Raw time values: openpyxl stores them as real times and formats them itself; a
        # hand-made styled cell per value made a 100,000-row export 40% slower, so only the
        # date (whose default format would be yyyy-mm-dd) gets one.
        moment = local.time().replace(second=0, microsecond=0)
        activity = activities.get(r.activity, r.activity)
        detail.append(
            [
                r.user_id,
                _cell(detail, r.day, DATE_FORMAT),
                moment,
                _text(detail, r.full_name),
                _text(detail, r.unit),
                r.minutes,
                _text(detail, activity),
                _text(detail, r.note),
            ]
        )
    _filter(detail, len(header), len(rows))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _by_unit(wb: Workbook, t: Texts, stats: EditionStats) -> None:
    """Theo đơn vị, best rate first (as /thongke); with a staff list, its headcount, the
    people on it not registered yet, who took part on it and off it, and the rate: those on
    it over the headcount (empty where a unit has nobody on it)."""
    roster = stats.headcount is not None
    if roster:
        headers = [
            t.XLSX_UNIT,
            t.XLSX_HEADCOUNT,
            t.XLSX_REGISTERED,
            t.XLSX_UNREGISTERED,
            t.XLSX_PARTICIPANTS,
            t.XLSX_ON_ROSTER,
            t.XLSX_OFF_ROSTER,
            t.XLSX_RATE,
            t.XLSX_MINUTES,
        ]
        widths = [42, 16, 14, 14, 16, 18, 18, 14, 14]
    else:
        headers = [t.XLSX_UNIT, t.XLSX_REGISTERED, t.XLSX_PARTICIPANTS, t.XLSX_RATE, t.XLSX_MINUTES]
        widths = [42, 14, 16, 14, 14]
    ws = _sheet(wb, t.XLSX_BY_UNIT, headers, widths)
    for u in sorted(stats.by_unit, key=unit_order):
        rate = _cell(ws, u.rate, PERCENT_FORMAT)
        if roster:
            ws.append(
                [
                    _text(ws, u.unit),
                    u.headcount,
                    u.registered,
                    u.unregistered,
                    u.participants,
                    u.on_roster,
                    u.off_roster,
                    rate,
                    u.minutes,
                ]
            )
        else:
            ws.append([_text(ws, u.unit), u.registered, u.participants, rate, u.minutes])
    _filter(ws, len(headers), len(stats.by_unit))


def _summary(wb: Workbook, t: Texts, edition: Edition, stats: EditionStats, made: datetime) -> None:
    """Tổng quan: which edition, its dates and theme, when the file was made, the figures."""
    summary = _sheet(wb, t.XLSX_SUMMARY, [t.XLSX_FIGURE, t.XLSX_VALUE], [40, 48])
    for label, value, fmt in (
        (t.XLSX_EDITION, edition.name, None),
        (t.XLSX_START, edition.start, DATE_FORMAT),
        (t.XLSX_END, edition.end, DATE_FORMAT),
        (t.XLSX_THEME, edition.theme, None),
        # Excel has no time zones: the bot's local time, as the admin reads it.
        (t.XLSX_MADE_AT, made.replace(tzinfo=None, second=0, microsecond=0), MOMENT_FORMAT),
        (t.XLSX_YEAR, stats.year, None),
        *(
            ()
            if stats.headcount is None
            else (
                (t.XLSX_HEADCOUNT, stats.headcount, "#,##0"),
                (t.XLSX_UNREGISTERED, stats.unregistered, "#,##0"),
            )
        ),
        (t.XLSX_REGISTERED, stats.registered, "#,##0"),
        (t.XLSX_PARTICIPANTS, stats.participants, "#,##0"),
        *(
            ()
            if stats.headcount is None
            else (
                (t.XLSX_REGISTERED_OFF_ROSTER, stats.registered_off_roster, "#,##0"),
                (t.XLSX_ON_ROSTER, stats.on_roster, "#,##0"),
                (t.XLSX_OFF_ROSTER, stats.off_roster, "#,##0"),
            )
        ),
        (t.XLSX_RATE, stats.rate, PERCENT_FORMAT),
        (t.XLSX_RATE_BASIS, t.XLSX_BASIS[stats.rate_basis], None),
        (t.XLSX_CHECKINS, stats.checkins, "#,##0"),
        (t.XLSX_MINUTES, stats.minutes, "#,##0"),
        (t.XLSX_AVERAGE, round(stats.average_minutes, 1), "#,##0.0"),
    ):
        cell = _text(summary, value) if isinstance(value, str) else _cell(summary, value, fmt)
        summary.append([_cell(summary, label), cell])
