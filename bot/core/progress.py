"""Pure helpers about a learner's week: which days count, and their streak."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

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


class Logged(Protocol):
    """A check-in as these sums need it (db.queries.checkins.CheckinInfo is one)."""

    @property
    def local_date(self) -> date: ...

    @property
    def minutes(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Totals:
    """Minutes and days logged in a window, and the streak up to today."""

    minutes: int
    days: int
    streak: int


def totals(entries: Iterable[Logged], checkin_days: set[date], today: date) -> Totals:
    """The figures of a learner's window (/me's totals line, the evening reminder's summary):
    `entries` are the window's check-ins, `checkin_days` every day with one up to `today`."""
    listed = list(entries)
    return Totals(
        sum(c.minutes for c in listed),
        len({c.local_date for c in listed}),
        streak(checkin_days, today),
    )
