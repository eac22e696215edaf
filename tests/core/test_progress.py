"""A learner's figures (bot/core/progress.py): the edition's days, streaks, and which
edition /me shows (issue 13: streaks count the edition's days only)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.core.editions import Editions, load_editions
from bot.core.progress import Stage, Streaks, outlook, progress, streaks

EDITIONS = load_editions()
E2023 = EDITIONS.get(2023)
assert E2023 is not None
START, END = E2023.start, E2023.end  # 02/10/2023 – 08/10/2023


@dataclass(frozen=True)
class Entry:
    local_date: date
    minutes: int


def day(n: int) -> date:
    """Day n of the 2023 week (1-based); 0 is the day before the opening."""
    return START + timedelta(days=n - 1)


def brute_longest(days: set[date], start: date, last: date) -> int:
    best = run = 0
    d = start
    while d <= last:
        run = run + 1 if d in days else 0
        best = max(best, run)
        d += timedelta(days=1)
    return best


# --- the defects as reported ----------------------------------------------------------


def test_summary_gives_the_longest_streak_when_the_last_day_is_missed() -> None:
    """As found: three days running, then nothing, and the final summary said 0."""
    entries = [Entry(day(n), 30) for n in (3, 4, 5)]
    figures = progress(entries, E2023, END)
    assert figures.streaks.longest == 3 and figures.days_checked == 3
    assert progress(entries, E2023, END + timedelta(days=30)).streaks == Streaks(0, 3)


def test_a_day_before_the_week_never_lengthens_a_streak() -> None:
    """As found: mid-week a streak of 4 with 3 days checked in."""
    entries = [Entry(d, 20) for d in (day(0), day(1), day(2), day(3))]
    figures = progress(entries, E2023, day(3))
    assert figures.streaks == Streaks(current=3, longest=3)
    assert figures.days_checked == 3 and figures.minutes == 60


def test_a_streak_through_yesterday_is_still_alive() -> None:
    assert streaks({day(1), day(2)}, START, END, day(3)) == Streaks(2, 2)
    assert streaks({day(1), day(2)}, START, END, day(4)) == Streaks(0, 2)
    assert streaks({day(1), day(2), day(3)}, START, END, day(3)) == Streaks(3, 3)


def test_the_week_so_far_lists_each_day_up_to_today() -> None:
    entries = [Entry(day(1), 30), Entry(day(1), 15), Entry(day(3), 45)]
    figures = progress(entries, E2023, day(4))
    assert [(d.day, d.minutes, d.checkins) for d in figures.days] == [
        (day(1), 45, 2),
        (day(2), 0, 0),
        (day(3), 45, 1),
        (day(4), 0, 0),
    ]
    assert not figures.over and figures.edition_days == 7
    assert len(progress(entries, E2023, date(2026, 11, 24)).days) == 7


# --- properties ----------------------------------------------------------------------

offsets = st.sets(st.integers(min_value=-10, max_value=17), max_size=20)
today_offset = st.integers(min_value=-3, max_value=14)


@given(offsets, today_offset)
def test_streaks_count_the_edition_days_only(picked: set[int], today_n: int) -> None:
    days = {day(n) for n in picked}
    today = day(today_n)
    inside = {d for d in days if START <= d <= END}
    result = streaks(days, START, END, today)
    assert result == streaks(inside, START, END, today)  # outside days change nothing
    last = min(END, today)
    assert result.longest == brute_longest(inside, START, last)
    assert 0 <= result.current <= result.longest <= len({d for d in inside if d <= last})


@given(offsets, today_offset)
def test_the_current_streak_ends_today_or_yesterday(picked: set[int], today_n: int) -> None:
    days = {day(n) for n in picked}
    today = day(today_n)
    current = streaks(days, START, END, today).current
    if today > END or today < START:
        assert current == 0
        return
    anchor = today if today in days else today - timedelta(days=1)
    expected = 0
    while anchor >= START and anchor in days:
        expected, anchor = expected + 1, anchor - timedelta(days=1)
    assert current == expected


@given(st.lists(st.tuples(st.integers(-10, 17), st.integers(1, 720)), max_size=25), today_offset)
def test_progress_agrees_with_streaks(logged: list[tuple[int, int]], today_n: int) -> None:
    entries = [Entry(day(n), m) for n, m in logged]
    today = day(today_n)
    figures = progress(entries, E2023, today)
    last = min(END, today)
    counted = [e for e in entries if START <= e.local_date <= last]
    assert figures.minutes == sum(e.minutes for e in counted)
    assert figures.days_checked == len({e.local_date for e in counted})
    assert figures.streaks == streaks((e.local_date for e in entries), START, END, today)
    assert sum(d.minutes for d in figures.days) == figures.minutes


# --- which edition /me shows ------------------------------------------------------------


def test_outlook_during_after_and_without_data() -> None:
    during = outlook(EDITIONS, day(3))
    assert during.stage is Stage.DURING and during.shown == E2023
    ended = outlook(EDITIONS, date(2023, 11, 1))
    assert ended.stage is Stage.ENDED and ended.shown == E2023 and ended.upcoming is None
    today = outlook(EDITIONS, date(2026, 11, 24))  # no 2026 data: the last result is 2023's
    assert today.stage is Stage.NO_DATA and today.shown == E2023 and today.year == 2026
    between = outlook(EDITIONS, date(2022, 5, 1))  # 2021 is over, 2023 is announced
    assert between.stage is Stage.NEXT_KNOWN and between.upcoming == E2023
    assert between.shown is not None and between.shown.year == 2021


def test_outlook_names_the_next_edition_when_announced() -> None:
    e2027 = replace(
        E2023,
        year=2027,
        start=date(2027, 10, 1),
        end=date(2027, 10, 7),
        opening=date(2027, 10, 1),
    )
    editions = Editions([*EDITIONS.all, e2027])
    before = outlook(editions, date(2027, 9, 1))
    assert before.stage is Stage.NEXT_KNOWN and before.upcoming == e2027
    assert before.shown == E2023
    alone = outlook(Editions([e2027]), date(2027, 9, 1))
    assert alone.stage is Stage.NEXT_KNOWN and alone.shown is None
