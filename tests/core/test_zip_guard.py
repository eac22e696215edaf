"""Zip bombs are refused before openpyxl or python-docx inflate them; real files pass."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.zip_guard import UnsafeArchive, check_archive
from tests.roster_files import workbook


def bomb(size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<a>" + b"x" * size + b"</a>")
    return out.getvalue()


def test_a_real_workbook_passes() -> None:
    check_archive(workbook([["Họ và tên", "Đơn vị"], ["Nguyễn Văn An", "Phòng Kế toán"]]))


def test_a_small_file_that_inflates_to_hundreds_of_megabytes_is_refused() -> None:
    data = bomb(150 * 1024 * 1024)
    assert len(data) < 1024 * 1024  # small on the wire
    with pytest.raises(UnsafeArchive):
        check_archive(data)


def test_a_highly_compressed_member_is_refused_even_under_the_total() -> None:
    with pytest.raises(UnsafeArchive):
        check_archive(bomb(20 * 1024 * 1024))


@given(st.binary(max_size=2048))
def test_arbitrary_bytes_are_refused_or_pass_never_crash(data: bytes) -> None:
    with contextlib.suppress(UnsafeArchive):
        check_archive(data)
