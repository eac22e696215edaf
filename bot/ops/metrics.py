"""Prometheus metrics of one bot process, in a registry of its own (tests build many apps).

Counters and the latency histogram are kept in memory by small hooks (polling, inbox worker,
dispatcher, error handler). Figures that live in the database — the inbox backlog and its
oldest update, outbox rows by status — are read at scrape time (`Metrics.render`), so they are
right even when another replica did the work; so are the rate limiter's RetryAfter waits.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from db.models import InboxUpdate, Outbox

if TYPE_CHECKING:
    from bot.context import BotApp, Deps

log = logging.getLogger(__name__)

T = TypeVar("T")
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
SCRAPE_DB_TIMEOUT = 5.0  # seconds the database figures may take before the scrape gives up
# Update handling: most replies take tens of milliseconds; exports and charts take seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
# The dispatcher's outcome statuses, as label values ("pending" again means "requeued").
_OUTCOME_LABEL = {"pending": "requeued"}


@dataclass
class _Snapshot:
    """What the last scrape read from the database and the rate limiter."""

    database_up: bool = False
    inbox_backlog: int = 0
    inbox_oldest_age: float = 0.0
    outbox: dict[str, int] = field(default_factory=dict)
    retry_after_waits: int = 0
    retry_after_seconds: float = 0.0


class _ScrapeCollector(Collector):
    """Yields the figures of the latest snapshot (taken just before each rendering)."""

    def __init__(self) -> None:
        self.snapshot = _Snapshot()

    def collect(self) -> Iterator[Metric]:
        s = self.snapshot
        yield GaugeMetricFamily(
            "bot_database_up",
            "1 if the database answered the last scrape's queries",
            value=float(s.database_up),
        )
        if s.database_up:
            yield GaugeMetricFamily(
                "bot_inbox_backlog",
                "Stored updates not handled yet (all replicas)",
                value=s.inbox_backlog,
            )
            yield GaugeMetricFamily(
                "bot_inbox_oldest_age_seconds",
                "Age of the oldest unhandled update (0 when there is none)",
                value=s.inbox_oldest_age,
            )
            rows = GaugeMetricFamily("bot_outbox_rows", "Outbox rows by status", labels=["status"])
            for status, count in sorted(s.outbox.items()):
                rows.add_metric([status], count)
            yield rows
        yield CounterMetricFamily(
            "bot_retry_after_waits",
            "RetryAfter answers from Telegram that were waited out",
            value=s.retry_after_waits,
        )
        yield CounterMetricFamily(
            "bot_retry_after_wait_seconds",
            "Seconds Telegram asked the bot to wait, in total",
            value=s.retry_after_seconds,
        )


class Metrics:
    """One process's instruments and the last contact with Telegram (for /healthz)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.sends = Counter(
            "bot_sends",
            "Messages the dispatcher tried to send, by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.errors = Counter(
            "bot_errors", "Errors by kind (exception type)", ["kind"], registry=self.registry
        )
        self.update_seconds = Histogram(
            "bot_update_handling_seconds",
            "Time to handle one stored update",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self._scrape = _ScrapeCollector()
        self.registry.register(self._scrape)
        # When Telegram last answered getUpdates or called the webhook; `watch_since` marks
        # when the process started waiting for the first one.
        self.last_contact: datetime | None = None
        self.watch_since: datetime | None = None

    # --- hooks ---------------------------------------------------------------------------
    def contact(self, now: datetime) -> None:
        """A successful getUpdates answer or webhook call."""
        self.last_contact = now

    def error(self, exc: BaseException) -> None:
        self.errors.labels(kind=type(exc).__name__).inc()

    def sends_done(self, statuses: Iterable[str]) -> None:
        """Count the dispatcher's outcomes (sent, failed, unknown, pending = requeued…)."""
        for status in statuses:
            self.sends.labels(outcome=_OUTCOME_LABEL.get(status, status)).inc()

    async def timed(self, work: Awaitable[T]) -> T:
        """Await `work`, recording how long it took in the update latency histogram."""
        started = time.perf_counter()
        try:
            return await work
        finally:
            self.update_seconds.observe(time.perf_counter() - started)

    # --- scraping ------------------------------------------------------------------------
    async def render(self, app: BotApp) -> bytes:
        """The exposition text, with database and limiter figures read now."""
        from bot.context import deps_of  # the context module imports this one
        from bot.delivery.ratelimit import TelegramRateLimiter

        deps = deps_of(app)
        snapshot = _Snapshot()
        try:
            await asyncio.wait_for(_read_database(deps, snapshot), SCRAPE_DB_TIMEOUT)
            snapshot.database_up = True
        except Exception as exc:  # the scrape reports it as bot_database_up 0
            log.warning("metrics: database figures unavailable (%s)", type(exc).__name__)
        limiter = app.bot.rate_limiter
        if isinstance(limiter, TelegramRateLimiter):
            snapshot.retry_after_waits = limiter.retries
            snapshot.retry_after_seconds = limiter.waited_seconds
        self._scrape.snapshot = snapshot
        return generate_latest(self.registry)


async def _read_database(deps: Deps, snapshot: _Snapshot) -> None:
    now = deps.clock.now()
    async with deps.sessions() as session:
        backlog, oldest = (
            await session.execute(
                select(func.count(), func.min(InboxUpdate.received_at)).where(
                    InboxUpdate.processed_at.is_(None)
                )
            )
        ).one()
        statuses = await session.execute(
            select(Outbox.status, func.count()).group_by(Outbox.status)
        )
        snapshot.outbox = {str(status): int(count) for status, count in statuses}
    snapshot.inbox_backlog = int(backlog)
    snapshot.inbox_oldest_age = max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
