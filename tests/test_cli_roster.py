"""`python -m bot roster import|export`, called through bot.__main__.main."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.__main__ import main
from bot.ui.files.roster_read import read_table

DATA = Path(__file__).parent / "data" / "roster"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("TELEGRAM_BOT_TOKEN", "BOT_CLOCK_START", "ADMIN_IDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    return tmp_path


def test_without_yes_only_the_preview(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roster", "import", str(DATA / "danh-sach-2027.xlsx")]) == 1
    out, err = capsys.readouterr()
    assert "7 người, 5 đơn vị" in out and "7 mới" in out
    assert "dòng 11: thiếu đơn vị" in out and "dòng 12: trùng mã cán bộ với dòng 5" in out
    assert "Email, Số điện thoại" in out and "--yes" in err
    assert main(["roster", "export", "-o", str(env / "empty.csv")]) == 0
    assert len(read_table((env / "empty.csv").read_bytes())) == 1  # the header only


def test_import_then_reimport_then_export(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roster", "import", str(DATA / "danh-sach-2027.xlsx"), "--yes"]) == 0
    assert "7 người. 7 mới" in capsys.readouterr().out
    assert main(["roster", "import", str(DATA / "danh-sach-2028-cp1258.csv"), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "6 người. 1 mới, 1 chuyển đơn vị, 2 không còn trong danh sách; 0 đơn vị mới" in out
    assert main(["roster", "export", "-o", str(env / "ds.xlsx")]) == 0
    sheet = load_workbook(env / "ds.xlsx").active
    assert sheet is not None
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0] == ("Họ và tên", "Đơn vị", "Mã cán bộ", "Trạng thái")
    assert ("Lê Minh Châu", "Thanh tra Sở", "CB003", "Trong danh sách") in rows
    assert ("Bùi <> & Co", "Trung tâm Ứng dụng tiến bộ KH&CN", "CB009", "Đã rời") in rows
    assert len(rows) == 1 + 8


def test_a_renamed_pdf_and_a_missing_file_say_so(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["roster", "import", str(DATA / "renamed-pdf.xlsx"), "--yes"]) == 1
    assert "không đọc được tệp này" in capsys.readouterr().err
    assert main(["roster", "import", str(env / "nope.csv")]) == 1
    assert "nope.csv" in capsys.readouterr().err


def test_formulas_and_tags_in_names_are_listed_as_problems_and_not_imported(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = env / "evil.csv"
    source.write_text(
        'Họ và tên,Đơn vị\n"=HYPERLINK(""http://x"",""a"")",Phòng A\nLê An,@Phòng\n'
        "<b>Bold</b> Name,Phòng A\nLê Bình,Phòng A\n",
        "utf-8",
    )
    assert main(["roster", "import", str(source)]) == 1
    out = capsys.readouterr().out
    assert "dòng 2: ô Họ và tên là công thức" in out and "dòng 3: ô Đơn vị là công thức" in out
    assert "dòng 4: ô Họ và tên có thẻ HTML" in out
    assert main(["roster", "import", str(source), "--yes"]) == 0
    assert main(["roster", "export", "-o", str(env / "out.csv")]) == 0
    text = (env / "out.csv").read_text("utf-8-sig")
    assert "Lê Bình" in text and "HYPERLINK" not in text and "Bold" not in text
