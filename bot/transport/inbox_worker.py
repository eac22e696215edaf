"""Handle stored updates: concurrently across chats, strictly in order within a chat.

PTB handles updates one at a time unless told otherwise, and its own concurrency gives no
order within a chat. Here each chat has a chain: an update starts only when the chat's
previous update has finished, so a conversation sees its messages in order, while other
chats' updates run meanwhile (at most `concurrency` at once). One slow handler (an XLSX
export) therefore holds up its own chat only.

Finished updates are marked processed in groups: a mark waits up to MARK_DELAY for others to
share its transaction, so under load one write marks dozens of rows. A crash loses only
those marks, never an update: the rows are handled again on restart, and handlers are
idempotent on Telegram's ids.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update

from bot.context import BotApp, deps_of
from bot.ops.db_state import Backoff, state_of
from db.queries import inbox

log = logging.getLogger(__name__)

PAGE = 100  # rows read from the inbox at a time
MARK_DELAY = 0.05  # seconds a finished update waits for others to share its mark
WORKER_KEY = "inbox_worker"
# Tries of an update whose handler hit a database outage (1 + 2 + 4 s apart); after the
# last, the user is told their request was not recorded (bot/ops/db_state.py).
UPDATE_ATTEMPTS = 4


class InboxWorker:
    """Feeds stored, unhandled updates to the Application and marks them processed."""

    def __init__(self, app: BotApp, concurrency: int, max_queued: int = 1_000) -> None:
        self.app = app
        self.max_queued = max_queued
        self._slots = asyncio.Semaphore(concurrency)
        self._tails: dict[int, asyncio.Task[None]] = {}  # chat -> its newest update's task
        self._queued: set[int] = set()  # taken from the inbox, not yet marked processed
        self._tasks: set[asyncio.Task[None]] = set()
        self._finished: list[int] = []
        self._marking = asyncio.Lock()
        self._mark_soon: asyncio.Task[None] | None = None

    @property
    def full(self) -> bool:
        return len(self._queued) >= self.max_queued

    async def refill(self) -> int:
        """Take what the inbox holds for this replica and is not yet under way."""
        deps = deps_of(self.app)
        taken = 0
        while not self.full:
            limit = len(self._queued) + PAGE
            # Under the marking lock: a row marked between this read and the check below
            # would otherwise look new and be handled twice.
            async with self._marking:
                async with deps.sessions() as session:
                    rows = await inbox.pending(
                        session,
                        limit=limit,
                        replica=deps.settings.replica_index,
                        replicas=deps.settings.replicas,
                    )
                    # Only the new rows' payloads: decoding those already under way again on
                    # every refill cost more than handling them.
                    new = [(uid, chat) for uid, chat in rows if uid not in self._queued]
                    found = await inbox.payloads(session, [uid for uid, _ in new])
                for update_id, chat in new:
                    self._submit(update_id, chat, found[update_id])
                taken += len(new)
            if len(rows) < limit:
                break  # that was all the inbox holds for us
        return taken

    def _submit(self, update_id: int, chat: int, payload: dict[str, Any]) -> None:
        self._queued.add(update_id)
        previous = self._tails.get(chat)
        task = asyncio.create_task(self._handle(update_id, payload, previous))
        self._tails[chat] = task
        self._tasks.add(task)

        def forget(done: asyncio.Task[None]) -> None:
            self._tasks.discard(done)
            if self._tails.get(chat) is done:
                del self._tails[chat]

        task.add_done_callback(forget)

    async def _handle(
        self, update_id: int, payload: dict[str, Any], previous: asyncio.Task[None] | None
    ) -> None:
        if previous is not None:
            await asyncio.wait([previous])  # the chat's earlier update, whatever its outcome
        state = state_of(self.app)
        backoff = Backoff()
        for attempt in range(1, UPDATE_ATTEMPTS + 1):
            async with self._slots:
                if attempt < UPDATE_ATTEMPTS:
                    state.will_retry(update_id)  # a database outage: hand it over again
                try:
                    update = Update.de_json(payload, self.app.bot)
                    await deps_of(self.app).metrics.timed(self.app.process_update(update))
                except Exception:
                    # PTB already routes handler errors to the error handler; this is a failure
                    # of that path itself. Retrying such an update forever would stall its chat.
                    log.exception("update %s could not be handled", update_id)
                retry = state.retry_wanted(update_id)
            if not retry:
                break
            # Its transaction rolled back: nothing stored, nothing answered yet. Later updates
            # of the chat wait behind it, so the conversation stays in order.
            await asyncio.sleep(backoff.next())
        self._finished.append(update_id)
        if self._mark_soon is None or self._mark_soon.done():
            self._mark_soon = asyncio.create_task(self._mark_after_delay())

    async def _mark_after_delay(self) -> None:
        # Loop: updates that finish while a write is under way find this task still running
        # and do not start another, so it must pick them up itself.
        backoff = Backoff()
        while self._finished:
            await asyncio.sleep(MARK_DELAY)
            try:
                await self.mark_finished()
            except Exception as exc:  # the database is unavailable: keep them, try again
                state_of(self.app).failure(exc, "marking handled updates")
                await asyncio.sleep(backoff.next())
            else:
                backoff.reset()

    async def mark_finished(self) -> None:
        """Mark finished updates processed; finishers that arrive meanwhile share the next write."""
        async with self._marking:
            done, self._finished = self._finished, []
            if not done:
                return
            deps = deps_of(self.app)
            try:
                async with deps.sessions() as session, session.begin():
                    await inbox.mark_processed(session, done, deps.clock.now())
            except BaseException:
                self._finished[:0] = done  # still handled: marked by the next write
                raise
            state_of(self.app).success()
            self._queued.difference_update(done)

    async def wait_idle(self) -> None:
        """Until every update taken so far has been handled and marked."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))
        if self._mark_soon is not None:
            await self._mark_soon  # a write may be under way: let it finish, not cancel it
        await self.mark_finished()

    async def drain(self) -> int:
        """Handle everything the inbox holds for this replica; returns how many."""
        handled = 0
        while taken := await self.refill():
            handled += taken
            await self.wait_idle()
        await self.wait_idle()
        return handled


def worker_of(app: BotApp) -> InboxWorker:
    """The application's one inbox worker."""
    worker = app.bot_data.get(WORKER_KEY)
    if not isinstance(worker, InboxWorker):
        worker = InboxWorker(app, deps_of(app).settings.update_concurrency)
        app.bot_data[WORKER_KEY] = worker
    return worker
