"""A notice sent as a file: plain text (UTF-8, else Windows-1258/1252) or a Word .docx."""

from __future__ import annotations

import io
import unicodedata
import zipfile

from bot.core.zip_guard import UnsafeArchive, check_archive

MAX_BYTES = 20 * 1024 * 1024  # Telegram's own limit for files a bot may download
# A notice is a few pages (the two seeds: 2,000 and 4,000 characters); the reader's cost
# grows with the text, so a file that is really a book is refused before it is read.
MAX_CHARS = 100_000
DOCX = ".docx"
TEXT = ".txt"


class NoticeFileError(ValueError):
    """Why a file cannot be read as a notice: "too_big", "not_docx", "type", "empty" or
    "too_long"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def readable(file_name: str) -> bool:
    return file_name.lower().endswith((DOCX, TEXT))


def notice_text(content: bytes, file_name: str) -> str:
    """The notice's text; NoticeFileError says why not."""
    if len(content) > MAX_BYTES:
        raise NoticeFileError("too_big")
    name = file_name.lower()
    if name.endswith(DOCX):
        text = _docx_text(content)
    elif name.endswith(TEXT):
        text = _plain(content)
    else:
        raise NoticeFileError("type")
    if not text.strip():
        raise NoticeFileError("empty")
    if len(text) > MAX_CHARS:
        raise NoticeFileError("too_long")
    return unicodedata.normalize("NFC", text)  # Windows-1258 writes tone marks apart


def _plain(content: bytes) -> str:
    if content.startswith(b"PK\x03\x04") or b"\x00" in content[:4096]:
        raise NoticeFileError("type")  # a renamed archive or binary, not text
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("utf-8", errors="replace")


def _docx_text(content: bytes) -> str:
    import docx  # python-docx: imported here, only a .docx needs it

    try:
        check_archive(content)  # before python-docx inflates it whole
    except UnsafeArchive as exc:
        raise NoticeFileError("not_docx") from exc
    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise NoticeFileError("not_docx") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors
        raise NoticeFileError("not_docx") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:  # a letterhead is often a two-column table
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)
