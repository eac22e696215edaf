"""The reminder schedule (bot/core/schedule.py): due moments of an edition, validation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.core.editions import Edition, load_editions
from bot.core.schedule import (
    CLOSING_KINDS,
    ReminderData,
    ReminderSpec,
    expand,
    load_reminder_data,
    parse_specs,
    specs_for,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def edition_2023() -> Edition:
    edition = load_editions().get(2023)
    assert edition is not None
    return edition


def test_default_schedule_of_an_edition() -> None:
    edition = edition_2023()  # 2023-10-02 .. 2023-10-08, opening on the first day
    items = expand(edition, specs_for(edition, load_reminder_data()), VN)
    kinds = [item.kind for item in items]
    assert (kinds.count("morning"), kinds.count("nudge")) == (7, 7)
    first, second = items[0], items[1]
    assert first.key == "eve@2023-10-01" and first.due == datetime(2023, 10, 1, 16, tzinfo=VN)
    assert first.day_number == 0  # the day before the week
    assert second.key == "opening@2023-10-02" and second.day_number == 1
    week = [i for i in items if i.kind not in CLOSING_KINDS]
    assert week[-1].key == "summary@2023-10-08"
    assert week[-1].due == datetime(2023, 10, 8, 20, 30, tzinfo=VN)
    # Then the closing messages, the morning after.
    assert items[-1].key == "certificate@2023-10-09" and items[-1].audience == "certified"
    assert items[-1].due == datetime(2023, 10, 9, 8, 0, tzinfo=VN)
    assert [i.due for i in items] == sorted(i.due for i in items)
    assert {i.edition_year for i in items} == {2023}
    mornings = [i for i in items if i.kind == "morning"]
    assert [i.day_number for i in mornings] == [1, 2, 3, 4, 5, 6, 7]
    assert all(i.groups for i in mornings)


def test_who_each_reminder_spares() -> None:
    edition = edition_2023()
    items = {i.key: i for i in expand(edition, load_reminder_data().specs, VN)}
    assert items["nudge@2023-10-03"].without_checkin_on == date(2023, 10, 3)
    assert items["morning@2023-10-03"].without_checkin_on is None
    assert items["summary@2023-10-08"].without_checkin_on is None


def test_an_edition_may_replace_the_schedule() -> None:
    edition = edition_2023()
    own = ({"kind": "noon", "day": "last", "time": time(12, 0)},)
    custom = replace(edition, reminder=own)
    data = load_reminder_data()
    specs = specs_for(custom, data)
    assert specs == (ReminderSpec("noon", "last", time(12, 0), "registered", False), *data.closing)
    item, *closing = expand(custom, specs, VN)
    assert item.key == "noon@2023-10-08" and item.due == datetime(2023, 10, 8, 12, tzinfo=VN)
    assert {i.kind for i in closing} == set(CLOSING_KINDS)


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ({"kind": "x", "day": "someday", "time": time(8, 0)}, "day must be"),
        ({"kind": "x", "day": "each", "time": time(8, 0), "audience": "all"}, "audience"),
        ({"kind": "x", "day": "each", "time": "08:00"}, "time must be HH:MM:SS"),
    ],
)
def test_invalid_specs_are_refused(entry: dict[str, Any], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_specs([entry])


def test_a_spec_needs_its_keys() -> None:
    with pytest.raises(KeyError):
        parse_specs([{"kind": "x", "day": "each"}])


def test_suggestions_cycle_and_fall_back_to_vietnamese() -> None:
    data = ReminderData((), {"vi": ("một", "hai"), "en": ()})
    assert [data.suggestion("vi", n) for n in (1, 2, 3)] == ["một", "hai", "một"]
    assert data.suggestion("fr", 2) == "hai"
    assert data.suggestion("en", 1) == "một"  # an empty list falls back too
    assert ReminderData((), {"vi": ()}).suggestion("vi", 1) == ""


def test_every_kind_and_key_fits_the_columns_that_hold_it() -> None:
    """PostgreSQL refuses a value longer than its column (SQLite does not): a 18-letter kind
    once stopped the morning-after planning there."""
    from db.models import Outbox, PlannedRun

    data = load_reminder_data()
    kinds = {s.kind for s in (*data.specs, *data.closing)}
    assert max(len(k) for k in kinds) <= PlannedRun.__table__.c.kind.type.length
    longest = max(len(f"{k}@2023-10-09") for k in kinds)
    assert longest <= min(
        PlannedRun.__table__.c.key.type.length, Outbox.__table__.c.key.type.length
    )
