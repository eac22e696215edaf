"""Reading staff list files: XLSX, CSV in every encoding and delimiter offices produce."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.roster import read
from bot.ui.files.roster_read import (
    MAX_BYTES,
    FileProblem,
    RosterFileError,
    csv_rows,
    decode,
    read_table,
)
from bot.ui.files.roster_write import export_csv, export_xlsx, template_xlsx
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


def test_the_template_and_the_export_read_back() -> None:
    assert len(read(read_table(template_xlsx())).people) == 3
    rows = [('=HYPERLINK("x")', "+Phòng", "", "Trong danh sách")]
    for data in (export_xlsx(rows), export_csv(rows)):
        table = read_table(data)
        assert not table[1][0].startswith("=") or data[:2] == b"PK"
        assert read(table).people


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
