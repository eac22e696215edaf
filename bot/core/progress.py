"""Pure helpers about a learner's week: which days count, their figures and their streaks.

Every figure about one person's edition (/me, the evening summary) comes from `progress`:
only the edition's own days count, so a check-in the day before the opening never lengthens
a streak, and the summary's streak is the longest one of the week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Protocol

from bot.core.editions import Edition, Editions

ROLLING_DAYS = 7


@dataclass(frozen=True, slots=True)
class Window:
    """The days a receipt's running total covers: the running edition's week, or the last
    7 days (a check-in outside every edition)."""

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


class Logged(Protocol):
    """A check-in as these sums need it (db.queries.checkins.CheckinInfo is one)."""

    @property
    def local_date(self) -> date: ...

    @property
    def minutes(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Streaks:
    """Runs of consecutive edition days with a check-in."""

    current: int  # the run that includes today or yesterday (still alive); 0 if broken
    longest: int  # the longest run of the edition's days so far


def _run_ending(counted: set[date], day: date, start: date) -> int:
    """How many consecutive counted days end on `day` (none before `start`)."""
    run = 0
    while day >= start and day in counted:
        run += 1
        day -= timedelta(days=1)
    return run


def streaks(days: Iterable[date], start: date, end: date, today: date) -> Streaks:
    """The streaks over the edition's days `start`..`end` as seen on `today`. Days outside
    the edition, and days after `today`, never count. Once the edition is over, no streak
    is current."""
    last = min(end, today)
    counted = {d for d in days if start <= d <= last}
    longest = max((_run_ending(counted, d, start) for d in counted), default=0)
    if today > end:
        return Streaks(current=0, longest=longest)
    # Today is not over: a run that ended yesterday is still alive.
    current = _run_ending(counted, today, start) or _run_ending(
        counted, today - timedelta(days=1), start
    )
    return Streaks(current=current, longest=longest)


@dataclass(frozen=True, slots=True)
class Day:
    """One edition day of a learner: minutes and check-ins logged that day."""

    day: date
    minutes: int
    checkins: int

    @property
    def done(self) -> bool:
        return self.checkins > 0


@dataclass(frozen=True, slots=True)
class Progress:
    """A learner's figures for one edition, as seen on `today`."""

    year: int
    start: date
    end: date
    today: date
    days: tuple[Day, ...]  # the edition's days up to today (all seven once it is over)
    minutes: int
    streaks: Streaks

    @property
    def days_checked(self) -> int:
        return sum(d.done for d in self.days)

    @property
    def edition_days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def over(self) -> bool:
        return self.today > self.end


def progress(entries: Iterable[Logged], edition: Edition, today: date) -> Progress:
    """The one place a learner's edition figures are counted (/me, the evening summary):
    check-ins dated outside the edition's days are left out, whatever `entries` holds."""
    last = min(edition.end, today)
    minutes: dict[date, int] = {}
    count: dict[date, int] = {}
    for entry in entries:
        if edition.start <= entry.local_date <= last:
            minutes[entry.local_date] = minutes.get(entry.local_date, 0) + entry.minutes
            count[entry.local_date] = count.get(entry.local_date, 0) + 1
    days = []
    day = edition.start
    while day <= last:
        days.append(Day(day, minutes.get(day, 0), count.get(day, 0)))
        day += timedelta(days=1)
    return Progress(
        edition.year,
        edition.start,
        edition.end,
        today,
        tuple(days),
        sum(minutes.values()),
        streaks(count, edition.start, edition.end, today),
    )


class Stage(Enum):
    """Where today falls for /me."""

    DURING = "during"  # an edition runs today: its week so far
    NEXT_KNOWN = "next_known"  # between editions, the next one is announced
    ENDED = "ended"  # this year's edition is over and no next one is announced
    NO_DATA = "no_data"  # no edition this year (yet): the last one's result


@dataclass(frozen=True, slots=True)
class Outlook:
    """Which edition /me shows on `today`, and what it says about the next one."""

    stage: Stage
    shown: Edition | None  # the running edition, else the last one that ended (if any)
    upcoming: Edition | None  # the next edition announced, when not running
    year: int  # today's year


def outlook(editions: Editions, today: date) -> Outlook:
    running = editions.running(today)
    if running is not None:
        return Outlook(Stage.DURING, running, None, today.year)
    past = [e for e in editions.all if e.end < today]
    shown = max(past, key=lambda e: e.end) if past else None
    future = [e for e in editions.all if e.start > today]
    upcoming = min(future, key=lambda e: e.start) if future else None
    if upcoming is not None:
        stage = Stage.NEXT_KNOWN
    elif editions.get(today.year) is not None:
        stage = Stage.ENDED
    else:
        stage = Stage.NO_DATA
    return Outlook(stage, shown, upcoming, today.year)
