"""The sending part of a dispatcher pass: claim a little, hand over, send, record.

Claims are small (about CLAIM_SECONDS of sends at the configured rate) and taken only when
the previous claim's rows have all started, so few rows are claimed ahead of their turn;
those go back to the queue if the process dies. A row is marked handed over when the rate
limiter lets its request leave, so only requests really made can end `unknown`.
"""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.context import Deps
from bot.core.schedule import CLOSING_KINDS
from bot.delivery import closing_messages, reminder_messages
from bot.delivery import progress_messages as progress_report
from bot.delivery.ledger import Ledger, NotHandedOver, Outcome
from bot.delivery.outgoing import Outgoing, deliver
from db.queries import broadcasts
from db.queries import outbox as box

log = logging.getLogger(__name__)

CONCURRENCY = 20  # open requests at once; the limiter decides when each may go
LEASE = timedelta(seconds=30)  # a claim not renewed for this long: its process is gone
RENEW_SECONDS = 10.0  # how often a live process renews its claims
CLAIM_SECONDS = 1.0  # claim about this many seconds of sends at a time
MAX_CLAIM = 100
MAX_ATTEMPTS = 3
RETRY_BACKOFF = timedelta(seconds=30)
RETRY_AFTER = "retry after"


@dataclass
class Report:
    """What one dispatcher pass did (for logs and tests)."""

    planned: int = 0
    sent: int = 0
    failed: int = 0
    unknown: int = 0
    skipped_late: int = 0
    retried: int = 0
    released: int = 0  # claims of a stopped process put back in the queue (never sent)
    paused: bool = False  # Telegram asked to wait, or did not answer: sending stopped early


def claim_size(deps: Deps) -> int:
    if deps.delivery.breaker.probing:
        return 1  # after a pause: one message tells whether Telegram answers again
    return max(1, min(MAX_CLAIM, math.ceil(deps.settings.send_rate * CLAIM_SECONDS)))


async def send_due(deps: Deps, bot: Bot, report: Report, max_rows: int) -> None:
    """Send up to `max_rows` due rows, unless the breaker holds sending back."""
    if not deps.delivery.breaker.ready(deps.clock.now()):
        report.paused = True
        return
    run = _Run(deps, bot, report)
    beat = asyncio.create_task(_heartbeat(run.ledger))
    try:
        await run.loop(max_rows)
    finally:
        beat.cancel()
        await run.wait()
        await run.ledger.close()


async def _heartbeat(ledger: Ledger) -> None:
    while True:
        await asyncio.sleep(RENEW_SECONDS)
        ledger.heartbeat()


class _Run:
    def __init__(self, deps: Deps, bot: Bot, report: Report) -> None:
        self.deps, self.bot, self.report = deps, bot, report
        self.ledger = Ledger(deps, deps.delivery.owner)
        self.breaker = deps.delivery.breaker
        self.gate = asyncio.Semaphore(CONCURRENCY)
        self.tasks: set[asyncio.Task[None]] = set()
        # The latest task per chat: a chat's messages leave in the order they were claimed
        # (due time, then planning order), even when one takes longer to build than the next.
        self.latest: dict[int, asyncio.Task[None]] = {}
        self.halted = False
        self.contents: dict[int, broadcasts.Content] = {}

    async def loop(self, max_rows: int) -> None:
        handled = 0
        owner = self.deps.delivery.owner
        while handled < max_rows and not self.halted:
            probing = self.breaker.probing
            async with self.deps.sessions() as session, session.begin():
                now = self.deps.clock.now()
                freed, lost = await box.release_stale(session, now, owner, LEASE)
                limit = min(claim_size(self.deps), max_rows - handled)
                rows = await box.claim(session, now, owner, limit)
            self.report.released += freed
            self.report.unknown += lost
            if not rows:
                break
            await self._read_contents(rows)
            for index, row in enumerate(rows):
                await self.gate.acquire()
                if self.halted:
                    self.gate.release()
                    self.ledger.release([r.id for r in rows[index:]])
                    break
                self._start(row)
            handled += len(rows)
            if probing:
                await self.wait()  # the probe's answer decides whether more may go
            await progress_report.refresh(self.deps, self.bot)

    async def wait(self) -> None:
        while self.tasks:
            await asyncio.wait(set(self.tasks))

    def halt(self) -> None:
        """Start nothing more in this pass; rows not handed over yet go back to the queue."""
        self.halted = True
        self.report.paused = True

    def _start(self, row: box.Claimed) -> None:
        task = asyncio.create_task(self._one(row, self.latest.get(row.chat_id)))
        self.tasks.add(task)
        self.latest[row.chat_id] = task

        def done(finished: asyncio.Task[None]) -> None:
            self.tasks.discard(finished)
            if self.latest.get(row.chat_id) is finished:
                del self.latest[row.chat_id]
            self.gate.release()

        task.add_done_callback(done)

    async def _one(self, row: box.Claimed, after: asyncio.Task[None] | None = None) -> None:
        if after is not None:
            await asyncio.wait([after])  # its outcome is its own: only the order matters here
        outcome = await self._attempt(row)
        if outcome is None:
            return
        self.ledger.record(outcome)
        self.deps.metrics.sends_done((outcome.status,))
        r = self.report
        if outcome.status == box.SENT:
            r.sent += 1
        elif outcome.status == box.FAILED:
            r.failed += 1
        elif outcome.status == box.UNKNOWN:
            r.unknown += 1
        else:
            r.retried += 1

    async def _read_contents(self, rows: list[box.Claimed]) -> None:
        """The content of each broadcast in the claim, read once per pass, not per recipient."""
        ids = {int(r.payload["broadcast"]) for r in rows if r.kind == broadcasts.KIND}
        ids -= self.contents.keys()
        if ids:
            async with self.deps.sessions() as session:
                for broadcast_id in ids:
                    info = await broadcasts.get(session, broadcast_id)
                    if info is not None:
                        self.contents[broadcast_id] = info.content

    async def _render(self, row: box.Claimed) -> Outgoing:
        if row.kind == box.NOTICE:
            return Outgoing.notice(row.payload)
        if row.kind == broadcasts.KIND:
            content = self.contents.get(int(row.payload["broadcast"]))
            if content is None:
                raise LookupError(f"broadcast {row.payload['broadcast']} is gone")
            return Outgoing.of(content)
        if row.payload.get("reminder") in CLOSING_KINDS:
            return await closing_messages.render(self.deps, row, self.bot.username)
        # A group's reminder links to the private chat by the bot's name; a person's needs none.
        username = self.bot.username if row.user_id is None else ""
        text, markup = await reminder_messages.render(self.deps, row, username)
        return Outgoing("text", text, markup)

    async def _attempt(self, row: box.Claimed) -> Outcome | None:
        """Render, hand over and send one claimed row; None if it was not sent at all."""
        now = self.deps.clock.now
        try:
            out = await self._render(row)
        except (LookupError, KeyError, ValueError) as exc:
            return Outcome(row, box.FAILED, error=f"cannot render: {exc}")
        handed = False

        async def hand_over() -> None:  # the limiter calls it as the request leaves
            nonlocal handed
            if handed:
                return  # a retry after RetryAfter: the same hand-over
            if self.halted:
                raise NotHandedOver(row.id)
            await self.ledger.hand_over(row.id)
            handed = True

        try:
            message = await deliver(self.bot, row.chat_id, out, hand_over)
        except NotHandedOver:
            self.ledger.release([row.id])  # a no-op if the claim is someone else's now
            return None
        except RetryAfter as exc:
            # The rate limiter already waited and retried; Telegram still says slow down.
            self.halt()
            wait = (
                exc.retry_after
                if isinstance(exc.retry_after, timedelta)
                else timedelta(seconds=exc.retry_after)
            )
            return Outcome(row, box.PENDING, error=RETRY_AFTER, retry_at=now() + wait)
        except Forbidden as exc:
            self.breaker.answered()
            return Outcome(row, box.FAILED, error=f"forbidden: {exc}", unreachable=True)
        except TimedOut as exc:
            self._network_failure()
            if "pool timeout" in str(exc).lower():  # never left this process: safe to resend
                return Outcome(
                    row, box.PENDING, error=f"timed out: {exc}", retry_at=now() + RETRY_BACKOFF
                )
            # The request may have reached Telegram: resending could deliver it twice.
            return Outcome(row, box.UNKNOWN, error=f"timed out: {exc}")
        except BadRequest as exc:
            self.breaker.answered()
            return Outcome(row, box.FAILED, error=f"bad request: {exc}")
        except NetworkError as exc:
            self._network_failure()
            if row.attempts >= MAX_ATTEMPTS:
                return Outcome(row, box.FAILED, error=f"network: {exc}")
            return Outcome(
                row,
                box.PENDING,
                error=f"network: {exc}",
                retry_at=now() + RETRY_BACKOFF * row.attempts,
            )
        except Exception as exc:  # a bug, not Telegram: never resent, so never doubled
            log.error("sending outbox row %s failed: %s", row.id, type(exc).__name__)
            return Outcome(row, box.FAILED, error=f"error: {type(exc).__name__}")
        self.breaker.answered()
        return Outcome(row, box.SENT, message_id=message.message_id)

    def _network_failure(self) -> None:
        if self.halted:
            return  # a request already in flight when sending stopped: no news about Telegram
        if self.breaker.failed(self.deps.clock.now()):
            log.warning("Telegram does not answer: sending paused until %s", self.breaker.resume_at)
            self.halt()
