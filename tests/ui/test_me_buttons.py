"""/me's delete buttons (bot/ui/buttons.py MyEntry): typed, ≤ 64 bytes, forgeries refused."""

from __future__ import annotations

import pytest

from bot.core.numbers import DB_ID_MAX
from bot.ui.buttons import MyEntry
from bot.ui.callbacks import MAX_BYTES


@pytest.mark.parametrize("action", ["ask", "yes", "keep"])
def test_round_trip_within_telegrams_limit(action: str) -> None:
    button = MyEntry(action, DB_ID_MAX)
    data = button.pack()
    assert data == f"mine:{action}:{DB_ID_MAX}" and len(data.encode()) <= MAX_BYTES
    assert MyEntry.unpack(data) == button


@pytest.mark.parametrize(
    "data",
    [
        "mine:ask",
        "mine:drop:7",
        "mine:ask:0",
        "mine:ask:-7",
        "mine:ask:07",
        "mine:ask:²",
        "undo:7",
        f"mine:yes:{DB_ID_MAX + 1}",
        "mine:ask:7:8",
    ],
)
def test_what_the_bot_never_sends_is_refused(data: str) -> None:
    assert MyEntry.unpack(data) is None
