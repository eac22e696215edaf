"""`python -m bot certificates --year YYYY -o DIR`: every certificate as a PDF file."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from tests.test_cli import run

AFTER = {"BOT_CLOCK_START": "2023-10-10T09:00:00+07:00", "CERT_MIN_DAYS": "1"}


def test_certificates_from_the_shell(tmp_path: Path) -> None:
    script = "/hoso Nguyễn Văn An | Phòng A\n1\n/diemdanh 45 đọc sách\n"
    run([], tmp_path, stdin=script, BOT_CLOCK_START="2023-10-03T09:00:00+07:00")
    out = tmp_path / "giay" / "2023"
    early = run(
        ["certificates", "--year", "2023", "-o", str(out)],
        tmp_path,
        BOT_CLOCK_START="2023-10-05T09:00:00+07:00",
    )
    assert early.returncode == 1 and "not over" in early.stderr and not out.exists()
    assert (
        run(["certificates", "--year", "1999", "-o", str(out)], tmp_path, **AFTER).returncode == 1
    )
    result = run(
        ["certificates", "--year", "2023", "-o", str(out), "--bot", "@hoctap_bot"],
        tmp_path,
        **AFTER,
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote 1 certificates of 2023" in result.stdout
    [pdf] = list(out.iterdir())
    assert pdf.name.startswith("chung-nhan-2023-nguyen-van-an-") and pdf.suffix == ".pdf"
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1 and "Nguyễn Văn An" in text and "@hoctap_bot" in text
    with sqlite3.connect(tmp_path / "cli.db") as db:
        rows = db.execute("SELECT actor_id, params FROM audit_log WHERE action = 'certificates'")
        assert [(actor, '"certificates": 1' in params) for actor, params in rows] == [(-1, True)]
    none = run(
        ["certificates", "--year", "2023", "-o", str(out)],
        tmp_path,
        BOT_CLOCK_START=AFTER["BOT_CLOCK_START"],
        CERT_MIN_DAYS="5",
    )
    assert none.returncode == 0 and "Wrote 0 certificates" in none.stdout
