"""An HTTP stand-in for the Bot API on 127.0.0.1, for benchmarks: real sockets, real httpx.

It validates requests with the same checks as the in-process fake (bot/offline/fake_telegram.py) and
enforces Telegram's bulk limit: more than `limit` messages in any one-second window are
answered with 429 and retry_after=1, as Telegram does.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import signal
import time
from collections import deque
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from bot.offline.fake_telegram import Call, OfflineTelegram
from db.queries.inbox import chat_of

_JSON_FIELDS = {
    "reply_markup",
    "commands",
    "link_preview_options",
    "entities",
    "allowed_updates",
    "scope",
    "caption_entities",
    "reply_parameters",
}
_SENDS = {"sendMessage", "sendPhoto", "sendDocument", "copyMessage"}


class HttpFakeTelegram:
    def __init__(self, limit: float = 30.0) -> None:
        self.limit = limit
        self.telegram = OfflineTelegram()
        self.accepted: deque[float] = deque()
        self.too_many = 0
        self.sent = 0
        self.first_send: float | None = None
        self.last_send: float | None = None
        self._server: asyncio.Server | None = None
        self.port = 0
        # Waiting for getUpdates, in update_id order (pushes come in that order).
        self.updates: deque[dict[str, Any]] = deque()
        # Fault injection: given (method, params), return None or one of "drop" (close the
        # connection unanswered), "slow" (deliver, answer after slow_seconds), "hang" (do not
        # deliver; close the connection after slow_seconds), "500", "502", "400", "403",
        # "409" (another getUpdates consumer), "429".
        self.fault: Callable[[str, dict[str, Any]], str | None] | None = None
        self.slow_seconds = 6.0
        self.reply_times: dict[int, list[float]] = {}  # chat -> when each sendMessage arrived
        self._clients: set[asyncio.Task[None]] = set()
        self.confirmed = 0  # highest offset a getUpdates call has confirmed
        self.pushed: dict[int, tuple[int, float]] = {}  # update_id -> (chat, when pushed)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: list[asyncio.Future[None]] = []  # long polls waiting for updates

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        # Open connections (long polls of a bot that is gone): end them, quietly.
        for task in list(self._clients):
            task.cancel()
        await asyncio.gather(*self._clients, return_exceptions=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def push(self, update: dict[str, Any]) -> None:
        """An update from a user, for the bot to fetch with getUpdates (from any thread)."""
        chat = chat_of(update)
        self.pushed[update["update_id"]] = (chat, time.monotonic())
        self.updates.append(update)
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def _wait_for_updates(self, seconds: float) -> None:
        """Hold an empty long poll until an update is pushed or `seconds` pass."""
        if self.updates or seconds <= 0:
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(waiter, seconds)

    def latencies(self) -> list[float]:
        """Seconds from each pushed update to its chat's reply, pairing them in order."""
        per_chat: dict[int, list[float]] = {}
        for _update_id, (chat, when) in sorted(self.pushed.items()):
            per_chat.setdefault(chat, []).append(when)
        return [
            reply - pushed
            for chat, pushes in per_chat.items()
            for pushed, reply in zip(pushes, self.reply_times.get(chat, []), strict=False)
        ]

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        # Like Telegram: an offset confirms (forgets) every update below it.
        offset = int(params.get("offset") or 0)
        self.confirmed = max(self.confirmed, offset)
        while self.updates and self.updates[0]["update_id"] < offset:
            self.updates.popleft()
        return list(itertools.islice(self.updates, int(params.get("limit") or 100)))

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method != "getUpdates":  # long polls would flood the record
            self.telegram.calls.append(Call(method, params))
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        if method in _SENDS:
            now = time.monotonic()
            while self.accepted and self.accepted[0] <= now - 1.0:
                self.accepted.popleft()
            if len(self.accepted) >= self.limit:
                self.too_many += 1
                return 429, {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                }
            self.accepted.append(now)
            self.sent += 1
            if "chat_id" in params:
                self.reply_times.setdefault(int(params["chat_id"]), []).append(now)
            self.first_send = self.first_send or now
            self.last_send = now
        try:
            return 200, {"ok": True, "result": self.telegram._dispatch(method, params)}
        except Exception as exc:  # Rejected
            code = getattr(exc, "code", 400)
            return code, {"ok": False, "error_code": code, "description": str(exc)}

    def _control(self, command: str, body: bytes) -> Any:
        """The benchmark driver's side door, when the fake runs as its own process."""
        if command == "push":
            for update in json.loads(body):
                self.telegram.add_chat(chat_of(update))
                self.push(update)
            return {"ok": True}
        if command == "chats":
            for chat in json.loads(body):
                self.telegram.add_chat(int(chat))
            return {"ok": True}
        if command == "reset":  # forget what was measured so far
            self.pushed.clear()
            self.reply_times.clear()
            self.sent, self.too_many, self.first_send, self.last_send = 0, 0, None, None
            return {"ok": True}
        if command == "count":  # cheap enough to ask 20 times a second
            return {"sent": self.sent}
        if command == "stats":
            return {
                "sent": self.sent,
                "too_many": self.too_many,
                "latencies": self.latencies(),
                "first_send": self.first_send,
                "last_send": self.last_send,
                "first_push": min((t for _, t in self.pushed.values()), default=None),
                "now": time.monotonic(),
            }
        return {"ok": False, "description": f"unknown control command {command}"}

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._clients.add(task)
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    break
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = line.decode().partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                path = request_line.split()[1].decode()
                if path.startswith("/control/"):
                    _respond(writer, 200, self._control(path.removeprefix("/control/"), body))
                    await writer.drain()
                    continue
                method = path.rsplit("/", 1)[-1]
                params: dict[str, Any] = {}
                for key, value in parse_qsl(body.decode(), keep_blank_values=True):
                    params[key] = json.loads(value) if key in _JSON_FIELDS else value
                fault = self.fault(method, params) if self.fault else None
                if fault == "drop":
                    break  # the connection closes with no answer
                if fault == "hang":  # Telegram unreachable: nothing delivered, no answer
                    await asyncio.sleep(self.slow_seconds)
                    break
                if fault in {"500", "502", "400", "403", "409", "429"}:
                    status, payload = _error(int(fault))
                else:
                    status, payload = self._answer(method, params)
                if fault == "slow":
                    await asyncio.sleep(self.slow_seconds)  # delivered, but answered too late
                if method == "getUpdates" and not payload.get("result", True):
                    # A long poll: answer as soon as an update arrives (at most 1 s later).
                    await self._wait_for_updates(min(float(params.get("timeout") or 0), 1.0))
                    status, payload = self._answer(method, params)
                _respond(writer, status, payload)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            if task is not None:
                self._clients.discard(task)


def _respond(writer: asyncio.StreamWriter, status: int, payload: Any) -> None:
    data = json.dumps(payload).encode()
    writer.write(
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\n\r\n".encode()
        + data
    )


def _error(code: int) -> tuple[int, dict[str, Any]]:
    description = {
        500: "Internal Server Error",
        502: "Bad Gateway",
        400: "Bad Request: chat not found",
        403: "Forbidden: bot was blocked by the user",
        429: "Too Many Requests: retry after 1",
        409: "Conflict: terminated by other getUpdates request; make sure that only one bot "
        "instance is running",
    }[code]
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if code == 429:
        body["parameters"] = {"retry_after": 1}
    return code, body


async def serve(limit: float) -> None:
    """Run the fake as its own process: print the port, serve until SIGTERM or SIGINT."""
    server = HttpFakeTelegram(limit)
    await server.start()
    print(server.port, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=float, default=30.0, help="messages/s before 429")
    asyncio.run(serve(parser.parse_args().limit))
