"""The fake Telegram keeps menus and descriptions, and refuses what Telegram refuses."""

from __future__ import annotations

import pytest

from bot.offline.fake_telegram import OfflineTelegram, Rejected

CMDS = [{"command": "diemdanh", "description": "Điểm danh"}]


def test_menus_are_resolved_like_telegram() -> None:
    fake = OfflineTelegram()
    fake.add_chat(5)
    fake._dispatch("setMyCommands", {"commands": CMDS})
    fake._dispatch(
        "setMyCommands",
        {"commands": [{"command": "checkin", "description": "Log"}], "language_code": "en"},
    )
    staff = [{"command": "thongke", "description": "Thống kê"}]
    fake._dispatch("setMyCommands", {"commands": staff, "scope": {"type": "chat", "chat_id": 5}})
    assert fake.menu_seen(1) == ["diemdanh"] and fake.menu_seen(1, "en") == ["checkin"]
    assert fake.menu_seen(5) == ["thongke"] and fake.menu_seen(5, "en") == ["thongke"]
    fake._dispatch("deleteMyCommands", {"scope": {"type": "chat", "chat_id": 5}})
    assert fake.menu_seen(5) == ["diemdanh"]
    fake._dispatch("setMyDescription", {"description": "Xin chào"})
    fake._dispatch("setMyShortDescription", {"short_description": "Hi", "language_code": "en"})
    assert fake.description_seen("description", "en") == "Xin chào"
    assert fake.description_seen("short_description", "en") == "Hi"


@pytest.mark.parametrize(
    ("method", "params", "error"),
    [
        (
            "setMyCommands",
            {"commands": CMDS, "scope": {"type": "chat", "chat_id": 99}},
            "chat not found",
        ),
        ("setMyCommands", {"commands": CMDS, "scope": {"type": "everyone"}}, "scope"),
        ("setMyCommands", {"commands": CMDS, "language_code": "vie"}, "LANG_CODE_INVALID"),
        ("setMyCommands", {"commands": CMDS, "lang": "vi"}, "unexpected parameter lang"),
        ("deleteMyCommands", {"commands": CMDS}, "unexpected parameter commands"),
        ("setMyDescription", {"description": "x" * 513}, "too long"),
        ("setMyShortDescription", {"short_description": "x" * 121}, "too long"),
        ("setMyShortDescription", {"description": "x"}, "unexpected parameter description"),
        ("setMyName", {"name": "x"}, "method not found"),
    ],
)
def test_refusals(method: str, params: dict[str, object], error: str) -> None:
    fake = OfflineTelegram()
    with pytest.raises(Rejected, match=error):
        fake._dispatch(method, params)
