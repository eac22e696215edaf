"""The one source of "now" for the app and its services, so time can be injected in tests."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Anything that tells the current moment, always timezone-aware."""

    tz: tzinfo

    def now(self) -> datetime: ...


def local_today(clock: Clock) -> date:
    """Today's date in the clock's (the bot's) time zone."""
    return clock.now().astimezone(clock.tz).date()


class SystemClock:
    """The real wall clock, read in the bot's time zone."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz

    def now(self) -> datetime:
        return datetime.now(self.tz)


class ShiftedClock:
    """Rehearsal clock: reads `start` at creation and runs on at real speed from there."""

    def __init__(self, start: datetime, tz: tzinfo) -> None:
        if start.utcoffset() is None:
            raise ValueError("start must be timezone-aware")
        self.tz = tz
        self._start = start
        self._origin = time.monotonic()

    def now(self) -> datetime:
        elapsed = timedelta(seconds=time.monotonic() - self._origin)
        return (self._start + elapsed).astimezone(self.tz)


class FrozenClock:
    """A clock that only moves when told to (tests, benchmarks)."""

    def __init__(self, moment: datetime, tz: tzinfo | None = None) -> None:
        if moment.utcoffset() is None:
            raise ValueError("moment must be timezone-aware")
        self.tz = tz or ZoneInfo("Asia/Ho_Chi_Minh")
        self._moment = moment

    def now(self) -> datetime:
        return self._moment.astimezone(self.tz)

    def set(self, moment: datetime) -> None:
        if moment.utcoffset() is None:
            raise ValueError("moment must be timezone-aware")
        self._moment = moment

    def advance(self, delta: timedelta) -> None:
        self._moment += delta


def make_clock(tz: tzinfo, start: datetime | None) -> Clock:
    """The clock for a run: the rehearsal clock when a start moment is set, else real time."""
    return ShiftedClock(start, tz) if start is not None else SystemClock(tz)
