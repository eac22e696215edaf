"""Staff list files the bot writes: the sample to fill in (/roster mau) and the export
(`python -m bot roster export -o FILE`, XLSX or CSV).

Names and units are what people typed: a cell never starts a live formula (see csvfile.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.ui.files.csvfile import neutralise

# The columns as the bot reads them back (bot.core.roster.HEADERS recognises each, the
# status column too: a row "Đã rời" is not listed when the export is imported again).
HEADER = ("Họ và tên", "Đơn vị", "Mã cán bộ")
EXPORT_HEADER = (*HEADER, "Trạng thái")
SHEET = "Danh sách"


def _workbook(header: Sequence[str], rows: Iterable[Sequence[str]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            # openpyxl makes "=..." a formula; a string cell is only ever shown (xlsx.py).
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for letter, width in zip("ABCD", (32, 40, 14, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_xlsx(
    header: Sequence[str], rows: Iterable[Sequence[str]], title: str = SHEET
) -> bytes:
    """A sample workbook: the recognised headers (in the reader's language) and example
    rows, from the texts (ROSTER_SAMPLE_*)."""
    return _workbook(header, rows, title)


def export_xlsx(rows: Iterable[Sequence[str]]) -> bytes:
    return _workbook(EXPORT_HEADER, rows, SHEET)


def export_csv(rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 with a BOM (Excel opens the Vietnamese intact), every field quoted."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(EXPORT_HEADER)
    writer.writerows([neutralise(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")
