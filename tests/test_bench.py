"""The benchmark scripts still run (tiny sizes), and the fake's latency pairing is right.

`make bench` is not part of `make test`; these keep it from rotting between measurements.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.fake_telegram_http import HttpFakeTelegram

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_latencies_pair_each_message_with_its_chats_reply_in_order() -> None:
    fake = HttpFakeTelegram()
    fake.pushed = {1: (10, 100.0), 2: (20, 100.5), 3: (10, 101.0)}
    fake.reply_times = {10: [100.2, 101.7], 20: [100.6]}
    assert sorted(round(x, 3) for x in fake.latencies()) == [0.1, 0.2, 0.7]


def test_burst_compares_the_bot_with_the_echo_bot() -> None:
    out = run("bench.burst", "--messages", "30", "--users", "10", "--crowd", "20", "--rounds", "1")
    for figure in ("checkins: updates/s", "questions: p95 ms", "RSS after 20 users, MB"):
        row = next(line for line in out.splitlines() if line.startswith(f"| {figure} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        bot, echo, ratio = (float(c) for c in cells[1:4])
        assert bot > 0 and echo > 0 and ratio == pytest.approx(bot / echo, rel=0.05, abs=0.01)


def test_broadcast_reaches_everyone_without_a_429() -> None:
    out = run("bench.broadcast", "--recipients", "40", "--limit", "1000", "--rate", "1000")
    assert "sent: 40, failed: 0, unknown: 0" in out
    assert "429 answers: 0" in out


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_reports_time_stats_and_an_export(backend: str) -> None:
    if backend == "postgresql" and not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (e.g. postgresql+asyncpg://...)")
    out = run("bench.reports", "--backend", backend, "--checkins", "3000", "--export-rows", "300")
    assert re.search(r"/stats \+ by day \+ by unit on 3,000 check-ins .* median \d+ ms", out)
    assert "XLSX export of 300 check-ins" in out


def test_certificates_time_a_pdf_against_a_qr_code() -> None:
    out = run("bench.certificates", "--count", "2", "--rounds", "1")
    found = re.search(r"certificate PDF: (\d+) ms each .* certificate / QR = (\d+)", out)
    assert found is not None and int(found[1]) > 0 and int(found[2]) > 0, out
