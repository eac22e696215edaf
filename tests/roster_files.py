"""Staff list files for the roster tests: Windows-1258 text, generated workbooks."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook

# Windows-1258 has the Vietnamese base letters precomposed and the five tones as combining marks.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def cp1258(text: str) -> bytes:
    """`text` encoded as Windows-1258 writes it (base letter, then the tone mark)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in _TONES).encode("cp1258")
    return bytes(out)


def workbook(rows: Sequence[Sequence[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def staff(people: int, units: int, *, prefix: str = "CB") -> list[list[object]]:
    """A title row, a header, then `people` people spread over `units` units."""
    rows: list[list[object]] = [["DANH SÁCH CÁN BỘ"], [], ["STT", "Họ và tên", "Đơn vị", "Mã CB"]]
    for n in range(people):
        rows.append([n + 1, f"Cán Bộ Số {n}", f"Phòng Ban {n % units}", f"{prefix}{n:05d}"])
    return rows
