"""The one rate limiter every request to Telegram goes through.

Telegram allows about 30 messages/s per bot, about 1 message/s to one chat (short bursts are
tolerated) and 20 messages/minute to one group. PTB's AIORateLimiter has no per-chat rule
and cannot be driven by a fake clock, hence this limiter: a GCRA ("virtual scheduling") slot
per chat and one for the whole bot, a global pause when Telegram answers RetryAfter, and
bounded retries. Time and sleep are injectable so tests check rates without real waiting.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]

# Awaited right before a request leaves (after the limiter's wait), in the task that makes
# it: the dispatcher records there that a message was handed to HTTP (bot/delivery/outgoing.py).
before_send: ContextVar[Callable[[], Awaitable[None]] | None] = ContextVar(
    "before_send", default=None
)


@dataclass
class _Slot:
    """GCRA state: the theoretical arrival time of the next request."""

    tat: float = 0.0


class Gcra:
    """Spaces events `interval` apart while allowing a burst of `burst` at once."""

    def __init__(self, interval: float, burst: int = 1) -> None:
        self.interval = interval
        self.tolerance = interval * (burst - 1)

    def reserve(self, slot: _Slot, now: float, not_before: float) -> float:
        """The earliest moment >= not_before the event may happen; books it."""
        start = max(now, not_before, slot.tat - self.tolerance)
        slot.tat = max(slot.tat, start) + self.interval
        return start


class TelegramRateLimiter(BaseRateLimiter[None]):
    """Overall, per-private-chat and per-group limits, and RetryAfter handling."""

    def __init__(
        self,
        overall_per_second: float = 25.0,
        *,
        private_per_second: float = 1.0,
        private_burst: int = 3,
        group_per_minute: float = 20.0,
        group_burst: int = 3,
        max_retries: int = 3,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.overall = Gcra(1.0 / overall_per_second)
        self.private = Gcra(1.0 / private_per_second, private_burst)
        self.group = Gcra(60.0 / group_per_minute, group_burst)
        self.max_retries = max_retries
        self._monotonic = monotonic
        self._sleep = sleep
        self._overall_slot = _Slot()
        self._chat_slots: dict[int | str, _Slot] = {}
        self._paused_until = 0.0
        self.retries = 0  # how many RetryAfter answers were waited out (for benchmarks)
        self.waited_seconds = 0.0  # and the seconds Telegram asked for, in total (/metrics)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def _book(self, chat_id: int | str | None) -> float:
        """Reserve the request's slots now (no await in between) and return when to go."""
        now = self._monotonic()
        start = self._paused_until
        if chat_id is not None:
            slot = self._chat_slots.setdefault(chat_id, _Slot())
            is_group = isinstance(chat_id, str) or chat_id < 0
            start = (self.group if is_group else self.private).reserve(slot, now, start)
            if len(self._chat_slots) > 50_000:
                self._forget_idle(now)
        return self.overall.reserve(self._overall_slot, now, start)

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, s in self._chat_slots.items() if s.tat < now]:
            del self._chat_slots[key]

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> JSON:
        chat_id = data.get("chat_id")
        limited = chat_id is not None  # getMe, answerCallbackQuery… are not counted
        for attempt in range(self.max_retries + 1):
            if limited:
                go = self._book(chat_id)
                delay = go - self._monotonic()
                if delay > 0:
                    await self._sleep(delay)
            hook = before_send.get()
            if hook is not None:
                await hook()  # may raise: then the request is not made at all
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt >= self.max_retries:
                    raise
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                # One RetryAfter is about the whole bot: every request waits it out.
                self._paused_until = max(self._paused_until, self._monotonic() + seconds + 0.1)
                self.retries += 1
                self.waited_seconds += seconds
                log.warning("Telegram asked to wait %.1f s (%s); retrying", seconds, endpoint)
                if not limited:
                    await self._sleep(seconds + 0.1)
        raise AssertionError("unreachable")  # pragma: no cover
