"""uvicorn for the webhook, with limits: slow or idle clients cannot hold the server.

uvicorn times out a kept-alive connection only after a response; a connection that never
sends a complete request line and headers is held for ever, and its limit_concurrency
applies only to requests that arrived. A flood of idle connections (1,100 in the attack)
therefore ran the process out of file descriptors. Here every connection must deliver its
request headers within HEADER_TIMEOUT seconds (from connect, or from the previous response),
connections beyond MAX_CONNECTIONS are closed at once, and uvicorn answers 503 beyond
LIMIT_CONCURRENCY requests in progress. The body has its own limits in bot/transport/webhook.py. A
proxy in front (docs/deploy.md) should enforce the same, closer to the client.
"""

from __future__ import annotations

import asyncio
import logging

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)

# Telegram opens at most 100 connections (setWebhook max_connections, default 40).
MAX_CONNECTIONS = 256
# uvicorn answers 503 to a request once this many connections are open or requests are in
# progress (it counts both); equal to the cap, so idle sockets do not turn Telegram away early.
LIMIT_CONCURRENCY = MAX_CONNECTIONS
HEADER_TIMEOUT = 10.0  # seconds for a request's line and headers to arrive
KEEP_ALIVE = 5  # seconds an idle kept-alive connection stays open after a response
MAX_HEADER_BYTES = 16 * 1024  # request line and headers together
REFUSAL_LOG_EVERY = 60.0  # seconds between log lines about refused connections


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for headers and a cap on open connections."""

    _last_refusal_log = float("-inf")  # shared by all connections: one line a minute at most
    refused = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._deadline: asyncio.TimerHandle | None = None
        if len(self.connections) > MAX_CONNECTIONS:
            GuardedH11Protocol.refused += 1
            now = self.loop.time()
            if now - GuardedH11Protocol._last_refusal_log >= REFUSAL_LOG_EVERY:
                GuardedH11Protocol._last_refusal_log = now
                log.warning(
                    "webhook: %d connections open; refusing more (%d refused so far)",
                    MAX_CONNECTIONS,
                    GuardedH11Protocol.refused,
                )
            transport.close()
            return
        self._arm()

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(HEADER_TIMEOUT, self._headers_late)

    def _headers_late(self) -> None:
        # A request under way (headers in, body or answer pending) is the app's to time out.
        if self.cycle is None or self.cycle.response_complete:
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request's headers have the same deadline

    def connection_lost(self, exc: Exception | None) -> None:
        if getattr(self, "_deadline", None) is not None:
            self._deadline.cancel()  # type: ignore[union-attr]
        super().connection_lost(exc)


def server_config(app: ASGIApp, host: str, port: int) -> uvicorn.Config:
    """uvicorn's configuration for the webhook: the guarded protocol and its limits."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        http=GuardedH11Protocol,
        limit_concurrency=LIMIT_CONCURRENCY,
        timeout_keep_alive=KEEP_ALIVE,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
    )
