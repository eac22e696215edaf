"""The staff list (roster) as an admin's spreadsheet gives it: which row is the header, which
column holds what, and which rows are people the bot can import.

Pure rules, no file formats: `bot/ui/files/roster_read.py` turns the bytes into rows of
strings, this module reads them. Columns are found by their header, in Vietnamese with or
without diacritics or in English; e-mail and phone columns are recognised so that the preview
can say they are not kept (minimal data, Decree 356/2025), and are never read further.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from bot.core.inputs import InputProblem, name_problem
from bot.core.textnorm import fold, has_control_chars, match_key, nfc

MAX_ROWS = 50_000  # people in one file; over it nothing is imported
MAX_NAME = 100  # roster_people.full_name
MAX_UNIT = 120  # units.name
MAX_CODE = 32  # roster_people.staff_code
HEADER_SCAN = 30  # title rows above the header: how far down to look for it

NAME, UNIT, CODE, EMAIL, PHONE = "name", "unit", "code", "email", "phone"
STATUS = "status"  # "Trạng thái" as the export writes it: rows marked as left are not listed
# Header spellings, folded (see header_key). Longer phrases first is not needed: a cell
# matches a field only when its whole key is one of these.
HEADERS: dict[str, frozenset[str]] = {
    NAME: frozenset(
        {"ho va ten", "ho ten", "ho va ten can bo", "ten can bo", "full name", "name", "fullname"}
    ),
    UNIT: frozenset(
        {
            "don vi",
            "don vi cong tac",
            "phong ban",
            "phong",
            "phong khoa",
            "unit",
            "department",
            "dept",
        }
    ),
    CODE: frozenset(
        {"ma can bo", "ma cb", "ma nhan vien", "ma nv", "staff id", "staff code", "employee id"}
    ),
    EMAIL: frozenset({"email", "e mail", "thu dien tu"}),
    PHONE: frozenset(
        {"so dien thoai", "sdt", "dien thoai", "dt", "phone", "phone number", "mobile"}
    ),
    STATUS: frozenset({"trang thai", "tinh trang", "status"}),
}
# Status cells (header_key) that mean the person is no longer on the staff list.
LEFT = frozenset({"da roi", "roi", "left", "has left", "da nghi", "nghi viec", "da nghi viec"})
NOT_STORED = (EMAIL, PHONE)
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def header_key(cell: str) -> str:
    """A header cell as it is compared: folded, punctuation and spaces collapsed
    ("Họ và tên (*)" -> "ho va ten", "E-mail" -> "e mail", "SĐT" -> "sdt")."""
    return _NOT_WORD.sub(" ", fold(nfc(cell))).strip()


def field_of(cell: str) -> str | None:
    """Which field a header cell names, or None (STT, Ghi chú, Ngày sinh...: ignored)."""
    key = header_key(cell)
    for field, spellings in HEADERS.items():
        if key in spellings:
            return field
    return None


@dataclass(frozen=True, slots=True)
class Header:
    """Where the header is (0-based row index) and each recognised field's column."""

    row: int
    columns: dict[str, int]

    @property
    def not_stored(self) -> tuple[str, ...]:
        """The personal columns present in the file that the bot does not keep."""
        return tuple(field for field in NOT_STORED if field in self.columns)


def find_header(rows: Sequence[Sequence[str]]) -> Header | None:
    """The first row (of the first HEADER_SCAN) naming both a name and a unit column."""
    for index, row in enumerate(rows[:HEADER_SCAN]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            field = field_of(cell) if cell else None
            if field is not None and field not in columns:  # the first of two "Tên" columns
                columns[field] = column
        if NAME in columns and UNIT in columns:
            return Header(index, columns)
    return None


class Problem(Enum):
    NO_NAME = "no_name"
    NO_UNIT = "no_unit"
    NAME_LONG = "name_long"
    UNIT_LONG = "unit_long"
    CODE_LONG = "code_long"
    CONTROL = "control"  # invisible control characters in a cell
    DUPLICATE_CODE = "dup_code"  # the same staff code as an earlier row
    DUPLICATE_NAME = "dup_name"  # the same name in the same unit as an earlier row
    NAME_MARKUP = "name_markup"  # an HTML-like tag in the name (bot.core.inputs.name_problem)
    UNIT_MARKUP = "unit_markup"
    NAME_FORMULA = "name_formula"  # a formula, or text a spreadsheet would run as one
    UNIT_FORMULA = "unit_formula"


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that is not imported: its spreadsheet row number (1-based) and why; for a
    duplicate, the row it repeats."""

    row: int
    problem: Problem
    first: int | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """One importable row: names in NFC, keys folded for matching."""

    row: int
    full_name: str
    name_key: str
    unit: str
    unit_key: str
    code: str | None


@dataclass(frozen=True, slots=True)
class Parsed:
    people: tuple[Person, ...]
    problems: tuple[RowProblem, ...]
    not_stored: tuple[str, ...]  # e-mail / phone columns present but not kept
    marked_left: int = 0  # rows whose status column says the person has left: not listed

    @property
    def units(self) -> dict[str, str]:
        """unit key -> the first spelling of each unit the file names."""
        found: dict[str, str] = {}
        for person in self.people:
            found.setdefault(person.unit_key, person.unit)
        return found


def _cell(row: Sequence[str], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return nfc(row[column] or "")


def _problem(name: str, unit: str, code: str) -> Problem | None:
    if any(has_control_chars(text) for text in (name, unit, code)):
        return Problem.CONTROL
    if not name:
        return Problem.NO_NAME
    if not unit:
        return Problem.NO_UNIT
    if len(name) > MAX_NAME:
        return Problem.NAME_LONG
    if len(unit) > MAX_UNIT:
        return Problem.UNIT_LONG
    if len(code) > MAX_CODE:
        return Problem.CODE_LONG
    for text, markup, formula in (
        (name, Problem.NAME_MARKUP, Problem.NAME_FORMULA),
        (unit, Problem.UNIT_MARKUP, Problem.UNIT_FORMULA),
    ):
        found = name_problem(text)
        if found is not None:
            return markup if found is InputProblem.MARKUP else formula
    return None


def has_left(status: str) -> bool:
    """Whether a status cell says the person left ("Đã rời", "left", "da roi")."""
    return header_key(status) in LEFT


def parse(rows: Sequence[Sequence[str]], header: Header) -> Parsed:
    """The people below the header, and the rows that cannot be imported (empty rows are
    skipped silently, and so are rows whose status column marks the person as left). A tag
    or a formula in a name or unit is a problem, as it is when typed (bot.core.inputs)."""
    people: list[Person] = []
    marked_left = 0
    problems: list[RowProblem] = []
    codes: dict[str, int] = {}
    names: dict[tuple[str, str], tuple[int, bool]] = {}  # -> (first row, it had a code)
    cols = header.columns
    for index in range(header.row + 1, len(rows)):
        row, number = rows[index], index + 1
        name, unit, code = (_cell(row, cols.get(f)) for f in (NAME, UNIT, CODE))
        if not (name or unit or code):
            continue
        if STATUS in cols and has_left(_cell(row, cols[STATUS])):
            marked_left += 1
            continue
        found = _problem(name, unit, code)
        if found is not None:
            problems.append(RowProblem(number, found))
            continue
        name_key, unit_key = match_key(name), match_key(unit)
        if code and code.casefold() in codes:
            problems.append(RowProblem(number, Problem.DUPLICATE_CODE, codes[code.casefold()]))
            continue
        # Two namesakes in one unit are common in a large agency: their staff codes tell them
        # apart. Without codes on both rows, a repeated name is a row typed twice.
        first = names.get((name_key, unit_key))
        if first is not None and not (code and first[1]):
            problems.append(RowProblem(number, Problem.DUPLICATE_NAME, first[0]))
            continue
        if code:
            codes[code.casefold()] = number
        names.setdefault((name_key, unit_key), (number, bool(code)))
        people.append(Person(number, name, name_key, unit, unit_key, code or None))
    return Parsed(tuple(people), tuple(problems), header.not_stored, marked_left)


class RosterProblem(Enum):
    """Why a whole file cannot be imported."""

    NO_HEADER = "no_header"  # no row names both a name and a unit column
    TOO_MANY_ROWS = "too_many_rows"
    NO_PEOPLE = "no_people"  # a header, and not one importable row under it


class RosterError(ValueError):
    def __init__(self, problem: RosterProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def read(rows: Sequence[Sequence[str]]) -> Parsed:
    """The file's people and problems; a file that cannot be imported at all raises."""
    header = find_header(rows)
    if header is None:
        raise RosterError(RosterProblem.NO_HEADER)
    if len(rows) - header.row - 1 > MAX_ROWS:
        raise RosterError(RosterProblem.TOO_MANY_ROWS)
    parsed = parse(rows, header)
    if not parsed.people:
        raise RosterError(RosterProblem.NO_PEOPLE)
    return parsed
