"""Issue 13: the offline console has no dead ends.

Found as: after a restart the console numbered its messages from the same start again, so
`/diemdanh 1 tiếng rưỡi học khóa online` was taken for a redelivery of the previous run's
check-in ("Lượt điểm danh này đã được ghi nhận trước đó") and nothing was stored; the chart
and exports it sent were written nowhere; and no one could act as an admin or organiser.
Everything runs through the real Application and the console, on one SQLite file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app import build_application, running
from bot.offline.acting import Acting
from bot.offline.console import SAVED_FILE, Console, ConsoleOptions, run_console
from bot.offline.fake_telegram import OfflineTelegram
from bot.offline.fake_updates import FakeUser
from bot.offline.ids import BLOCK, IdSeries, mark_beside
from bot.ui.texts import Vi
from tests.conftest import make_settings, vn

PERSON = FakeUser(100001, "Khách", "vi")
REGISTER = ["/hoso Nguyễn Văn An | Phòng A", "1"]  # "1" presses "I agree" under the notice
CHECKIN = "/diemdanh 1 tiếng rưỡi học khóa online"


async def console(
    tmp_path: Path, lines: list[str], options: ConsoleOptions | None = None, **settings: Any
) -> str:
    """Run the console on tmp_path/bot.db with these typed lines; its whole transcript."""
    out: list[str] = []
    typed = iter(lines)
    values = {"bot_clock_start": vn(2023, 10, 3, 9, 0), **settings}
    await run_console(
        make_settings(tmp_path, **values), PERSON, options, lambda: next(typed, None), out.append
    )
    return "\n".join(out)


def rows(tmp_path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(tmp_path / "bot.db") as db:
        return db.execute(sql).fetchall()


# --- (1) a restart never reuses an id ------------------------------------------------------
async def test_a_check_in_after_a_restart_is_stored_and_confirmed(tmp_path: Path) -> None:
    first = await console(tmp_path, [*REGISTER, CHECKIN])
    assert "Đã ghi nhận điểm danh tự học!" in first
    # The same words after a restart: a new message, not a redelivery. Within two minutes of
    # the first it looks like a double tap, so the bot asks; "1" presses "Ghi thêm".
    second = await console(tmp_path, [CHECKIN, "1"])
    assert Vi.CHECKIN_ALREADY not in second and "Ghi thêm lượt nữa?" in second
    assert "Đã ghi nhận điểm danh tự học!" in second and "Hôm nay: 3 giờ" in second
    assert rows(tmp_path, "SELECT minutes FROM checkins") == [(90,), (90,)]


async def test_a_redelivered_update_is_still_recognised(tmp_path: Path) -> None:
    telegram = OfflineTelegram()
    app = build_application(make_settings(tmp_path), request=telegram)
    shown: list[str] = []
    async with running(app):
        chat = Console(app, telegram, PERSON, shown.append, ids=IdSeries(None))
        for line in REGISTER:
            await chat.handle(line)
        update = chat.factory.message(PERSON, "/diemdanh 45 đọc sách")
        for _ in range(2):  # Telegram delivers the same update twice
            await app.process_update(Update.de_json(update, app.bot))
    texts = [line for line in shown if line and not line.startswith("[1] ")]  # not buttons
    assert "Đã ghi nhận điểm danh tự học!" in texts[-2]
    assert texts[-1].startswith(Vi.CHECKIN_ALREADY)
    assert rows(tmp_path, "SELECT minutes FROM checkins") == [(45,)]


def test_ids_never_repeat_even_with_the_clock_set_back(tmp_path: Path) -> None:
    mark = mark_beside(tmp_path / "bot.db")
    assert mark == tmp_path / "bot.db.console-ids"
    earlier = IdSeries(mark, now=lambda: 2_000_000.0)
    used = [earlier() for _ in range(5)]
    assert used == sorted(set(used))
    later = IdSeries(mark, now=lambda: 1_000_000.0)  # a clock set back a whole day
    assert later() > max(used) and later() > max(used)
    # Past a block, the next one is reserved and written down as well.
    series = IdSeries(mark, now=lambda: 0.0)
    first = series()
    for _ in range(BLOCK):
        series()
    assert IdSeries(mark, now=lambda: 0.0)() > first + BLOCK


def test_an_unreadable_mark_falls_back_to_the_clock(tmp_path: Path) -> None:
    mark = tmp_path / "bot.db.console-ids"
    mark.write_text("not a number ²³")
    assert IdSeries(mark, now=lambda: 5.0)() == 5000
    assert IdSeries(None, now=lambda: 5.0)() == 5000  # PostgreSQL or in memory: the clock only


# --- (19) files and roles --------------------------------------------------------------------
def saved(transcript: str) -> list[Path]:
    prefix = SAVED_FILE.split("{", 1)[0]
    lines = transcript.splitlines()
    return [Path(line.removeprefix(prefix)) for line in lines if line.startswith(prefix)]


async def test_an_admin_gets_exports_and_the_chart_as_files(tmp_path: Path) -> None:
    script = [*REGISTER, CHECKIN, "/export csv 2023", "/export xlsx 2023", "/stats 2023", "4"]
    transcript = await console(tmp_path, script, ConsoleOptions(Acting.ADMIN))
    assert "Bạn đóng vai quản trị viên (mã 100001" in transcript
    files = saved(transcript)
    assert [f.suffix for f in files] == [".csv", ".xlsx", ".png"]
    assert all(f.parent == tmp_path / "console-files" for f in files)
    assert "Nguyễn Văn An" in files[0].read_text(encoding="utf-8-sig")
    assert files[1].read_bytes()[:2] == b"PK"  # a zip, as every .xlsx is
    assert files[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The same export again is a second file, never written over the first.
    again = saved(await console(tmp_path, ["/export csv 2023"], ConsoleOptions(Acting.ADMIN)))
    assert again[0] != files[0] and again[0].stem.endswith("-2") and files[0].exists()


async def test_an_official_is_refused_and_told_how_to_change_role(tmp_path: Path) -> None:
    transcript = await console(tmp_path, ["/export csv 2023"])
    assert "--as admin hoặc --as organiser" in transcript
    assert saved(transcript) == [] and not (tmp_path / "console-files").exists()


async def test_an_organiser_is_granted_once_and_audited_as_the_console(tmp_path: Path) -> None:
    options = ConsoleOptions(Acting.ORGANISER, tmp_path / "out")
    transcript = await console(tmp_path, ["/stats 2023", "3"], options)  # 3: 📈 Biểu đồ
    assert "Đã cấp vai trò ban tổ chức cho mã 100001" in transcript
    assert [f.parent for f in saved(transcript)] == [tmp_path / "out"]  # the chart
    again = await console(tmp_path, ["/export csv 2023"], options)  # exports are for admins
    assert "Đã cấp vai trò" not in again and saved(again) == []
    assert rows(tmp_path, "SELECT role FROM users WHERE telegram_id = 100001") == [("organiser",)]
    audit = rows(tmp_path, "SELECT actor_id, action, params FROM audit_log")
    assert audit == [(100001, "grant", '{"user": 100001, "role": "organiser", "via": "console"}')]


def test_the_command_line_flags(tmp_path: Path) -> None:
    from tests.test_cli import run

    args = ["console", "--as", "admin", "--files-dir", "out", "--user-id", "4242"]
    rehearsal = {"BOT_CLOCK_START": "2023-10-03T09:00:00+07:00"}
    result = run(args, tmp_path, stdin="/export csv 2023\n", **rehearsal)
    assert result.returncode == 0, result.stderr
    assert "Bạn đóng vai quản trị viên (mã 4242" in result.stdout
    assert f"{SAVED_FILE.split('{', 1)[0]}{tmp_path / 'out'}" in result.stdout
    assert len(list((tmp_path / "out").glob("*.csv"))) == 1


async def test_an_id_in_admin_ids_is_told_it_is_an_admin(tmp_path: Path) -> None:
    transcript = await console(tmp_path, [], admin_ids=frozenset({PERSON.id}))
    assert "Bạn đóng vai quản trị viên (mã 100001" in transcript
