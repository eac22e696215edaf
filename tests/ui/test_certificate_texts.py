"""/chungnhan's progress line: whether there is still time counts only the days still open."""

from __future__ import annotations

from datetime import date

from bot.core.bar import Bar
from bot.core.editions import load_editions
from bot.ui import certificate_texts
from bot.ui.texts import Vi

WEEK = load_editions().get(2023)
assert WEEK is not None
BAR = Bar.of(WEEK, 5, 0)
LAST_DAY = date(2023, 10, 8)


def test_on_the_last_day_a_day_already_studied_leaves_no_time() -> None:
    done = certificate_texts.progress(Vi, WEEK, BAR, 4, 200, LAST_DAY, studied_today=True)
    assert "vẫn kịp" not in done
    not_yet = certificate_texts.progress(Vi, WEEK, BAR, 4, 200, LAST_DAY, studied_today=False)
    assert "còn 1 ngày nữa" in not_yet and "vẫn kịp" in not_yet


def test_the_day_before_counts_tomorrow_only_once_today_is_studied() -> None:
    day = date(2023, 10, 7)
    assert "còn 1 ngày nữa" in certificate_texts.progress(Vi, WEEK, BAR, 4, 200, day, True)
    assert "còn 2 ngày nữa" in certificate_texts.progress(Vi, WEEK, BAR, 3, 200, day, False)
    # Three days, one studied today, one left tomorrow: 4 < 5, too late, and said so.
    late = certificate_texts.progress(Vi, WEEK, BAR, 3, 200, day, True)
    assert "vẫn kịp" not in late and "không còn đủ" in late


def test_on_the_last_day_only_time_missing_can_still_be_added_today() -> None:
    short = Bar.of(WEEK, 5, 300)
    text = certificate_texts.progress(Vi, WEEK, short, 5, 200, LAST_DAY, studied_today=True)
    assert "Hôm nay là ngày cuối" in text and "không còn đủ" not in text
