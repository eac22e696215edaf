"""The day a check-in is for, read from its words (issue 13, defect 12)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.study_day import DayError, StudyDay, split_study_day

WED = date(2023, 10, 4)  # a Wednesday of the 2023 week (02/10 – 08/10)

days = st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31))
WEEKDAY_WORDS = [
    (["thứ hai", "thu hai", "Thứ 2", "t2", "T2", "monday", "Monday"], 0),
    (["thứ ba", "thứ 3", "t3", "tuesday"], 1),
    (["thứ tư", "thứ 4", "t4", "wednesday"], 2),
    (["thứ năm", "thứ 5", "t5", "thursday"], 3),
    (["thứ sáu", "thứ 6", "t6", "friday"], 4),
    (["thứ bảy", "thứ 7", "t7", "saturday"], 5),
    (["chủ nhật", "Chủ Nhật", "chu nhat", "cn", "CN", "sunday"], 6),
]
weekday = st.sampled_from([(w, i) for words, i in WEEKDAY_WORDS for w in words])
notes = st.sampled_from(["", "đọc sách", "45 đọc sách", "30p", "1h30 khóa học", "webinar AI"])


@pytest.mark.parametrize(
    ("text", "day", "rest"),
    [
        ("30p đọc sách hôm qua", date(2023, 10, 3), "30p đọc sách"),
        ("hôm kia 45 đọc", date(2023, 10, 2), "45 đọc"),
        ("45 thứ hai", date(2023, 10, 2), "45"),
        ("1h T2", date(2023, 10, 2), "1h"),
        ("20p cn", date(2023, 10, 1), "20p"),
        ("yesterday 30 min reading", date(2023, 10, 3), "30 min reading"),
        ("30 min on Monday", date(2023, 10, 2), "30 min"),
        ("45 đọc sách 02/10", date(2023, 10, 2), "45 đọc sách"),
        ("45 ngày 2/10/2023", date(2023, 10, 2), "45"),
        ("ngày 2/10 45p", date(2023, 10, 2), "45p"),
        ("Đọc sách, hôm qua.", date(2023, 10, 3), "Đọc sách"),
        ("45 thứ 4", WED, "45"),  # today is that weekday: today
        ("ngày 31/12", date(2023, 12, 31), ""),  # the nearest 31/12: refused later as future
        ("ngày 5/10", date(2023, 10, 5), ""),  # tomorrow, not last year's 5 October
        ("30p đọc sách ngày mai", date(2023, 10, 5), "30p đọc sách"),  # refused later
        ("tomorrow 30 min", date(2023, 10, 5), "30 min"),
        ("HOM QUA", date(2023, 10, 3), ""),
    ],
)
def test_day_words(text: str, day: date, rest: str) -> None:
    assert split_study_day(text, WED) == StudyDay(day, rest)


@pytest.mark.parametrize(
    "text",
    ["30 đọc sách", "45 đọc chương 3/10 của sách", "1/2 giờ", "1.5", "tìm hiểu qua", "", "45"],
)
def test_no_day_named_leaves_the_text_alone(text: str) -> None:
    found = split_study_day(text, WED)
    assert found.day is None and found.rest == text


@pytest.mark.parametrize("text", ["45 ngày 31/02", "30 đọc 00/10", "30 đọc 12/13"])
def test_a_day_that_does_not_exist_is_an_error(text: str) -> None:
    with pytest.raises(DayError):
        split_study_day(text, WED)


@given(today=days, word=weekday, note=notes, at_start=st.booleans())
def test_a_weekday_is_the_latest_such_day_up_to_today(
    today: date, word: tuple[str, int], note: str, at_start: bool
) -> None:
    name, index = word
    text = f"{name} {note}" if at_start else f"{note} {name}"
    found = split_study_day(text.strip(), today)
    assert found.day is not None and found.day.weekday() == index
    assert timedelta(0) <= today - found.day < timedelta(days=7)
    assert found.rest == note


@given(today=days, back=st.integers(0, 180), note=notes)
def test_a_date_reads_back_as_itself(today: date, back: int, note: str) -> None:
    day = today - timedelta(days=back)
    found = split_study_day(f"{note} ngày {day:%d/%m}".strip(), today)
    assert found.day == day and found.rest == note


@given(today=days, note=notes)
def test_yesterday_and_the_day_before(today: date, note: str) -> None:
    for word, back in (("hôm qua", 1), ("hom qua", 1), ("yesterday", 1), ("hôm kia", 2)):
        found = split_study_day(f"{note} {word}".strip(), today)
        assert found == StudyDay(today - timedelta(days=back), note)


@given(text=st.text(max_size=60), today=days)
def test_any_text_gives_the_nearest_day_or_none(text: str, today: date) -> None:
    """Whatever is typed, a day named is within half a year of today (the nearest reading of
    a date without its year); whether it may be logged is the service's to say."""
    try:
        found = split_study_day(text, today)
    except DayError:
        return
    assert found.day is None or abs((found.day - today).days) <= 366
    assert len(found.rest) <= len(text)
