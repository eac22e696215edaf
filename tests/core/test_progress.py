"""A learner's figures (bot/core/progress.py): totals of a window and the streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.progress import Totals, streak, totals


@dataclass(frozen=True)
class Entry:
    local_date: date
    minutes: int


def test_totals_of_a_window() -> None:
    entries = [Entry(date(2023, 10, d), m) for d, m in ((2, 30), (3, 45), (3, 15))]
    days = {date(2023, 9, 30), date(2023, 10, 2), date(2023, 10, 3)}
    assert totals(entries, days, date(2023, 10, 3)) == Totals(minutes=90, days=2, streak=2)
    assert totals(iter(entries), days, date(2023, 10, 4)) == Totals(90, 2, 2)  # yesterday counts
    assert totals([], set(), date(2023, 10, 3)) == Totals(0, 0, 0)


def test_streak_stops_at_a_gap() -> None:
    days = {date(2023, 10, 1), date(2023, 10, 3), date(2023, 10, 4)}
    assert streak(days, date(2023, 10, 4)) == 2
    assert streak(days, date(2023, 10, 6)) == 0
