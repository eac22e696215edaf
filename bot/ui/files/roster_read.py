"""A staff list file as rows of strings: XLSX (first sheet) or CSV in the encodings and
delimiters Vietnamese offices produce.

Bytes in, `list[list[str]]` out; anything that is not a readable table (a renamed PDF, a
broken zip, an empty file, an old .xls) raises `RosterFileError` with a `FileProblem` the
chat and the CLI turn into one sentence. Which row is the header is `bot.core.roster`'s job.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from datetime import date, datetime
from enum import Enum
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from bot.core.roster import HEADER_SCAN, MAX_ROWS, find_header
from bot.core.zip_guard import UnsafeArchive, check_archive

MAX_BYTES = 20 * 1024 * 1024  # Telegram's download limit for bots, and ours for the CLI
MAX_COLUMNS = 60  # a staff list has a handful; a sheet 16,384 columns wide is not read
MAX_LINES = MAX_ROWS + HEADER_SCAN + 1  # rows read at most (title rows, header, people)
DELIMITERS = (",", ";", "\t")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls / .doc of Office 97-2003
_BINARY_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # controls no CSV holds
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf")


class FileProblem(Enum):
    EMPTY = "empty"
    TOO_BIG = "too_big"
    UNREADABLE = "unreadable"  # not a table: a renamed PDF, a broken workbook
    OLD_EXCEL = "old_excel"  # .xls: ask for .xlsx or CSV
    TOO_MANY_ROWS = "too_many_rows"


class RosterFileError(ValueError):
    def __init__(self, problem: FileProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def read_table(data: bytes) -> list[list[str]]:
    """The file's rows (the first sheet of a workbook), every cell a string ("" if empty)."""
    if not data.strip():
        raise RosterFileError(FileProblem.EMPTY)
    if len(data) > MAX_BYTES:
        raise RosterFileError(FileProblem.TOO_BIG)
    if data.startswith(_XLSX_MAGIC):
        return _xlsx_rows(data)
    if data.startswith(_OLE_MAGIC):
        raise RosterFileError(FileProblem.OLD_EXCEL)
    if data.startswith(_BINARY_MAGIC):
        raise RosterFileError(FileProblem.UNREADABLE)
    return csv_rows(decode(data))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a staff code typed as a number: 1024, not 1024.0
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, ArrayFormula | DataTableFormula):
        return _formula(value)
    return str(value)


def _sheet(data: bytes, *, data_only: bool) -> Any:
    try:
        check_archive(data)  # a zip bomb is refused before openpyxl inflates it
    except UnsafeArchive as exc:
        raise RosterFileError(FileProblem.UNREADABLE) from exc
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises zip, XML, key and value errors alike
        raise RosterFileError(FileProblem.UNREADABLE) from exc


def _formula(value: Any) -> str:
    """A formula cell as text ("=A2&B2"); an array formula keeps its text too."""
    text = str(getattr(value, "text", value) or "")
    return text if text.startswith("=") else "=" + text


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet's rows. Read once with formulas; only a sheet that has some is read
    again for their saved results: a formula with a result counts as that text, one with
    none keeps its "=..." text, so the row is reported as a formula, not as an empty cell."""
    rows, formulas = _read_sheet(_sheet(data, data_only=False), formulas=True)
    if formulas:
        values, _ = _read_sheet(_sheet(data, data_only=True), formulas=False)
        for r, c in formulas:
            saved = values[r][c] if r < len(values) and c < len(values[r]) else ""
            if saved:
                rows[r][c] = saved
    return _trimmed(rows)


def _read_sheet(book: Any, *, formulas: bool) -> tuple[list[list[str]], list[tuple[int, int]]]:
    found: list[tuple[int, int]] = []
    try:
        if not book.worksheets:
            raise RosterFileError(FileProblem.EMPTY)
        rows: list[list[str]] = []
        sheet = book.worksheets[0]
        for r, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)):
            cells = [_text(v).strip() for v in values]
            # Read with formulas, a formula is "=..."; so is text typed as "=...", whose
            # saved "result" is itself. Both are looked up again (rare: checked per row).
            joined = "\x00".join(cells)
            if formulas and (joined.startswith("=") or "\x00=" in joined):
                found += [(r, c) for c, cell in enumerate(cells) if cell.startswith("=")]
            while cells and not cells[-1]:  # read-only sheets pad every row to max_col
                cells.pop()
            rows.append(cells)
            if len(rows) > MAX_LINES:
                raise RosterFileError(FileProblem.TOO_MANY_ROWS)
    except RosterFileError:
        raise
    except Exception as exc:  # a sheet whose XML breaks half-way through
        raise RosterFileError(FileProblem.UNREADABLE) from exc
    finally:
        book.close()
    return rows, found


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise RosterFileError(FileProblem.EMPTY)
    return rows


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without
    one when every other byte is NUL), else Windows-1258, the Vietnamese ANSI code page."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if len(data) >= 2 and data.count(0) * 3 >= len(data):  # UTF-16 with no BOM
        return _strict(data, "utf-16-le" if data[1] == 0 else "utf-16-be")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _strict(data, "cp1258")
    if _BINARY_TEXT.search(text):  # not text after all: some other binary file
        raise RosterFileError(FileProblem.UNREADABLE)
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RosterFileError(FileProblem.UNREADABLE) from exc
    if "\x00" in text:
        raise RosterFileError(FileProblem.UNREADABLE)
    return text.removeprefix("\ufeff")


def _split(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append([cell.strip() for cell in row[:MAX_COLUMNS]])
            if len(rows) > MAX_LINES:
                raise RosterFileError(FileProblem.TOO_MANY_ROWS)
    except csv.Error as exc:
        raise RosterFileError(FileProblem.UNREADABLE) from exc
    return rows


def csv_rows(text: str) -> list[list[str]]:
    """The rows of CSV text, split on the delimiter under which a header is found (comma,
    semicolon or tab); with no header under any, the one giving the most columns."""
    head = "\n".join(text.splitlines()[: HEADER_SCAN + 1])
    best, best_width = ",", 0
    for delimiter in DELIMITERS:
        sample = _split(head, delimiter)
        if find_header(sample) is not None:
            best = delimiter
            break
        width = max((len(row) for row in sample), default=0)
        if width > best_width:
            best, best_width = delimiter, width
    return _trimmed(_split(text, best))
