"""Typed corrections on /edition's card: read exactly, or refused with a problem code."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.notice_fields import FIELD_NAMES
from bot.core.notice_input import FieldInputError, read_value


@pytest.mark.parametrize(
    ("name", "typed", "value"),
    [
        ("start", "04/10/2027", date(2027, 10, 4)),
        ("plan_date", " 4-9-2027 ", date(2027, 9, 4)),
        ("opening_time", "8g30", time(8, 30)),
        ("opening_time", "14:00", time(14, 0)),
        ("opening_time", "7 giờ", time(7, 0)),
        ("year", "2027", 2027),
        ("purposes", "- Một.\n\n• Hai.", ("Một.", "Hai.")),
        ("theme", "  Học   tập ", "Học tập"),
        ("opening", "-", None),
        ("purposes", "-", ()),
        ("audience", "-", ""),
    ],
)
def test_read(name: str, typed: str, value: object) -> None:
    assert read_value(name, typed) == value


@pytest.mark.parametrize(
    ("name", "typed", "problem"),
    [
        ("start", "31/02/2027", "date"),
        ("start", "ngày mai", "date"),
        ("opening_time", "25:00", "time"),
        ("year", "1999", "year"),
        ("year", "２０２７", "year"),
        ("theme", "x" * 501, "long"),
        ("theme", "Sở <b>GD</b>", "markup"),
    ],
)
def test_refused(name: str, typed: str, problem: str) -> None:
    with pytest.raises(FieldInputError) as caught:
        read_value(name, typed)
    assert caught.value.problem == problem


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FIELD_NAMES), st.text(max_size=120))
def test_any_text_is_read_or_refused_never_crashes(name: str, typed: str) -> None:
    try:
        read_value(name, typed)
    except FieldInputError as exc:
        assert exc.problem in {"date", "time", "year", "long", "markup"}


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1)))
def test_a_date_written_back_reads_the_same(day: date) -> None:
    assert read_value("start", day.strftime("%d/%m/%Y")) == day
