"""Durable long polling: store each update, then confirm it to Telegram, then handle it.

PTB's own polling asks for the next batch (which tells Telegram to forget the previous one)
before any handler has run, so a crash loses what was queued. Here an update is written to
the inbox and committed first; only the next getUpdates call, with offset = last stored + 1,
lets Telegram forget it. Handling then runs from the inbox (bot/inbox_worker.py, several
chats at once, each chat in order), and a row is marked processed after its handler
returns. A crash in between replays the row on restart; handlers are idempotent on
Telegram's ids, so nothing is doubled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import warnings
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBUserWarning

from bot.context import BotApp, deps_of
from bot.inbox_worker import worker_of
from db.queries import inbox

log = logging.getLogger(__name__)

POLL_TIMEOUT = 25  # seconds Telegram may hold a getUpdates call open
READ_MARGIN = 5  # seconds more to wait for its answer
BACKOFF = (1, 2, 5, 10, 30)
SHUTDOWN_GRACE = 20  # seconds updates under way may take to finish at shutdown


async def drain(app: BotApp) -> int:
    """Handle every stored, unhandled update of this replica; returns how many."""
    return await worker_of(app).drain()


async def poll(app: BotApp, stop: asyncio.Event) -> None:
    """Fetch, store, confirm, handle — until `stop` is set."""
    deps = deps_of(app)
    # PTB nudges towards Bot.get_updates for any do_api_request("getUpdates"); _fetch says why not.
    warnings.filterwarnings(
        "ignore", message=r"Please use 'Bot\.getUpdates'", category=PTBUserWarning
    )
    await app.bot.delete_webhook(drop_pending_updates=False)  # getUpdates needs no webhook
    worker = worker_of(app)
    await worker.refill()  # what a previous run stored but did not finish
    async with deps.sessions() as session:
        offset = await inbox.next_offset(session)
    failures = 0
    while not stop.is_set():
        if worker.full:  # enough in hand: let Telegram keep the rest for now
            await worker.wait_idle()
            await worker.refill()
        try:
            updates = await _fetch(app, offset)
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
                await inbox.store(session, updates, deps.clock.now())
            # Committed: the next call's offset may now let Telegram forget them.
            offset = int(updates[-1]["update_id"]) + 1
            await worker.refill()  # handled in the background while the next call waits


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
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(worker_of(app).wait_idle(), SHUTDOWN_GRACE)
            await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
