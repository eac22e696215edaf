"""Notices sent as files: text in UTF-8 or Windows-1258, Word .docx, and what is refused."""

from __future__ import annotations

import io

import docx
import pytest

from bot.services.notice_files import MAX_BYTES, NoticeFileError, notice_text


def _refused(content: bytes, name: str) -> str:
    with pytest.raises(NoticeFileError) as caught:
        notice_text(content, name)
    return caught.value.kind


def test_text_files() -> None:
    assert notice_text("Chủ đề: “Học”".encode(), "a.TXT") == "Chủ đề: “Học”"
    assert notice_text("\ufeffThông báo".encode(), "a.txt") == "Thông báo"
    windows = "Tu\u00e2\u0300n l\u00ea\u0303".encode("cp1258")  # base letters + marks
    assert notice_text(windows, "a.txt") == "Tuần lễ"


def test_docx_paragraphs_and_tables() -> None:
    document = docx.Document()
    document.add_paragraph("Chủ đề: “Đọc sách”")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "SỞ GIÁO DỤC"
    buffer = io.BytesIO()
    document.save(buffer)
    text = notice_text(buffer.getvalue(), "tb.docx")
    assert "Chủ đề: “Đọc sách”" in text and "SỞ GIÁO DỤC" in text


def test_refusals() -> None:
    assert _refused(b"%PDF-1.4", "tb.docx") == "not_docx"
    assert _refused(b"PK\x03\x04 zip", "tb.txt") == "type"
    assert _refused(b"x" * (MAX_BYTES + 1), "tb.txt") == "too_big"
    assert _refused(b"   \n", "tb.txt") == "empty"
    assert _refused(b"a;b", "tb.csv") == "type"


def test_a_docx_that_would_inflate_to_hundreds_of_megabytes_is_refused_unread() -> None:
    """Found in review: a 186 KB .docx took 32 s and 830 MB inside python-docx."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:t>" + b"x" * (150 * 1024 * 1024) + b"</w:t>")
    assert _refused(out.getvalue(), "bom.docx") == "not_docx"


def test_a_text_longer_than_any_notice_is_refused() -> None:
    assert _refused(("Tuần lễ. " * 20_000).encode(), "sach.txt") == "too_long"
