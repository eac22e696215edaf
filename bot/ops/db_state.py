"""The database's state as the bot sees it: one log line and one admin message per change.

Every place that writes (polling, the webhook, the inbox worker, the dispatcher, handlers
through the error handler below) reports failures here and keeps going with its own
retries. A change of state is logged once — not a traceback per attempt — and admins are
told in chat when the database has been unwritable for NOTICE_GRACE seconds, and again when
it recovers (only if they were told it was down): a connection cut that heals on the next
try leaves a log line, not two chat messages.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from datetime import datetime
from html import escape
from typing import Any, cast

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotApp, BotContext, deps_of
from bot.ops import alerts
from bot.ops.db_errors import brief, classify
from bot.ui.texts import Vi, for_language

log = logging.getLogger(__name__)

STATE_KEY = "db_state"
NOTICE_GRACE = 10.0  # seconds the database must stay unwritable before admins are told
BACKOFF_FIRST = 1.0  # seconds before the first retry of a failed database operation
BACKOFF_CAP = 60.0  # the longest wait between retries


class DatabaseState:
    """Up or down, with what went wrong; tells the log and the admins when that changes."""

    def __init__(self, app: BotApp) -> None:
        self.app = app
        self.down = False
        self.kind: str | None = None
        self.failures = 0  # failed attempts since the last success
        self.since: datetime | None = None
        self._episode = 0  # bumped on every change of state, so stale notices are dropped
        self._told_down = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._retrying: set[int] = set()  # updates the inbox worker will hand over again
        self._failed: set[int] = set()  # of those, the ones whose handler hit the outage

    def failure(self, error: BaseException, where: str) -> str:
        """Record a failed database operation; returns its kind ("error" if unknown)."""
        kind = classify(error) or "error"
        if kind == "error":  # not an outage but a bug: counted and told as errors are
            deps = deps_of(self.app)
            self._spawn(alerts.report(deps, self.app.bot, error, Vi.ALERT_DURING_UPDATE))
        self.failures += 1
        if self.down and kind == self.kind:
            log.debug("database still %s (%s)", kind, where)
            return kind
        first = not self.down
        self.down, self.kind = True, kind
        if first:
            self.since = deps_of(self.app).clock.now()
            self._episode += 1
            self._spawn(self._tell_down_later(self._episode, brief(error)))
        # One line per change; a traceback only when the kind is unknown, to debug it.
        log.error(
            "database cannot be written: %s (%s, in %s); retrying with backoff, updates stay "
            "with Telegram until they are stored",
            kind,
            brief(error),
            where,
            exc_info=error if kind == "error" else None,
        )
        return kind

    def success(self) -> None:
        """Record a successful write; cheap when nothing was wrong."""
        if not self.down:
            return
        log.warning("database writable again after %d failed attempts", self.failures)
        told, since = self._told_down, self.since
        self.down, self.kind, self.failures, self.since = False, None, 0, None
        self._episode += 1
        self._told_down = False
        if told and since is not None:
            local = since.astimezone(deps_of(self.app).clock.tz)
            self._spawn(self._tell(Vi.DB_UP.format(since=Vi.fmt_moment(local))))

    # --- the inbox worker's retries -------------------------------------------------------
    def will_retry(self, update_id: int) -> None:
        """The worker will hand this update over again if the database fails it."""
        self._retrying.add(update_id)

    def retry_wanted(self, update_id: int) -> bool:
        """After handling: True if the handler hit the outage and the worker should retry."""
        self._retrying.discard(update_id)
        if update_id in self._failed:
            self._failed.discard(update_id)
            return True
        return False

    def handler_failed(self, update_id: int) -> bool:
        """A handler of this update failed on the database; True if it will be retried."""
        if update_id in self._retrying:
            self._failed.add(update_id)
            return True
        return False

    # --- admin notices ---------------------------------------------------------------------
    async def settled(self) -> None:
        """Until every notice under way has been sent (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def close(self) -> None:
        """Drop notices still waiting out their grace (shutdown)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _tell_down_later(self, episode: int, detail: str) -> None:
        await asyncio.sleep(NOTICE_GRACE)
        if self._episode != episode or not self.down:
            return  # healed within the grace: the log line is enough
        self._told_down = True
        reason = Vi.DB_REASONS.get(self.kind or "error", Vi.DB_REASONS["error"])
        await self._tell(Vi.DB_DOWN.format(reason=reason, detail=escape(detail)))

    async def _tell(self, text: str) -> None:
        # Straight to Telegram: the outbox lives in the database that is down.
        for admin in sorted(deps_of(self.app).settings.admin_ids):
            try:
                await self.app.bot.send_message(admin, text)
            except Exception as exc:  # Telegram may be down too; the log has it already
                log.warning("could not tell admin %s about the database: %s", admin, exc)


class Backoff:
    """Delays that double from BACKOFF_FIRST to at most BACKOFF_CAP seconds: 1, 2, 4 … 60."""

    def __init__(self) -> None:
        self.first, self.cap = BACKOFF_FIRST, BACKOFF_CAP
        self._next = self.first

    def next(self) -> float:
        delay = self._next
        self._next = min(self.cap, delay * 2)
        return delay

    def reset(self) -> None:
        self._next = self.first


def state_of(app: BotApp) -> DatabaseState:
    """The application's one database state."""
    state = app.bot_data.get(STATE_KEY)
    if not isinstance(state, DatabaseState):
        state = DatabaseState(app)
        app.bot_data[STATE_KEY] = state
    return state


async def on_database_error(update: object, context: BotContext) -> None:
    """Error handler placed before the general one: takes the database outages only.

    The handler's transaction rolled back, so nothing was stored. An update the inbox worker
    will retry is left alone (its answer comes after recovery); otherwise the user is told
    their request was not recorded. Other errors go on to the next error handler.
    """
    error = context.error
    if error is None or classify(error) is None:
        return
    state = state_of(cast(BotApp, context.application))
    state.failure(error, "handler")
    if isinstance(update, Update):
        if state.handler_failed(update.update_id):
            raise ApplicationHandlerStop
        chat = update.effective_chat
        if chat is not None:
            user = update.effective_user
            texts = for_language(user.language_code if user else None)
            try:
                await context.bot.send_message(chat.id, texts.DB_UNAVAILABLE)
            except Exception as exc:
                log.warning("could not tell the user the database is down: %s", exc)
    raise ApplicationHandlerStop
