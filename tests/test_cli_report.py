"""`python -m bot report --year YYYY -o FILE.docx` as an admin would run it (real
subprocesses): the same figures as `stats --json`, the letterhead from the settings; and the
benchmark script still runs on a tiny size."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from docx import Document

from tests.test_cli import ROOT, run
from tests.ui.test_report_docx import assert_figures, texts

ORG = {
    "ORG_NAME": "Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh",
    "ORG_PARENT": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    "ORG_PLACE": "Thành phố Hồ Chí Minh",
    "SIGNER_TITLE": "Giám đốc",
    "SIGNER_NAME": "Nguyễn Văn A",
}


def test_report_has_the_stats_figures_and_the_letterhead(tmp_path: Path) -> None:
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    run(
        [],
        tmp_path,
        stdin="/hoso Nguyễn Văn An | Phòng A\n1\n/diemdanh 45 đọc sách\n",
        BOT_CLOCK_START="2023-10-03T09:00:00+07:00",
        DISPATCH_INTERVAL_SECONDS="0",
    )
    stats = run(["stats", "--year", "2023", "--json"], tmp_path)
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert (figures["participants"], figures["minutes"]) == (1, 45)
    out = tmp_path / "bao-cao.docx"
    result = run(["report", "--year", "2023", "-o", str(out)], tmp_path, **ORG)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote the 2023 results report to {out}"
    doc = Document(io.BytesIO(out.read_bytes()))
    assert_figures(doc, figures)
    body = texts(doc)
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ THÀNH PHỐ HỒ CHÍ MINH" in body
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH" in body
    assert "GIÁM ĐỐC" in body and "Nguyễn Văn A" in body
    assert any(line.startswith("Thành phố Hồ Chí Minh, ngày … tháng … năm ") for line in body)


def test_report_of_an_unknown_year_fails_without_a_file(tmp_path: Path) -> None:
    out = tmp_path / "none.docx"
    result = run(["report", "--year", "1999", "-o", str(out)], tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "No edition for 1999 in the editions file."
    assert not out.exists()


def test_the_report_benchmark_runs_on_a_tiny_size() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.report", "--officials", "300", "--units", "6"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "results report (data + DOCX)" in done.stdout
