"""Pure helpers about a learner's week: which days count, and their streak."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.editions import Editions
from db.queries.checkins import Window

ROLLING_DAYS = 7


def study_window(editions: Editions, today: date) -> Window:
    """The running edition's week while it runs; otherwise the last seven days."""
    running = editions.running(today)
    if running is not None:
        return Window(running.start, running.end, running.year)
    return Window(today - timedelta(days=ROLLING_DAYS - 1), today)


def streak(days: set[date], today: date) -> int:
    """Consecutive days with a check-in, ending today (or yesterday, if today has none yet)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
