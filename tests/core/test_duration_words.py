"""Issue 13, finding 10: durations in words are read, in Vietnamese and English.

Found as: "một tiếng", "hai giờ", "ba mươi phút", "an hour", "1t30", "mười lăm phút",
"bốn lăm phút", "hai tiếng rưỡi", "một tiếng kém mười lăm", "two hours" were all "unreadable".
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.duration import (
    MAX_MINUTES_PER_ENTRY,
    DurationError,
    DurationProblem,
    parse_duration,
    split_duration,
)
from bot.core.textnorm import fold

AS_FOUND = [
    ("một tiếng", 60), ("hai giờ", 120), ("ba mươi phút", 30), ("an hour", 60), ("1t30", 90),
    ("mười lăm phút", 15), ("bốn lăm phút", 45), ("hai tiếng rưỡi", 150),
    ("một tiếng kém mười lăm", 45), ("half an hour", 30), ("two hours", 120),
]  # fmt: skip
SIBLINGS = [
    ("bốn mươi lăm phút", 45), ("hai mươi mốt phút", 21), ("hai mươi tư phút", 24),
    ("năm mươi phút", 50), ("mười phút", 10), ("mười hai tiếng", 720), ("tiếng rưỡi", 90),
    ("một tiếng rưỡi", 90), ("hai tiếng mười lăm", 135), ("hai tiếng 30 phút", 150),
    ("1 tiếng hai mươi phút", 80), ("hai tiếng và ba mươi phút", 150), ("2 giờ kém 15", 105),
    ("1 tiếng kém 15 phút", 45), ("một trăm hai mươi phút", 120), ("một trăm linh năm phút", 105),
    ("ba giờ kém năm phút", 175), ("2t", 120), ("1 t 30", 90),
    ("one hour", 60), ("an hour and a half", 90), ("one and a half hours", 90),
    ("forty-five minutes", 45), ("forty five minutes", 45), ("twenty minutes", 20),
    ("a minute", 1), ("one hundred and twenty minutes", 120), ("three hours", 180),
    ("Hai Tiếng Rưỡi", 150), ("MƯỜI LĂM PHÚT", 15),
]  # fmt: skip


@pytest.mark.parametrize(("text", "minutes"), AS_FOUND + SIBLINGS)
def test_reads_words_with_and_without_diacritics(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes
    assert parse_duration(fold(text)) == minutes  # "mot tieng", typed without diacritics


@pytest.mark.parametrize(
    ("text", "minutes", "rest"),
    [
        ("một tiếng rưỡi học khóa online", 90, "học khóa online"),
        ("hai tiếng, đọc sách", 120, "đọc sách"),
        ("mười lăm phút - hội thảo", 15, "hội thảo"),
        ("một tiếng ba cuốn sách", 60, "ba cuốn sách"),  # a small word with no unit: the note
        ("two hours reading", 120, "reading"),
    ],
)
def test_the_rest_is_the_note(text: str, minutes: int, rest: str) -> None:
    parsed = split_duration(text)
    assert (parsed.minutes, parsed.rest) == (minutes, rest)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("mười lăm", DurationProblem.NEEDS_UNIT), ("một", DurationProblem.NEEDS_UNIT),
        ("mười ba tiếng", DurationProblem.TOO_LONG), ("thirteen hours", DurationProblem.TOO_LONG),
        ("một tiếng kém 75", DurationProblem.UNREADABLE),
        ("một tiếng kém", DurationProblem.UNREADABLE),
        ("hai tiếng bảy mươi phút", DurationProblem.UNREADABLE),
        ("ba cuốn sách", DurationProblem.UNREADABLE), ("không phút", DurationProblem.UNREADABLE),
        ("1 giờ kém 0", DurationProblem.UNREADABLE), ("1,5 giờ kém 15", DurationProblem.UNREADABLE),
        ("- hai giờ", DurationProblem.UNREADABLE), ("- 2 giờ", DurationProblem.NEGATIVE),
        (f"hai giờ {'9' * 5000}", DurationProblem.UNREADABLE),
    ],
)  # fmt: skip
def test_refuses_with_a_reason(text: str, problem: DurationProblem) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(text)
    assert info.value.problem is problem


# --- property tests: generated phrases read back, nothing else ever raises -----------------
VI_DIGITS = ["", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
EN_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
           "eighteen", "nineteen"]  # fmt: skip
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def vi_words(n: int, variant: int) -> str:
    """n (1..999) in Vietnamese words; `variant` picks among the spellings people use."""
    hundreds, rest = divmod(n, 100)
    head = f"{VI_DIGITS[hundreds]} trăm" if hundreds else ""
    if hundreds and 0 < rest < 10:
        return f"{head} {'linh' if variant % 2 else 'lẻ'} {VI_DIGITS[rest]}"
    tens, ones = divmod(rest, 10)
    if tens == 0:
        tail = VI_DIGITS[ones]
    elif tens == 1:
        tail = "mười " + ("lăm" if ones == 5 else VI_DIGITS[ones])
    elif ones == 5 and variant % 3 == 0 and not hundreds:
        tail = f"{VI_DIGITS[tens]} lăm"  # "bốn lăm": 45, said short
    else:
        last = {1: "mốt", 4: "tư" if variant % 2 else "bốn", 5: "lăm"}.get(ones, VI_DIGITS[ones])
        tail = f"{VI_DIGITS[tens]} mươi {last}"
    return " ".join(f"{head} {tail}".split())


def en_words(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    tail = EN_ONES[rest] if rest < 20 else f"{EN_TENS[rest // 10]}-{EN_ONES[rest % 10]}"
    head = f"{EN_ONES[hundreds]} hundred" if hundreds else ""
    return " and ".join(p for p in (head, tail.strip("-")) if p)


Spell = Callable[[str], str]
spelled = st.sampled_from([str.strip, fold, str.upper])  # as typed, no diacritics, capitals


@given(st.integers(1, MAX_MINUTES_PER_ENTRY), st.integers(0, 5), spelled)
def test_vietnamese_minutes_round_trip(minutes: int, variant: int, spell: Spell) -> None:
    text = spell(f"{vi_words(minutes, variant)} phút")
    assert parse_duration(text) == minutes, text


@given(st.integers(1, MAX_MINUTES_PER_ENTRY), st.sampled_from([" minutes", " min"]), spelled)
def test_english_minutes_round_trip(minutes: int, unit: str, spell: Spell) -> None:
    text = spell(en_words(minutes) + unit)
    assert parse_duration(text) == minutes, text


@given(
    st.integers(1, 12), st.integers(0, 59), st.integers(0, 5),
    st.sampled_from(["tiếng", "giờ", "h", "t"]), st.sampled_from(["", " phút", " và"]), spelled,
)  # fmt: skip
def test_vietnamese_hours_round_trip(
    hours: int, minutes: int, variant: int, unit: str, after: str, spell: Spell
) -> None:
    total = hours * 60 + minutes
    if after == " và":
        text = f"{vi_words(hours, variant)} {unit} và {vi_words(minutes, variant)} phút"
    else:
        text = f"{vi_words(hours, variant)} {unit} {vi_words(minutes, variant)}{after}"
    if minutes == 0:
        text = f"{vi_words(hours, variant)} {unit}"
    elif minutes < 10 and not after:  # "một tiếng ba": a small word with no unit is the note
        text += " phút"
    if total > MAX_MINUTES_PER_ENTRY:
        with pytest.raises(DurationError):
            parse_duration(spell(text))
    else:
        assert parse_duration(spell(text)) == total, text


@given(st.integers(1, 12), st.integers(1, 59), st.booleans(), spelled)
def test_hours_less_minutes_round_trip(hours: int, less: int, unit: bool, spell: Spell) -> None:
    text = f"{vi_words(hours, 0)} tiếng kém {vi_words(less, 1)}{' phút' if unit else ''}"
    assert parse_duration(spell(text)) == hours * 60 - less, text


@given(st.integers(1, 11), st.sampled_from(["rưỡi", "ruoi"]), st.booleans())
def test_and_a_half_round_trip(hours: int, half: str, english: bool) -> None:
    text = f"{en_words(hours)} and a half hours" if english else f"{vi_words(hours, 0)} giờ {half}"
    assert parse_duration(text) == hours * 60 + 30, text


words = st.sampled_from(
    ["một", "hai", "ba", "bốn", "lăm", "mười", "mươi", "mốt", "tư", "trăm", "linh", "kém", "rưỡi",
     "tiếng", "giờ", "phút", "và", "and", "a", "an", "half", "hour", "hours", "one", "twenty",
     "hundred", "minutes", "t", "h", "p", "m", ",", "-", "0", "7", "99", "9" * 30, "đọc", "sách"]
)  # fmt: skip
phrases = st.lists(words, max_size=12).map(" ".join)


@given(st.one_of(phrases, st.text(max_size=60), phrases.map(lambda p: p + " phút")))
def test_never_raises_anything_but_a_duration_error(text: str) -> None:
    try:
        parsed = split_duration(text)
    except DurationError as exc:
        assert isinstance(exc.problem, DurationProblem)
    else:
        assert 1 <= parsed.minutes <= MAX_MINUTES_PER_ENTRY
        assert len(parsed.rest) <= len(text)
