"""Durable long polling: store each update, then confirm it to Telegram, then handle it.

PTB's own polling asks for the next batch (which tells Telegram to forget the previous one)
before any handler has run, so a crash loses what was queued. Here an update is written to
the inbox and committed first; only the next getUpdates call, with offset = last stored + 1,
lets Telegram forget it. Handling then runs from the inbox (bot/transport/inbox_worker.py, several
chats at once, each chat in order), and a row is marked processed after its handler
returns. A crash in between replays the row on restart; handlers are idempotent on
Telegram's ids, so nothing is doubled.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBUserWarning

from bot.context import BotApp, deps_of
from bot.ops.db_state import Backoff, DatabaseState, state_of
from bot.transport import update_shape
from bot.transport.inbox_worker import worker_of
from db.queries import inbox

log = logging.getLogger(__name__)

POLL_TIMEOUT = 25  # seconds Telegram may hold a getUpdates call open
READ_MARGIN = 5  # seconds more to wait for its answer
BACKOFF = (1, 2, 5, 10, 30)
SHUTDOWN_GRACE = 20  # seconds updates under way may take to finish at shutdown
# 409 Conflict: another process polls with the same token. Telegram ends the older of two
# long polls, so two pollers knock each other out; this one steps aside for a while.
CONFLICT_BACKOFF = 30.0
CONFLICT_REPORT_EVERY = 600.0  # seconds between "still conflicting" lines
CONFLICT_QUIET = 150.0  # seconds without a 409 before it counts as over

T = TypeVar("T")


async def drain(app: BotApp) -> int:
    """Handle every stored, unhandled update of this replica; returns how many."""
    return await worker_of(app).drain()


class _ConflictLog:
    """One line when a 409 Conflict starts, one every CONFLICT_REPORT_EVERY while it lasts,
    one when none has come for CONFLICT_QUIET seconds."""

    def __init__(self) -> None:
        self.count = 0
        self._first: float | None = None
        self._last_hit = 0.0
        self._last_line = 0.0

    def hit(self, now: float) -> None:
        self.count += 1
        self._last_hit = now
        if self._first is None:
            self._first = self._last_line = now
            log.error(
                "another instance is polling with this token (Telegram answered 409 "
                "Conflict); this one steps aside and retries every %.0f s. Stop the other "
                "instance: two pollers split the updates between them.",
                CONFLICT_BACKOFF,
            )
        elif now - self._last_line >= CONFLICT_REPORT_EVERY:
            self._last_line = now
            log.error(
                "another instance is still polling with this token: %d conflicts in %.0f min",
                self.count,
                (now - self._first) / 60,
            )

    def ok(self, now: float) -> None:
        if self._first is not None and now - self._last_hit >= CONFLICT_QUIET:
            log.warning("no conflict for %.0f s: this instance polls alone again", CONFLICT_QUIET)
            self._first, self.count = None, 0


async def _until_done(
    state: DatabaseState, where: str, operation: Callable[[], Awaitable[T]], *, writes: bool
) -> T:
    """Run a database operation until it succeeds, backing off 1 s → 60 s between tries."""
    backoff = Backoff()
    while True:
        try:
            result = await operation()
        except Exception as exc:
            state.failure(exc, where)
            await asyncio.sleep(backoff.next())
            continue
        if writes:
            state.success()
        return result


def _accept(batch: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int | None]:
    """The updates worth storing, and the offset that confirms the whole batch."""
    good = [u for u in batch if update_shape.problem(u) is None]
    if len(good) < len(batch):
        # Not from Telegram (a proxy, a fake): skipped, never stored or logged in full.
        log.warning("skipped %d malformed updates in a getUpdates answer", len(batch) - len(good))
    ids = [i for i in map(update_shape.update_id_of, batch) if i is not None]
    return good, (max(ids) + 1 if ids else None)


async def poll(app: BotApp, stop: asyncio.Event) -> None:
    """Fetch, store, confirm, handle — until `stop` is set.

    A batch is confirmed to Telegram (by the next call's offset) only once it is stored, so
    while the database cannot be written the batch is retried with backoff and Telegram
    keeps it; updates already in hand go on being handled.
    """
    deps = deps_of(app)
    state = state_of(app)
    loop = asyncio.get_running_loop()
    # PTB nudges towards Bot.get_updates for any do_api_request("getUpdates"); _fetch says why not.
    warnings.filterwarnings(
        "ignore", message=r"Please use 'Bot\.getUpdates'", category=PTBUserWarning
    )
    await app.bot.delete_webhook(drop_pending_updates=False)  # getUpdates needs no webhook
    worker = worker_of(app)

    async def start() -> int | None:
        await worker.refill()  # what a previous run stored but did not finish
        async with deps.sessions() as session:
            return await inbox.next_offset(session)

    offset = await _until_done(state, "reading the inbox", start, writes=False)
    failures = 0
    conflict = _ConflictLog()
    while not stop.is_set():
        if worker.full:  # enough in hand: let Telegram keep the rest for now
            await _until_done(state, "marking handled updates", worker.wait_idle, writes=True)
            await _until_done(state, "reading the inbox", worker.refill, writes=False)
        try:
            batch = await _fetch(app, offset)
        except InvalidToken:
            raise
        except Conflict:
            conflict.hit(loop.time())
            await asyncio.sleep(CONFLICT_BACKOFF)
            continue
        except RetryAfter as exc:
            wait = exc.retry_after
            await asyncio.sleep(wait.total_seconds() if isinstance(wait, timedelta) else wait)
            continue
        except (NetworkError, TimedOut) as exc:
            delay = BACKOFF[min(failures, len(BACKOFF) - 1)]
            failures += 1
            deps.metrics.error(exc)
            log.warning("getUpdates failed (%s); retrying in %s s", exc, delay)
            await asyncio.sleep(delay)
            continue
        failures = 0
        conflict.ok(loop.time())
        deps.metrics.contact(deps.clock.now())  # for /healthz
        if not batch:
            continue
        updates, after = _accept(batch)
        if updates:

            async def store(updates: list[dict[str, Any]] = updates) -> None:
                async with deps.sessions() as session, session.begin():
                    await inbox.store(session, updates, deps.clock.now())

            await _until_done(state, "storing updates", store, writes=True)
        # Committed: the next call's offset may now let Telegram forget them.
        offset = after if after is not None else offset
        if updates:  # handled in the background while the next call waits
            await _until_done(state, "reading the inbox", worker.refill, writes=False)


async def _fetch(app: BotApp, offset: int | None) -> list[dict[str, Any]]:
    """getUpdates as Telegram's own JSON: stored exactly as received (fields PTB does not know
    yet included) and parsed once, when handled. `Bot.get_updates` would parse each update into
    objects only for us to turn them back into dicts: a tenth of a reply's CPU in the profile.
    """
    result = await app.bot.do_api_request(
        "getUpdates",
        api_kwargs={"offset": offset, "timeout": POLL_TIMEOUT, "allowed_updates": Update.ALL_TYPES},
        read_timeout=POLL_TIMEOUT + READ_MARGIN,  # a long poll is held open that long
    )
    return [dict(u) for u in result] if isinstance(result, list) else []


async def run(app: BotApp) -> None:
    """Run the bot with durable polling until SIGINT/SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        task = asyncio.create_task(poll(app, stop))
        stopper = asyncio.create_task(stop.wait())
        try:
            done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
            if task in done:
                task.result()  # re-raise what stopped polling (an invalid token, say)
        finally:
            task.cancel()
            stopper.cancel()
            # Let updates under way finish; whatever does not is handled again next start.
            try:
                await asyncio.wait_for(worker_of(app).wait_idle(), SHUTDOWN_GRACE)
            except TimeoutError:
                pass
            except Exception as exc:  # the database is down: the rows are handled next start
                state_of(app).failure(exc, "marking handled updates at shutdown")
            await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
