"""The staff list's rules: headers in three spellings, the rows that cannot be imported."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.roster import (
    CODE,
    EMAIL,
    HEADERS,
    MAX_ROWS,
    NAME,
    PHONE,
    UNIT,
    Problem,
    RosterError,
    RosterProblem,
    field_of,
    find_header,
    read,
)


@pytest.mark.parametrize(
    ("cell", "field"),
    [
        ("Họ và tên", NAME),
        ("HỌ VÀ TÊN (*)", NAME),
        ("ho ten", NAME),
        ("Full name", NAME),
        ("Name", NAME),
        ("Đơn vị", UNIT),
        ("Phòng ban", UNIT),
        ("Phòng", UNIT),
        ("Department", UNIT),
        ("unit", UNIT),
        ("Mã cán bộ", CODE),
        ("Mã CB", CODE),
        ("Staff ID", CODE),
        ("E-mail", EMAIL),
        ("SĐT", PHONE),
        ("Số điện thoại", PHONE),
        ("Phone", PHONE),
        ("STT", None),
        ("Ngày sinh", None),
        ("", None),
    ],
)
def test_headers_are_known_with_or_without_diacritics(cell: str, field: str | None) -> None:
    assert field_of(cell) == field


_SPELLINGS = [(f, s) for f, spellings in HEADERS.items() for s in spellings]


@given(st.sampled_from(_SPELLINGS), st.sampled_from(["", " ", ":", " (*)", "  "]), st.booleans())
def test_any_spelling_any_case_and_punctuation_is_the_same_field(
    pair: tuple[str, str], tail: str, upper: bool
) -> None:
    field, spelling = pair
    cell = (spelling.upper() if upper else spelling.title()) + tail
    assert field_of(cell) == field


@given(st.text(max_size=40))
def test_the_matcher_never_fails_and_names_only_known_fields(cell: str) -> None:
    assert field_of(cell) in {None, *HEADERS}


@given(st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=8))
def test_find_header_names_a_row_with_both_name_and_unit(rows: list[list[str]]) -> None:
    header = find_header(rows)
    if header is not None:
        assert {NAME, UNIT} <= header.columns.keys()
        row = rows[header.row]
        assert field_of(row[header.columns[NAME]]) == NAME


def test_the_header_may_sit_under_title_rows_and_stt_is_ignored() -> None:
    rows = [
        ["SỞ KHOA HỌC VÀ CÔNG NGHỆ"],
        ["Danh sách"],
        [],
        ["STT", "Họ tên", "Phòng ban", "Email"],
    ]
    rows += [["1", "Nguyễn Văn An", "Phòng A", "an@example.vn"]]
    parsed = read(rows)
    assert [(p.row, p.full_name, p.unit) for p in parsed.people] == [
        (5, "Nguyễn Văn An", "Phòng A")
    ]
    assert parsed.not_stored == (EMAIL,)


def test_bad_rows_are_listed_by_number_and_left_out() -> None:
    rows = [
        ["Họ và tên", "Đơn vị", "Mã cán bộ"],
        ["", "Phòng A", ""],
        ["Lê Thị B", "", ""],
        ["x" * 101, "Phòng A", ""],
        ["Lê Văn C", "P" * 121, ""],
        ["Lê\u202eVăn D", "Phòng A", ""],
        ["Lê <> & Co", "Phòng A", "7"],
        ["Lê Văn E", "Phòng A", "7"],
        ["le  van  f", "PHÒNG A", ""],
        ["Lê Văn F", "phong a", ""],
        ["", "", ""],
    ]
    parsed = read(rows)
    assert [(p.row, p.problem, p.first) for p in parsed.problems] == [
        (2, Problem.NO_NAME, None),
        (3, Problem.NO_UNIT, None),
        (4, Problem.NAME_LONG, None),
        (5, Problem.UNIT_LONG, None),
        (6, Problem.CONTROL, None),
        (8, Problem.DUPLICATE_CODE, 7),
        (10, Problem.DUPLICATE_NAME, 9),
    ]
    assert [p.full_name for p in parsed.people] == ["Lê <> & Co", "le van f"]


def test_the_same_name_in_two_units_is_two_people() -> None:
    parsed = read([["Name", "Unit"], ["An", "A"], ["An", "B"]])
    assert len(parsed.people) == 2 and parsed.problems == ()


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([["Tên", "Tuổi"], ["An", "3"]], RosterProblem.NO_HEADER),
        ([["Họ và tên", "Đơn vị"], ["", "A"]], RosterProblem.NO_PEOPLE),
        ([["Họ và tên", "Đơn vị"]] + [["A", "B"]] * (MAX_ROWS + 1), RosterProblem.TOO_MANY_ROWS),
    ],
)
def test_a_file_that_cannot_be_imported_says_why(
    rows: list[list[str]], problem: RosterProblem
) -> None:
    with pytest.raises(RosterError) as caught:
        read(rows)
    assert caught.value.problem is problem


@pytest.mark.parametrize(
    ("name", "unit", "problem"),
    [
        ("<b>Bold</b> Name", "Phòng A", Problem.NAME_MARKUP),
        ("Lê An", "<script>alert(1)</script>", Problem.UNIT_MARKUP),
        ("Lê An", "Phòng <!-- x -->", Problem.UNIT_MARKUP),
        ('=HYPERLINK("http://x")', "Phòng A", Problem.NAME_FORMULA),
        ("+cmd", "Phòng A", Problem.NAME_FORMULA),
        ("-2+3", "Phòng A", Problem.NAME_FORMULA),
        ("Lê An", "@SUM(1)", Problem.UNIT_FORMULA),
        ("Lê An", "=A1&B1", Problem.UNIT_FORMULA),  # an unsaved formula, as the reader gives it
    ],
)
def test_tags_and_formulas_are_problems_not_people(name: str, unit: str, problem: Problem) -> None:
    parsed = read([["Họ và tên", "Đơn vị"], ["Trần Bình", "Phòng B"], [name, unit]])
    assert [(p.row, p.problem) for p in parsed.problems] == [(3, problem)]
    assert [p.full_name for p in parsed.people] == ["Trần Bình"]


def test_a_lone_angle_bracket_is_text() -> None:
    parsed = read([["Họ và tên", "Đơn vị"], ["Lê An", "Phòng A < B"], ["Lê Bình", "Phòng <>"]])
    assert parsed.problems == () and len(parsed.people) == 2


@pytest.mark.parametrize("status", ["Đã rời", "đã rời", "da roi", "Left", "LEFT"])
def test_rows_the_status_column_marks_as_left_are_not_listed(status: str) -> None:
    rows = [
        ["Họ và tên", "Đơn vị", "Mã cán bộ", "Trạng thái"],
        ["Lê An", "Phòng A", "CB1", "Trong danh sách"],
        ["Lê Bình", "Phòng A", "CB2", status],
        ["Lê Chi", "Phòng B", "", ""],
    ]
    parsed = read(rows)
    assert [p.full_name for p in parsed.people] == ["Lê An", "Lê Chi"]
    assert parsed.marked_left == 1 and parsed.problems == ()


def test_without_a_status_column_a_cell_saying_left_is_ignored() -> None:
    parsed = read([["Họ và tên", "Đơn vị", "Ghi chú"], ["Lê An", "Phòng A", "Đã rời"]])
    assert len(parsed.people) == 1 and parsed.marked_left == 0
