"""The invite ZIP's links.csv opens in Excel without running a unit name as a formula."""

from __future__ import annotations

import io
import zipfile

from bot.ui.files.qr import QrFile, bundle


def test_a_unit_name_that_looks_like_a_formula_is_text_in_links_csv() -> None:
    """Found in review: unit names went into links.csv as typed (a unit registered before
    names were checked could be `=HYPERLINK(...)`)."""
    files = [QrFile("a.png", "https://t.me/x?start=u-a", '=HYPERLINK("http://x","Bấm")')]
    with zipfile.ZipFile(io.BytesIO(bundle(files, ["Đơn vị", "Đường dẫn", "Tệp mã QR"]))) as z:
        table = z.read("links.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in table and "\n=HYPERLINK" not in table
