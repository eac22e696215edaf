"""`python -m bot units links`: every unit's invite link, codes given once and kept."""

from __future__ import annotations

import json
from pathlib import Path

from bot.offline.fake_telegram import BOT_USERNAME
from tests.test_cli import run


def test_units_links_json_and_table_offline(tmp_path: Path) -> None:
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    empty = run(["units", "links", "--json"], tmp_path)
    assert empty.returncode == 0, empty.stderr
    assert json.loads(empty.stdout) == []
    run([], tmp_path, stdin="/hoso Nguyễn Văn An | Phòng Kế toán\n1\n")
    result = run(["units", "links", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    link = f"https://t.me/{BOT_USERNAME}?start=u-phong-ke-toan"
    expected = [{"unit": "Phòng Kế toán", "code": "phong-ke-toan", "link": link}]
    assert json.loads(result.stdout) == expected
    assert json.loads(run(["units", "links", "--json"], tmp_path).stdout) == expected  # kept
    table = run(["units", "links"], tmp_path).stdout
    assert "Phòng Kế toán" in table and link in table
    # A new official opens the link in the console: the notice, then only the name.
    chat = run(
        ["console", "--user-id", "200002"], tmp_path, stdin="/start u-phong-ke-toan\n1\nLê Minh\n"
    )
    assert "Đã lưu hồ sơ" in chat.stdout and "Đơn vị: Phòng Kế toán" in chat.stdout
