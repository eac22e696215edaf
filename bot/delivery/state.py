"""Per-process delivery state: who this process is to the outbox, the one-pass rule, and the
breaker that stops sending while Telegram does not answer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

FIRST_PAUSE = timedelta(seconds=5)
MAX_PAUSE = timedelta(seconds=60)
FAILURES_TO_TRIP = 3  # in a row, with no answer from Telegram in between


@dataclass
class Breaker:
    """A few network failures in a row (timeouts, refused or dropped connections, 5xx) mean
    Telegram is not answering: every further request would end the same way, a timed-out one
    in doubt. Sending pauses (5 s, doubling up to 60 s); afterwards one message probes first.
    """

    failures: int = 0
    pause: timedelta = FIRST_PAUSE
    resume_at: datetime | None = None
    probing: bool = False

    def ready(self, now: datetime) -> bool:
        return self.resume_at is None or now >= self.resume_at

    def answered(self) -> None:
        """Telegram answered (whatever it said): the way is open."""
        self.failures, self.pause, self.resume_at, self.probing = 0, FIRST_PAUSE, None, False

    def failed(self, now: datetime) -> bool:
        """A network failure; True if it trips the breaker (sending must stop now)."""
        self.failures += 1
        if self.failures < (1 if self.probing else FAILURES_TO_TRIP):
            return False
        self.resume_at = now + self.pause
        self.pause = min(self.pause * 2, MAX_PAUSE)
        self.failures, self.probing = 0, True
        return True


@dataclass
class DeliveryState:
    """One per application (process): kept in Deps."""

    owner: str = field(default_factory=lambda: uuid.uuid4().hex)  # names our outbox claims
    running: bool = False  # a pass is under way: at most one per process
    again: bool = False  # asked for while running: the running pass loops once more
    started: bool = False  # this process has run a pass (what earlier processes left is freed)
    breaker: Breaker = field(default_factory=Breaker)
