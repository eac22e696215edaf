"""Webhook mode: Telegram POSTs updates; each is stored in the inbox before the 200 answer.

PTB's built-in webhook answers 200 as soon as an update is queued in memory, so Telegram never
retries one whose handling failed or was lost in a crash. Here the answer comes only after the
update is committed to the inbox; the same inbox processor as durable polling handles it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot import polling
from bot.context import BotApp, deps_of
from bot.inbox_worker import worker_of
from db.queries import inbox

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PATH = "/telegram"


def make_asgi(app: BotApp, secret: str) -> Starlette:
    """The ASGI app: POST /telegram (Telegram), GET /healthz (load balancer)."""
    deps = deps_of(app)
    wake = asyncio.Event()

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return Response(status_code=403)  # nothing stored
        try:
            payload = await request.json()
            int(payload["update_id"])
        except (ValueError, KeyError, TypeError):
            return Response(status_code=400)
        async with deps.sessions() as session, session.begin():
            await inbox.store(session, [payload], deps.clock.now())
        wake.set()
        return Response(status_code=200)  # only now may Telegram forget the update

    async def health(request: Request) -> Response:
        try:
            async with deps.sessions() as session:
                await session.execute(text("SELECT 1"))
        except Exception as exc:  # the load balancer needs a status, not a traceback
            return JSONResponse({"ok": False, "error": type(exc).__name__}, status_code=503)
        return JSONResponse({"ok": True})

    worker = worker_of(app)

    async def process_forever() -> None:
        while True:
            # The timeout also picks up rows another replica stored for our chats.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=1.0)
            wake.clear()
            try:
                await worker.refill()  # handled in the background; this loop only feeds
            except Exception:
                log.exception("inbox processing failed; retrying")
                await asyncio.sleep(1)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        feeder = asyncio.create_task(process_forever())
        try:
            yield
        finally:
            feeder.cancel()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(worker.wait_idle(), polling.SHUTDOWN_GRACE)

    return Starlette(
        routes=[Route(PATH, receive, methods=["POST"]), Route("/healthz", health)],
        lifespan=lifespan,
    )
