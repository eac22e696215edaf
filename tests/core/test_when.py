"""The schedule-time parser (bot/core/when.py): Vietnamese day words, with or without
diacritics; a bare time that has passed today is tomorrow's, and says so."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.when import WhenError, read_when

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2023, 10, 4, 21, 0, tzinfo=VN)

moments = st.datetimes(
    min_value=datetime(2021, 1, 1), max_value=datetime(2030, 12, 1), timezones=st.just(VN)
).map(lambda d: d.replace(second=0, microsecond=0))
hours, minutes = st.integers(0, 23), st.integers(0, 59)


@pytest.mark.parametrize(
    ("text", "expected", "tomorrow"),
    [
        ("8h", datetime(2023, 10, 5, 8, 0, tzinfo=VN), True),
        ("21:30", datetime(2023, 10, 4, 21, 30, tzinfo=VN), False),
        ("8h sáng mai", datetime(2023, 10, 5, 8, 0, tzinfo=VN), False),
        ("8h sang mai", datetime(2023, 10, 5, 8, 0, tzinfo=VN), False),
        ("8H SÁNG MAI", datetime(2023, 10, 5, 8, 0, tzinfo=VN), False),
        ("mai 8h", datetime(2023, 10, 5, 8, 0, tzinfo=VN), False),
        ("9 giờ ngày mai", datetime(2023, 10, 5, 9, 0, tzinfo=VN), False),
        ("8 gio 30 sang mai", datetime(2023, 10, 5, 8, 30, tzinfo=VN), False),
        ("2h chiều mai", datetime(2023, 10, 5, 14, 0, tzinfo=VN), False),
        ("10h tối nay", datetime(2023, 10, 4, 22, 0, tzinfo=VN), False),
        ("7h tối ngày kia", datetime(2023, 10, 6, 19, 0, tzinfo=VN), False),
        ("08:00 05/10/2023", datetime(2023, 10, 5, 8, 0, tzinfo=VN), False),
        ("8h30 ngày 05/10", datetime(2023, 10, 5, 8, 30, tzinfo=VN), False),
    ],
)
def test_examples(text: str, expected: datetime, tomorrow: bool) -> None:
    when = read_when(text, NOW)
    assert (when.moment, when.tomorrow) == (expected, tomorrow)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("20h tối nay", "past"),  # said "tonight": not moved to tomorrow
        ("8:00 04/10/2023", "past"),
        ("8h sáng mai 05/10", "unreadable"),  # two days named
        ("8h chiều sáng", "unreadable"),
        ("15h sáng mai", "unreadable"),
        ("8h hôm qua", "unreadable"),
        ("25:00", "unreadable"),
        ("8h 31/02", "unreadable"),
        ("8h 05/12/2023", "too_far"),
        ("lúc nào cũng được", "unreadable"),
    ],
)
def test_refusals(text: str, problem: str) -> None:
    with pytest.raises(WhenError) as caught:
        read_when(text, NOW)
    assert caught.value.problem == problem


@given(moments, hours, minutes)
def test_a_bare_time_is_the_next_such_moment(now: datetime, hour: int, minute: int) -> None:
    when = read_when(f"{hour}:{minute:02d}", now)
    assert now < when.moment <= now + timedelta(days=1)
    assert (when.moment.hour, when.moment.minute) == (hour, minute)
    assert when.tomorrow == (when.moment.date() != now.date())


@given(moments, st.integers(1, 11), minutes, st.sampled_from(["sáng mai", "sang mai", "ngày mai"]))
def test_tomorrow_morning(now: datetime, hour: int, minute: int, words: str) -> None:
    when = read_when(f"{hour}h{minute:02d} {words}", now)
    assert when.moment.date() == now.date() + timedelta(days=1)
    assert (when.moment.hour, when.moment.minute, when.tomorrow) == (hour, minute, False)


@given(moments, st.integers(1, 11), minutes, st.sampled_from(["tối nay", "toi nay", "chiều nay"]))
def test_tonight_is_today_in_the_afternoon_clock(
    now: datetime, hour: int, minute: int, words: str
) -> None:
    try:
        when = read_when(f"{hour}h{minute:02d} {words}", now)
    except WhenError as exc:
        assert exc.problem == "past" and now.hour * 60 + now.minute >= (hour + 12) * 60 + minute
        return
    assert when.moment.date() == now.date() and when.moment.hour == hour + 12


@given(st.text(), moments)
def test_anything_else_is_a_when_error_or_a_moment_ahead(text: str, now: datetime) -> None:
    try:
        when = read_when(text, now)
    except WhenError:
        return
    assert now < when.moment <= now + timedelta(days=30)
