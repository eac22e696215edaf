"""The commendation list as a workbook: Cá nhân (those meeting the bar, ranked), Đơn vị (the
units ranked by participation rate), Tiêu chí (the bar, the edition, how it was counted).

Every sheet says above its table what it lists and by which bar; the header row is frozen
and filtered; names and units are text, never a formula (bot/ui/files/xlsx.py `_text`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bot.services.commendations import Commendations
from bot.ui.files import bar_text
from bot.ui.files.xlsx import (
    _HEADER_FILL,
    _HEADER_FONT,
    DATE_FORMAT,
    MOMENT_FORMAT,
    PERCENT_FORMAT,
    _cell,
    _text,
)
from bot.ui.texts import Texts

_TITLE_FONT = Font(bold=True, size=13)
HOURS_FORMAT = "0.0"


def _line(ws: Any, value: str, font: Font | None = None) -> list[Any]:
    """One line of text above a table; text even when it starts with "=" (an edition name
    comes from a notice an admin sent)."""
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return [cell]


def _titled_sheet(
    wb: Workbook,
    title: str,
    lines: Sequence[str],
    headers: Sequence[str],
    widths: Sequence[int],
) -> tuple[Any, int]:
    """A sheet with a bold title and `lines` above its header row, frozen under the header;
    returns the sheet and the header's row number (for the autofilter)."""
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    header_row = len(lines) + 2  # the lines, then one empty row
    ws.freeze_panes = f"A{header_row + 1}"
    for index, line in enumerate(lines):
        ws.append(_line(ws, line, _TITLE_FONT if index == 0 else None))
    ws.append([])
    cells = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cells.append(cell)
    ws.append(cells)
    return ws, header_row


def _filter(ws: Any, header_row: int, columns: int, rows: int) -> None:
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{header_row + rows}"


def build_commendations_xlsx(t: Texts, found: Commendations, tz: tzinfo) -> bytes:
    """The workbook as bytes; `tz` is the bot's time zone (when it was made, as read)."""
    wb = Workbook(write_only=True)
    e = found.edition
    edition = t.CM_EDITION_LINE.format(
        edition=e.name, start=t.fmt_date(e.start), end=t.fmt_date(e.end)
    )
    bar = t.CM_BAR_LINE.format(bar=bar_text(t, found))
    _people(wb, t, found, edition, bar)
    _units(wb, t, found, edition, bar)
    _criteria(wb, t, found, tz)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _people(wb: Workbook, t: Texts, found: Commendations, edition: str, bar: str) -> None:
    note = t.CM_PEOPLE_NOTE.format(people=len(found.people), participants=found.participants)
    if not found.people:
        note += " " + t.CM_NOBODY
    headers = [
        t.CM_ORDINAL,
        t.CM_RANK,
        t.XLSX_NAME,
        t.XLSX_UNIT,
        t.CM_DAYS,
        t.XLSX_MINUTES,
        t.CM_HOURS,
        t.XLSX_CHECKINS,
        t.XLSX_NOTE,
    ]
    ws, header_row = _titled_sheet(
        wb,
        t.CM_SHEET_PEOPLE,
        [t.CM_TITLE_PEOPLE, edition, bar, note],
        headers,
        [6, 7, 32, 40, 13, 10, 9, 16, 28],
    )
    for number, p in enumerate(found.people, 1):
        ws.append(
            [
                number,
                p.rank,
                _text(ws, p.full_name),
                _text(ws, p.unit),
                p.days,
                p.minutes,
                _cell(ws, p.minutes / 60, HOURS_FORMAT),
                p.checkins,
                None,  # for the organiser: the proposed form of commendation
            ]
        )
    _filter(ws, header_row, len(headers), len(found.people))


def _units(wb: Workbook, t: Texts, found: Commendations, edition: str, bar: str) -> None:
    roster = found.rate_basis == "headcount"
    note = t.CM_UNITS_NOTE[found.rate_basis]
    if not found.units:
        note += " " + t.CM_NO_UNITS
    if roster:
        headers = [
            t.CM_RANK,
            t.XLSX_UNIT,
            t.XLSX_HEADCOUNT,
            t.XLSX_REGISTERED,
            t.XLSX_PARTICIPANTS,
            t.XLSX_ON_ROSTER,
            t.XLSX_RATE,
            t.CM_COMMENDED,
            t.XLSX_MINUTES,
        ]
        widths = [7, 42, 16, 14, 12, 18, 14, 18, 12]
    else:
        headers = [
            t.CM_RANK,
            t.XLSX_UNIT,
            t.XLSX_REGISTERED,
            t.XLSX_PARTICIPANTS,
            t.XLSX_RATE,
            t.CM_COMMENDED,
            t.XLSX_MINUTES,
        ]
        widths = [7, 42, 14, 12, 14, 18, 12]
    ws, header_row = _titled_sheet(
        wb, t.CM_SHEET_UNITS, [t.CM_TITLE_UNITS, edition, note, bar], headers, widths
    )
    for ranked in found.units:
        u = ranked.row
        rate = _cell(ws, u.rate, PERCENT_FORMAT)  # empty when nobody of the unit is listed
        name = _text(ws, u.unit)
        if roster:
            row = [ranked.rank, name, u.headcount, u.registered, u.participants, u.on_roster]
        else:
            row = [ranked.rank, name, u.registered, u.participants]
        ws.append([*row, rate, ranked.commended, u.minutes])
    _filter(ws, header_row, len(headers), len(found.units))


def _criteria(wb: Workbook, t: Texts, found: Commendations, tz: tzinfo) -> None:
    e, bar = found.edition, found.bar
    ws, _ = _titled_sheet(
        wb, t.CM_SHEET_CRITERIA, [t.CM_TITLE_CRITERIA], [t.CM_ITEM, t.XLSX_VALUE], [40, 70]
    )
    made = found.made_at.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0)
    for label, value, fmt in (
        (t.XLSX_EDITION, e.name, None),
        (t.XLSX_START, e.start, DATE_FORMAT),
        (t.XLSX_END, e.end, DATE_FORMAT),
        (t.XLSX_THEME, e.theme, None),
        (t.CM_WEEK_DAYS, bar.week_days, None),
        (t.CM_MIN_DAYS, bar.min_days, None),
        (t.CM_MIN_MINUTES, bar.min_minutes, "#,##0"),
        (t.CM_DAY_RULE, t.CM_DAY_RULE_VALUE, None),
        (t.CM_PEOPLE_ORDER, t.CM_PEOPLE_ORDER_VALUE, None),
        (t.CM_UNIT_ORDER, t.CM_UNIT_ORDER_VALUE, None),
        (t.XLSX_RATE_BASIS, t.XLSX_BASIS[found.rate_basis], None),
        (t.CM_PARTICIPANTS, found.participants, "#,##0"),
        (t.CM_MET, len(found.people), "#,##0"),
        (t.CM_UNITS_COUNT, len(found.units), "#,##0"),
        # Excel has no time zones: the bot's local time, as the admin reads it.
        (t.XLSX_MADE_AT, made, MOMENT_FORMAT),
        (t.CM_SOURCE, t.CM_SOURCE_VALUE, None),
    ):
        cell = _text(ws, value) if isinstance(value, str) else _cell(ws, value, fmt)
        ws.append([_cell(ws, label), cell])
