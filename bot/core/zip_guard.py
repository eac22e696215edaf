"""Office files (XLSX, DOCX) are ZIP archives: checked before any parser opens one.

A 200 KB file can declare a gigabyte of XML (a "zip bomb"); openpyxl and python-docx would
inflate it whole. Python's zipfile never inflates a member past the size its header
declares, so refusing archives whose declared sizes are too large is a sound guard.
"""

from __future__ import annotations

import io
import zipfile

MAX_UNZIPPED = 100 * 1024 * 1024  # all members together: far above a real staff list
MAX_MEMBERS = 2_000
MAX_RATIO = 200  # declared size / compressed size of one member; XML compresses ~10-30x


class UnsafeArchive(ValueError):
    """The archive is not one, or declares more than a document of this kind needs."""


def check_archive(content: bytes, *, limit: int = MAX_UNZIPPED) -> None:
    """Refuse (UnsafeArchive) a ZIP that is broken or would inflate beyond `limit`."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeArchive("not a zip archive") from exc
    if len(members) > MAX_MEMBERS:
        raise UnsafeArchive("too many members")
    if sum(m.file_size for m in members) > limit:
        raise UnsafeArchive("declares too much data")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise UnsafeArchive("compressed beyond any document")
