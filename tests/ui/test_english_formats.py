"""The English helpers for answer cards (issues 28, 29): nouns that agree with their number,
date spans written once where they share a month, the edition named from its year, the
source described in English. Vietnamese keeps its own forms."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bot.ui.texts import En, Vi
from bot.ui.texts.en import Count


def test_count_agrees_with_its_noun() -> None:
    assert f"{Count(1):day/days}" == "1 day"
    assert f"{Count(0):day/days}" == "0 days" and f"{Count(7):day/days}" == "7 days"
    assert f"{Count(1200):person/people}" == "1,200 people"
    assert f"{Count(3)}" == "3" and f"{Count(1)} ngày" == "1 ngày"


@given(st.integers(min_value=0, max_value=10**6))
def test_count_is_never_one_days(n: int) -> None:
    text = f"{Count(n):day/days}"
    assert text.endswith(" day" if n == 1 else " days") and text != "1 days"


def test_ranges_and_dates() -> None:
    assert En.fmt_long_date(date(2023, 10, 2)) == "2 October 2023"
    assert En.fmt_range(date(2023, 10, 2), date(2023, 10, 8)) == ("2", "8 October 2023")
    assert En.fmt_range(date(2023, 9, 28), date(2023, 10, 4)) == ("28 September", "4 October 2023")
    assert En.fmt_range(date(2023, 12, 29), date(2024, 1, 4)) == (
        "29 December 2023",
        "4 January 2024",
    )
    assert Vi.fmt_range(date(2023, 10, 2), date(2023, 10, 8)) == ("02/10/2023", "08/10/2023")
    assert Vi.fmt_long_date(date(2023, 10, 2)) == "02/10/2023"


def test_edition_and_source() -> None:
    name = "Tuần lễ hưởng ứng học tập suốt đời năm 2023"
    assert En.fmt_edition(2023, name) == "the 2023 Lifelong Learning Week"
    assert Vi.fmt_edition(2023, name) == name
    assert En.fmt_source("Thông báo…", "Sở X", date(2023, 9, 29)) == "notice of Sở X, 29 Sep 2023"
    assert En.fmt_source("Thông báo…", "Sở X", None) == "the official notice (in Vietnamese)"
    assert Vi.fmt_source("Thông báo…", "Sở X", date(2023, 9, 29)) == "Thông báo…"
