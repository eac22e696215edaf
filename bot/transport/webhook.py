"""Webhook mode: Telegram POSTs updates; each is stored in the inbox before the 200 answer.

PTB's built-in webhook answers 200 as soon as an update is queued in memory, so Telegram never
retries one whose handling failed or was lost in a crash. Here the answer comes only after the
update is committed to the inbox; the same inbox processor as durable polling handles it.

Only a request carrying the secret is read at all; its body is refused past 1 MB (413, from
Content-Length or while streaming) or when it arrives too slowly (408), and an update whose
shape is not Telegram's (bot/transport/update_shape.py) is refused (400) before anything is
stored. A database that cannot take the update gets a 503: Telegram keeps it and sends it again.
Connection-level limits (idle and slow clients) are in bot/transport/webhook_server.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from bot.context import BotApp, deps_of
from bot.core.numbers import parse_int
from bot.ops import health
from bot.ops.db_state import Backoff, state_of
from bot.transport import polling, update_shape
from bot.transport.inbox_worker import worker_of
from db.queries import inbox

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
PATH = "/telegram"
# Telegram's updates are a few KB (a message is at most 4,096 characters): 1 MB is generous.
MAX_BODY = 1024 * 1024
ASCII_DIGITS = re.compile(r"[0-9]+")
BODY_TIMEOUT = 10.0  # seconds for the whole body to arrive once the headers are in


class _Refused(Exception):
    def __init__(self, status: int, why: str) -> None:
        super().__init__(why)
        self.status = status


async def _body(request: Request) -> bytes:
    """The body, refused with 413 past MAX_BODY (before reading it all) or 408 if too slow."""
    declared = request.headers.get("content-length")
    if declared is not None and parse_int(declared, 0, MAX_BODY) is None:
        if ASCII_DIGITS.fullmatch(declared) is None:
            raise _Refused(400, "bad Content-Length")
        raise _Refused(413, f"a {declared[:20]}-byte body")  # however many digits it has
    chunks, size = [], 0
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            async for chunk in request.stream():  # chunked bodies have no Content-Length
                size += len(chunk)
                if size > MAX_BODY:
                    raise _Refused(413, f"a body of more than {MAX_BODY} bytes")
                chunks.append(chunk)
    except TimeoutError:
        raise _Refused(408, "a body that took too long") from None
    except ClientDisconnect:
        raise _Refused(400, "a client that went away") from None
    return b"".join(chunks)


def make_asgi(app: BotApp, secret: str) -> Starlette:
    """The ASGI app: POST /telegram (Telegram), GET /healthz (load balancer), GET /metrics."""
    deps = deps_of(app)
    state = state_of(app)
    wake = asyncio.Event()

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return Response(status_code=403)  # nothing read, nothing stored
        try:
            payload = json.loads(await _body(request))
            why = update_shape.problem(payload)
            if why is not None:
                raise _Refused(400, why)
        except _Refused as refused:
            # The sender knew the secret: worth a line, never the payload itself.
            log.warning("webhook: refused %s (%d)", refused, refused.status)
            return Response(status_code=refused.status)
        except (ValueError, RecursionError):  # not JSON (UnicodeDecodeError is a ValueError)
            return Response(status_code=400)
        try:
            async with deps.sessions() as session, session.begin():
                await inbox.store(session, [payload], deps.clock.now())
        except Exception as exc:
            # Not stored, so not confirmed: Telegram sends it again later.
            state.failure(exc, "storing a webhook update")
            return Response(status_code=503, headers={"Retry-After": "10"})
        state.success()
        wake.set()
        deps.metrics.contact(deps.clock.now())  # for /healthz
        return Response(status_code=200)  # only now may Telegram forget the update

    worker = worker_of(app)

    async def process_forever() -> None:
        backoff = Backoff()
        while True:
            # The timeout also picks up rows another replica stored for our chats.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=1.0)
            wake.clear()
            try:
                await worker.refill()  # handled in the background; this loop only feeds
            except Exception as exc:
                state.failure(exc, "reading the inbox")
                await asyncio.sleep(backoff.next())
            else:
                backoff.reset()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        feeder = asyncio.create_task(process_forever())
        try:
            yield
        finally:
            feeder.cancel()
            try:
                await asyncio.wait_for(worker.wait_idle(), polling.SHUTDOWN_GRACE)
            except TimeoutError:
                pass
            except Exception as exc:  # the database is down: the rows are handled next start
                state.failure(exc, "marking handled updates at shutdown")

    return Starlette(
        routes=[Route(PATH, receive, methods=["POST"]), *health.routes(app, "webhook")],
        lifespan=lifespan,
    )
