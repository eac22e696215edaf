"""Durable long polling: store each update, then confirm it to Telegram, then handle it.

PTB's own polling asks for the next batch (which tells Telegram to forget the previous one)
before any handler has run, so a crash loses what was queued. Here an update is written to
the inbox and committed first; only the next getUpdates call, with offset = last stored + 1,
lets Telegram forget it. Handling then runs from the inbox, and a row is marked processed
after its handler returns. A crash in between replays the row on restart; handlers are
idempotent on Telegram's ids, so nothing is doubled.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from datetime import timedelta

from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.context import BotApp, deps_of
from db.queries import inbox

log = logging.getLogger(__name__)

POLL_TIMEOUT = 25  # seconds Telegram may hold a getUpdates call open
BACKOFF = (1, 2, 5, 10, 30)


async def drain(app: BotApp) -> int:
    """Handle every stored, unhandled update in update_id order; returns how many."""
    deps = deps_of(app)
    share = deps.settings.replica_index, deps.settings.replicas
    handled = 0
    while True:
        async with deps.sessions() as session:
            batch = await inbox.pending(session, replica=share[0], replicas=share[1])
        if not batch:
            return handled
        for update_id, payload in batch:
            await app.process_update(Update.de_json(payload, app.bot))
            async with deps.sessions() as session, session.begin():
                await inbox.mark_processed(session, update_id, deps.clock.now())
            handled += 1


async def poll(app: BotApp, stop: asyncio.Event) -> None:
    """Fetch, store, confirm, handle — until `stop` is set."""
    deps = deps_of(app)
    await app.bot.delete_webhook(drop_pending_updates=False)  # getUpdates needs no webhook
    await drain(app)  # what a previous run stored but did not finish
    async with deps.sessions() as session:
        offset = await inbox.next_offset(session)
    failures = 0
    while not stop.is_set():
        try:
            updates = await app.bot.get_updates(
                offset=offset, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES
            )
        except InvalidToken:
            raise
        except RetryAfter as exc:
            wait = exc.retry_after
            await asyncio.sleep(wait.total_seconds() if isinstance(wait, timedelta) else wait)
            continue
        except (NetworkError, TimedOut) as exc:
            delay = BACKOFF[min(failures, len(BACKOFF) - 1)]
            failures += 1
            log.warning("getUpdates failed (%s); retrying in %s s", exc, delay)
            await asyncio.sleep(delay)
            continue
        failures = 0
        if updates:
            async with deps.sessions() as session, session.begin():
                await inbox.store(session, [u.to_dict() for u in updates], deps.clock.now())
            # Committed: the next call's offset may now let Telegram forget them.
            offset = updates[-1].update_id + 1
            await drain(app)


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
            await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
