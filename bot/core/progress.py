"""Pure helpers about a learner's week: which days count, and their streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.editions import Editions

ROLLING_DAYS = 7


@dataclass(frozen=True, slots=True)
class Window:
    """The days a summary covers: the running edition's week, or the last 7 days."""

    start: date
    end: date
    year: int | None = None  # the edition's year when the window is a week of the event

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


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
