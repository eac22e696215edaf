"""Issue 13, defect 20, in the offline console (`make run`): quitting in the middle of a
check-in and starting again carries on with the same step."""

from __future__ import annotations

from pathlib import Path

from tests.offline.test_console import REGISTER, console, rows


async def test_a_console_restart_mid_checkin_continues_the_flow(tmp_path: Path) -> None:
    first = await console(tmp_path, [*REGISTER, "/diemdanh"])
    assert first.rstrip().endswith("Tạm biệt!") and "Hôm nay bạn đã tự học bao lâu?" in first
    second = await console(tmp_path, ["45p", "1", "Đọc giáo trình"])  # "1": the first activity
    assert "Trong 45 phút đó, bạn đã học gì?" in second
    assert "Đã ghi nhận điểm danh tự học!" in second
    assert rows(tmp_path, "SELECT minutes FROM checkins") == [(45,)]
