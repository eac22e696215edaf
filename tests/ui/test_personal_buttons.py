"""The typed buttons of the personal features keep their wire strings and refuse forgeries."""

from __future__ import annotations

import pytest

from bot.core.duration import MAX_MINUTES_PER_ENTRY
from bot.ui import keyboards
from bot.ui.buttons import Activity, Delete, Duration, Menu, Undo, UnitChoice
from bot.ui.callbacks import CallbackData


@pytest.mark.parametrize(
    ("button", "wire"),
    [
        (Undo(7), "undo:7"),
        (Duration(30), "dur:30"),
        (UnitChoice(3), "unit:3"),
        (Activity("reading"), "act:reading"),
        (Menu("theme"), "menu:theme"),
        (Delete("yes"), "del:yes"),
    ],
)
def test_wire_strings_are_the_old_ones(button: CallbackData, wire: str) -> None:
    assert button.pack() == wire
    assert type(button).unpack(wire) == button


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (Undo, "undo:keep"),
        (Undo, "undo:0"),
        (Undo, "undo:-3"),
        (Undo, "undo:²"),
        (Duration, "dur:custom"),
        (Duration, "dur:0"),
        (Duration, f"dur:{MAX_MINUTES_PER_ENTRY + 1}"),
        (UnitChoice, "unit:99999999999"),
        (Activity, "act:sleeping"),
        (Menu, "menu:checkin"),
        (Delete, "del:maybe"),
        (Delete, "undo:7"),
    ],
)
def test_forged_or_other_buttons_unpack_to_none(kind: type[CallbackData], data: str) -> None:
    assert kind.unpack(data) is None


def test_the_keyboards_carry_the_typed_payloads() -> None:
    from bot.ui.texts import for_language

    t = for_language("vi")
    undo = keyboards.undo(t, 7).inline_keyboard[0]
    assert [b.callback_data for b in undo] == ["undo:7", keyboards.UNDO_KEEP]
    durations = [b.callback_data for row in keyboards.durations(t).inline_keyboard for b in row]
    assert "dur:30" in durations and keyboards.CUSTOM_DURATION in durations
    assert (keyboards.DELETE_ASK, keyboards.DELETE_YES) == ("del:ask", "del:yes")
