"""Reading staff list files: XLSX, CSV in every encoding and delimiter offices produce."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from bot.core.roster import Problem, read
from bot.ui.files.roster_read import (
    MAX_BYTES,
    FileProblem,
    RosterFileError,
    csv_rows,
    decode,
    read_table,
)
from bot.ui.files.roster_write import export_csv, export_xlsx, template_xlsx
from bot.ui.texts import En, Vi
from tests.roster_files import cp1258, workbook

TEXT = "Họ và tên;Đơn vị\nNguyễn Thị Hường;Phòng Quản lý Khoa học\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode(),
        codecs.BOM_UTF8 + TEXT.encode(),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        cp1258(TEXT),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16-le", "cp1258"],
)
def test_every_encoding_reads_the_same_people(data: bytes) -> None:
    people = read(read_table(data)).people
    assert [(p.full_name, p.unit) for p in people] == [
        ("Nguyễn Thị Hường", "Phòng Quản lý Khoa học")
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_delimiter(delimiter: str) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(
        [["STT", "Họ và tên", "Đơn vị"], ["1", "Trần, Văn; A", "Phòng B"]]
    )
    people = read(read_table(out.getvalue().encode())).people
    assert [(p.full_name, p.unit) for p in people] == [("Trần, Văn; A", "Phòng B")]


def test_a_workbook_with_numbers_and_title_rows() -> None:
    data = workbook(
        [["Danh sách"], [None], ["Full name", "Department", "Staff ID"], ["An", "A", 1024.0]]
    )
    people = read(read_table(data)).people
    assert [(p.full_name, p.code) for p in people] == [("An", "1024")]


def _zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", FileProblem.EMPTY),
        (b"\n\n  ", FileProblem.EMPTY),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", FileProblem.UNREADABLE),
        (b"PK\x03\x04 not really a zip", FileProblem.UNREADABLE),
        (_zip_without_workbook(), FileProblem.UNREADABLE),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel", FileProblem.OLD_EXCEL),
        (b"a" * (MAX_BYTES + 1), FileProblem.TOO_BIG),
        (b"Name,Unit\n" + b"An,A\n" * 50_100, FileProblem.TOO_MANY_ROWS),
    ],
)
def test_what_is_not_a_table_is_a_typed_error(data: bytes, problem: FileProblem) -> None:
    with pytest.raises(RosterFileError) as caught:
        read_table(data)
    assert caught.value.problem is problem


_CELL = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=15
)


@given(
    st.lists(st.lists(_CELL, min_size=2, max_size=4), min_size=1, max_size=6),
    st.sampled_from([",", ";", "\t"]),
)
def test_csv_decoding_gives_back_the_cells(rows: list[list[str]], delimiter: str) -> None:
    table = [["Họ và tên", "Đơn vị", "x", "y"][: len(rows[0])], *rows]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(table)
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        try:
            got = csv_rows(decode(out.getvalue().encode(encoding)))
        except RosterFileError:
            assert not any(any(cell.strip() for cell in row) for row in table[1:])
            continue
        expected = [[c.strip() for c in row] for row in table]
        while expected and not any(expected[-1]):
            expected.pop()
        assert got == expected


@given(st.binary(max_size=300))
def test_any_bytes_are_rows_or_a_typed_error(data: bytes) -> None:
    try:
        rows = read_table(data)
    except RosterFileError:
        return
    assert all(isinstance(cell, str) for row in rows for cell in row)


@pytest.mark.parametrize("t", [Vi, En], ids=["vi", "en"])
def test_the_template_reads_back_in_each_language(t: type[Vi] | type[En]) -> None:
    data = template_xlsx(t.ROSTER_SAMPLE_HEADER, t.ROSTER_SAMPLE_ROWS, t.ROSTER_SAMPLE_SHEET)
    table = read_table(data)
    assert table[0] == list(t.ROSTER_SAMPLE_HEADER)
    assert len(read(table).people) == 3
    assert load_workbook(io.BytesIO(data)).sheetnames == [t.ROSTER_SAMPLE_SHEET]


def test_the_export_reads_back_and_never_holds_a_live_formula() -> None:
    rows = [
        ('=HYPERLINK("x")', "+Phòng", "", "Trong danh sách"),
        ("Lê An", "Phòng A", "CB1", "Trong danh sách"),
        ("Lê Bình", "Phòng A", "CB2", "Đã rời"),
    ]
    xlsx = export_xlsx(rows)
    assert load_workbook(io.BytesIO(xlsx)).sheetnames == ["Danh sách"]
    for data in (xlsx, export_csv(rows)):
        table = read_table(data)
        assert not table[1][0].startswith("=") or data[:2] == b"PK"
        parsed = read(table)
        # Read back, the leaver stays out, and nobody's name starts a formula (the CSV's
        # neutralised cell is text: "'=HYPERLINK...").
        names = [p.full_name for p in parsed.people]
        assert "Lê An" in names and "Lê Bình" not in names and parsed.marked_left == 1
        assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
    xlsx_problems = read(read_table(xlsx)).problems
    assert [p.problem for p in xlsx_problems] == [Problem.NAME_FORMULA]


def test_a_formula_cell_without_a_saved_result_is_a_formula_problem_not_missing() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Họ và tên", "Đơn vị"])
    sheet.append(["Lê An", "=B3"])  # openpyxl saves no result: the unit cell reads as empty
    sheet.append(["Lê Bình", "Phòng A"])
    out = io.BytesIO()
    book.save(out)
    parsed = read(read_table(out.getvalue()))
    assert [(p.row, p.problem) for p in parsed.problems] == [(2, Problem.UNIT_FORMULA)]
    assert [p.full_name for p in parsed.people] == ["Lê Bình"]


_VIETNAMESE = st.text(
    st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩị"
                    "óòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ "),
    min_size=1,
    max_size=30,
)  # fmt: skip


@given(_VIETNAMESE)
def test_windows_1258_decodes_to_the_same_letters(text: str) -> None:
    import unicodedata

    decoded = decode(cp1258(text))
    assert unicodedata.normalize("NFC", decoded) == unicodedata.normalize("NFC", text)


def test_a_workbook_that_would_inflate_past_a_hundred_megabytes_is_refused_unread() -> None:
    """Found in review: a 232 KB .xlsx took 15 s and 250 MB inside openpyxl."""
    import io
    import zipfile

    from bot.ui.files.roster_read import FileProblem, RosterFileError, read_table

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"x" * (150 * 1024 * 1024) + b"</sst>")
    try:
        read_table(out.getvalue())
    except RosterFileError as exc:
        assert exc.problem is FileProblem.UNREADABLE
    else:
        raise AssertionError("a zip bomb was read")
