"""The command line as an admin or CI would use it: real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(
    args: list[str], tmp_path: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    environment.update(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", PYTHONPATH=str(ROOT), **env
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
        check=False,
    )


def test_invalid_setting_stops_with_one_clear_line(tmp_path: Path) -> None:
    result = run([], tmp_path, BOT_TIMEZONE="Mars/Olympus")
    assert result.returncode == 2
    assert result.stderr.strip() == "Invalid setting BOT_TIMEZONE: unknown time zone 'Mars/Olympus'"
    result = run([], tmp_path, BOT_CLOCK_START="2023-10-01T15:59:30")
    assert result.returncode == 2 and result.stderr.startswith("Invalid setting BOT_CLOCK_START")
    result = run([], tmp_path, ADMIN_IDS="12,abc")
    assert result.returncode == 2 and result.stderr.startswith("Invalid setting ADMIN_IDS")


def test_without_token_the_console_starts_and_answers(tmp_path: Path) -> None:
    # "2" presses the second button of the greeting's menu (Thời gian).
    script = "2\nchu de nam nay la gi\n/hoso Nguyễn Văn An | Phòng A\n1\n/diemdanh 45 đọc sách\n"
    result = run([], tmp_path, stdin=script, BOT_CLOCK_START="2023-10-03T09:00:00+07:00")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("🔌 CHẾ ĐỘ NGOẠI TUYẾN (offline)")
    assert "Xin chào Khách" in result.stdout
    assert "Xây dựng năng lực tự học trong kỷ nguyên số" in result.stdout
    assert "Đã ghi nhận điểm danh tự học!" in result.stdout
    assert "[1] 🎯 Chủ đề" in result.stdout
    assert "Từ 02/10/2023 đến hết 08/10/2023" in result.stdout


def test_db_upgrade_and_stats_json(tmp_path: Path) -> None:
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    run(
        [],
        tmp_path,
        stdin="/hoso Nguyễn Văn An | Phòng A\n1\n/diemdanh 45\n",
        BOT_CLOCK_START="2023-10-03T09:00:00+07:00",
        DISPATCH_INTERVAL_SECONDS="0",
    )
    result = run(["stats", "--year", "2023", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "year",
        "registered",
        "participants",
        "checkins",
        "minutes",
        "by_day",
        "by_unit",
        "headcount",
        "unregistered",
        "on_roster",
        "off_roster",
        "registered_off_roster",
        "rate",
        "rate_basis",
    }
    # No roster: no headcount, and the rate is over the registered, as before rosters.
    assert (data["headcount"], data["unregistered"], data["rate_basis"]) == (
        None,
        None,
        "registered",
    )
    assert data["rate"] == 1.0
    assert (data["year"], data["registered"], data["participants"], data["minutes"]) == (
        2023,
        1,
        1,
        45,
    )
    assert data["by_day"][1] == {
        "date": "2023-10-03",
        "participants": 1,
        "checkins": 1,
        "minutes": 45,
    }
    assert data["by_unit"] == [
        {
            "unit": "Phòng A",
            "registered": 1,
            "participants": 1,
            "minutes": 45,
            "headcount": None,
            "unregistered": None,
            "on_roster": None,
            "off_roster": None,
            "rate": 1.0,
        }
    ]
    assert run(["stats", "--year", "1999", "--json"], tmp_path).returncode == 1
    text = run(["stats", "--year", "2023"], tmp_path).stdout
    assert "Tuần lễ 2023: 1 đã đăng ký, 1 tham gia (100.0%)" in text


def test_stats_before_the_week_read_the_coming_edition_against_the_list(tmp_path: Path) -> None:
    """QA 14 items 2 and 5: no --year before the week gives the coming edition (not 2021), and
    with a staff list the rate is over it, the people off it counted apart."""
    before = {"BOT_CLOCK_START": "2023-09-30T09:00:00+07:00"}
    staff = tmp_path / "staff.csv"
    staff.write_text("Họ và tên,Đơn vị\nNguyễn Văn An,Phòng A\nTrần Bình,Phòng A\n", "utf-8")
    imported = run(["roster", "import", str(staff), "--yes"], tmp_path, **before)
    assert imported.returncode == 0, imported.stderr
    result = run(["stats", "--json"], tmp_path, **before)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["year"], data["headcount"], data["unregistered"]) == (2023, 2, 2)
    assert (data["on_roster"], data["off_roster"], data["rate"]) == (0, 0, 0.0)
    assert data["by_unit"][0]["off_roster"] == 0
    text = run(["stats"], tmp_path, **before).stdout
    assert "Tuần lễ 2023: 2 theo danh sách, 0 đã đăng ký, 0/2 trong danh sách tham gia" in text


def test_token_never_reaches_the_logs(tmp_path: Path) -> None:
    token = "123456:SECRET-token-value"
    # No network here: polling fails to connect, and the error is logged with the URL.
    result = run(
        [], tmp_path, TELEGRAM_BOT_TOKEN=token, TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot"
    )
    assert result.returncode == 1
    assert "Cannot start: Telegram at http://127.0.0.1:9/bot answered" in result.stderr
    assert token not in result.stdout + result.stderr
    assert "SECRET" not in result.stdout + result.stderr


@pytest.mark.parametrize("host_tz", ["UTC", "America/New_York", "Asia/Ho_Chi_Minh"])
def test_answers_do_not_depend_on_the_host_timezone(tmp_path: Path, host_tz: str) -> None:
    # 17:30 UTC on 1 October 2023 is 00:30 on 2 October in Vietnam: the opening day.
    script = "hôm nay là ngày thứ mấy của tuần lễ\n/hoso An | Phòng A\n1\n/diemdanh 30\n"
    result = run([], tmp_path, stdin=script, TZ=host_tz, BOT_CLOCK_START="2023-10-01T17:30:00Z")
    assert result.returncode == 0, result.stderr
    assert "Hôm nay là thứ Hai, ngày 02/10/2023" in result.stdout
    assert "ngày thứ 1/7" in result.stdout
    assert "Ngày: 02/10/2023" in result.stdout


def test_rehearsal_in_the_console_delivers_the_eve_message(tmp_path: Path) -> None:
    """BOT_CLOCK_START a few seconds before 16:00 on the eve: the message shows up by itself."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    environment.update(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}",
        PYTHONPATH=str(ROOT),
        BOT_CLOCK_START="2023-10-01T15:59:57+07:00",
        DISPATCH_INTERVAL_SECONDS="1",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=environment,
    )
    assert process.stdin is not None
    process.stdin.write("/hoso Nguyễn Văn An | Phòng A\n1\n")
    process.stdin.flush()
    time.sleep(8)  # the wall clock must pass 16:00 on the rehearsal clock; no way around it
    out, err = process.communicate("/quit\n", timeout=60)
    assert process.returncode == 0, err
    assert "Ngày mai khai mạc Tuần lễ hưởng ứng học tập suốt đời năm 2023!" in out
    figures = json.loads(run(["reminders", "--json"], tmp_path).stdout)
    assert figures[0]["key"] == "eve@2023-10-01" and figures[0]["sent"] == 1


def test_webhook_secret_must_follow_telegrams_rule(tmp_path: Path) -> None:
    result = run(["webhook"], tmp_path, WEBHOOK_SECRET="has spaces!", WEBHOOK_URL="https://x")
    assert result.returncode == 2
    assert result.stderr.startswith("Invalid setting WEBHOOK_SECRET: 1-256 characters")
