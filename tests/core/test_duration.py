"""Durations as Vietnamese officials write them; hypothesis for round trips and robustness."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.duration import (
    AMBIGUOUS_UP_TO,
    MAX_MINUTES_PER_ENTRY,
    DurationError,
    DurationProblem,
    parse_duration,
    split_duration,
    without_correction,
)
from bot.core.textnorm import nfc


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45", 45), ("45p", 45), ("45 phút", 45), ("45 PHÚT", 45), ("45 phut", 45),
        ("1h30", 90), ("1h30p", 90), ("1 h 30", 90), ("1 tiếng 30", 90), ("1 tiếng 30 phút", 90),
        ("1 giờ 30 phút", 90), ("1 tiếng rưỡi", 90), ("1,5 giờ", 90), ("1.5h", 90), ("2 giờ", 120),
        ("2g", 120), ("nửa tiếng", 30), ("nua gio", 30), ("90 phút", 90), ("45'", 45),
        ("1 hour 30 minutes", 90), ("2 hours", 120), ("45 min", 45), ("half an hour", 30),
        ("0,25 giờ", 15), ("12 giờ", 720), ("  30   phút  ", 30),
    ],
)  # fmt: skip
def test_reads_common_forms(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", DurationProblem.EMPTY), ("   ", DurationProblem.EMPTY),
        ("0", DurationProblem.ZERO), ("0 phút", DurationProblem.ZERO),
        ("-5", DurationProblem.NEGATIVE), ("- 30 phút", DurationProblem.NEGATIVE),
        ("13 giờ", DurationProblem.TOO_LONG), ("721", DurationProblem.TOO_LONG),
        ("1.234 phút", DurationProblem.TOO_LONG),
        ("99999999999999999999", DurationProblem.TOO_LONG),
        ("1,5", DurationProblem.NEEDS_UNIT), ("abc", DurationProblem.UNREADABLE),
        ("1,5 giờ 30", DurationProblem.UNREADABLE), ("1 giờ 75", DurationProblem.UNREADABLE),
        ("1.2.3", DurationProblem.UNREADABLE), ("45 phút đọc sách", DurationProblem.UNREADABLE),
        ("1,5 phút", DurationProblem.UNREADABLE),
    ],
)  # fmt: skip
def test_rejects_with_a_reason(text: str, problem: DurationProblem) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(text)
    assert info.value.problem is problem


@pytest.mark.parametrize(
    ("text", "minutes", "rest"),
    [
        ("45 đọc sách về chuyển đổi số", 45, "đọc sách về chuyển đổi số"),
        ("1 tiếng 30 khóa học trực tuyến", 90, "khóa học trực tuyến"),
        ("1h30, hội thảo", 90, "hội thảo"),
        ("30p <b>HTML</b> & co", 30, "<b>HTML</b> & co"),
    ],
)
def test_split_keeps_the_rest_verbatim(text: str, minutes: int, rest: str) -> None:
    parsed = split_duration(text)
    assert (parsed.minutes, parsed.rest) == (minutes, rest)


hour_words = st.sampled_from(["h", "g", "giờ", "tiếng", " giờ", " tiếng", " hours"])
minute_words = st.sampled_from(["", "p", "'", " phút", " phut", " min", " minutes"])


@given(st.integers(0, 12), st.integers(0, 59), hour_words, minute_words)
def test_hours_and_minutes_round_trip(hours: int, minutes: int, hw: str, mw: str) -> None:
    total = hours * 60 + minutes
    text = f"{hours}{hw} {minutes}{mw}" if minutes else f"{hours}{hw}"
    if total == 0 or total > MAX_MINUTES_PER_ENTRY:
        with pytest.raises(DurationError):
            parse_duration(text)
    else:  # "0 giờ 30" is odd but means 30 minutes
        assert parse_duration(text) == total


@given(st.integers(1, MAX_MINUTES_PER_ENTRY), minute_words)
def test_minutes_round_trip(minutes: int, word: str) -> None:
    if not word and minutes <= AMBIGUOUS_UP_TO:  # "2" alone: asked, see below
        return
    assert parse_duration(f"{minutes}{word}") == minutes


_NOTES = st.sampled_from(["", "đọc sách", "doc sach ve chuyen doi so", "hôm qua", "hội thảo"])


@given(st.integers(1, AMBIGUOUS_UP_TO), _NOTES)
def test_a_bare_number_up_to_12_asks_hours_or_minutes(number: int, note: str) -> None:
    """Tester's finding 7: "/diemdanh 2 doc sach" was stored as 2 minutes without a question."""
    with pytest.raises(DurationError) as info:
        split_duration(f"{number} {note}")
    error = info.value
    assert error.problem is DurationProblem.NEEDS_UNIT
    assert error.choices == (number * 60, number)
    assert (error.said, error.rest) == (str(number), note)


@given(st.integers(AMBIGUOUS_UP_TO + 1, MAX_MINUTES_PER_ENTRY), _NOTES)
def test_a_bare_number_from_13_is_minutes(number: int, note: str) -> None:
    parsed = split_duration(f"{number} {note}")
    assert (parsed.minutes, parsed.rest) == (number, note)


def test_a_decimal_alone_can_only_be_hours() -> None:
    with pytest.raises(DurationError) as info:
        split_duration("1,5 đọc sách")
    assert info.value.choices == (90,) and info.value.said == "1,5"
    assert info.value.rest == "đọc sách"


@given(st.text(max_size=200))
def test_never_crashes_and_stays_in_range(text: str) -> None:
    try:
        parsed = split_duration(text)
    except DurationError as exc:
        assert isinstance(exc.problem, DurationProblem)
    else:
        assert 1 <= parsed.minutes <= MAX_MINUTES_PER_ENTRY
        assert len(parsed.rest) <= len(text)


_CORRECTIONS = st.sampled_from(["à nhầm", "À", "nhầm", "sửa lại", "xin lỗi", "ý là", "sorry"])
_SEPARATORS = st.sampled_from([", ", " ", ": ", "! ", ", à, "])


@given(_CORRECTIONS, _SEPARATORS, st.integers(13, MAX_MINUTES_PER_ENTRY))
def test_a_correction_before_a_duration_is_dropped(word: str, sep: str, minutes: int) -> None:
    """Tester's finding 5: "à nhầm, 1 tiếng rưỡi" typed at the activity step is a duration."""
    assert parse_duration(without_correction(f"{word}{sep}{minutes} phút")) == minutes


@given(st.text(max_size=60))
def test_without_correction_only_cuts_a_prefix(text: str) -> None:
    rest = without_correction(text)
    assert nfc(text).endswith(rest) or nfc(text).strip().endswith(rest)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("à nhầm, 1 tiếng rưỡi", "1 tiếng rưỡi"),
        ("doc sach ve chuyen doi so", "doc sach ve chuyen doi so"),
        ("an toàn thông tin", "an toàn thông tin"), ("Sửa lại: 45p", "45p"), ("nhầm", ""),
    ],
)  # fmt: skip
def test_without_correction(text: str, rest: str) -> None:
    assert without_correction(text) == rest
