"""`/healthz` and `/metrics`: served by the webhook server, or in polling mode by a small
server of their own on METRICS_LISTEN:METRICS_PORT.

Healthy means two things an operator cannot see from outside: the database takes a write
(a committed no-op update, so a read-only or full disk shows), and Telegram answered
getUpdates (or called the webhook) recently. 200 with `{"ok": true}` when both hold, else
503 with what is wrong.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from datetime import timedelta
from typing import Literal

import uvicorn
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.context import BotApp, Deps, deps_of
from bot.ops.metrics import CONTENT_TYPE
from bot.transport import polling

Mode = Literal["polling", "webhook"]
PROBE_TIMEOUT = 5.0  # seconds the write probe may wait for the database
POLLING_STALE_AFTER = timedelta(seconds=120)  # a long poll returns at least every 25 s
# Touches the one row every migrated database has, and changes nothing.
WRITE_PROBE = text("UPDATE alembic_version SET version_num = version_num")


def stale_after(deps: Deps, mode: Mode) -> timedelta | None:
    """How old the last contact with Telegram may be; None when it is not checked."""
    configured = deps.settings.health_stale_after_seconds
    if configured is None:
        return POLLING_STALE_AFTER if mode == "polling" else None
    return timedelta(seconds=configured) if configured > 0 else None


def _describe(exc: BaseException) -> str:
    # The driver's own message ("attempt to write a readonly database", "database or disk is
    # full"), never SQLAlchemy's, which appends the statement and its parameters.
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    detail = str(cause).splitlines()[0][:200] if str(cause) else ""
    return f"{type(cause).__name__}: {detail}" if detail else type(cause).__name__


async def _probe_write(deps: Deps) -> None:
    async with deps.sessions() as session, session.begin():
        await session.execute(WRITE_PROBE)


async def problems(deps: Deps, mode: Mode) -> dict[str, str]:
    """What is wrong now, by check name; empty when healthy."""
    found: dict[str, str] = {}
    try:
        await asyncio.wait_for(_probe_write(deps), PROBE_TIMEOUT)
    except TimeoutError:
        found["database"] = f"not writable: no answer within {PROBE_TIMEOUT:g} s"
    except Exception as exc:
        found["database"] = f"not writable: {_describe(exc)}"
    limit = stale_after(deps, mode)
    metrics = deps.metrics
    since = metrics.last_contact or metrics.watch_since
    if limit is not None and since is not None:
        age = deps.clock.now() - since
        if age > limit:
            what = "getUpdates answer" if mode == "polling" else "webhook call"
            never = "" if metrics.last_contact else " (none since start)"
            found["telegram"] = (
                f"no successful {what} for {age.total_seconds():.0f} s{never}; "
                f"limit {limit.total_seconds():.0f} s"
            )
    return found


def routes(app: BotApp, mode: Mode) -> list[Route]:
    """GET /healthz and GET /metrics for `app`."""
    deps = deps_of(app)
    deps.metrics.watch_since = deps.metrics.watch_since or deps.clock.now()

    async def healthz(request: Request) -> Response:
        found = await problems(deps, mode)
        if found:
            return JSONResponse({"ok": False, "problems": found}, status_code=503)
        return JSONResponse({"ok": True})

    async def metrics(request: Request) -> Response:
        return Response(await deps.metrics.render(app), media_type=CONTENT_TYPE)

    return [Route("/healthz", healthz), Route("/metrics", metrics)]


class _Server(uvicorn.Server):
    """The polling loop owns SIGINT/SIGTERM; this server just stops when told."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, so a taken port stops start-up with one clear line."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        raise SystemExit(f"Cannot serve /metrics on METRICS_LISTEN:METRICS_PORT: {exc}") from exc
    sock.listen(64)
    return sock


async def run_polling(app: BotApp) -> None:
    """Durable polling, with /metrics and /healthz served when METRICS_PORT is set."""
    settings = deps_of(app).settings
    if settings.metrics_port is None:
        await polling.run(app)
        return
    sock = _listen(settings.metrics_listen, settings.metrics_port)
    config = uvicorn.Config(
        Starlette(routes=routes(app, "polling")),
        log_level="warning",
        lifespan="off",
        timeout_keep_alive=5,
        limit_concurrency=32,
    )
    server = _Server(config)
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        await polling.run(app)
    finally:
        server.should_exit = True
        await serving
        sock.close()
