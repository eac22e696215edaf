"""Finding 10: webhook limits. Found: a 10 MB update carrying the secret was stored and
stalled the matcher for minutes; update_id 1e30, "123" or -5 were accepted; 1,100 idle
connections ran the process out of file descriptors. Now the body is capped at 1 MB (413
before it is read), an update must have Telegram's shape (400, nothing stored), idle and
slow clients are cut off, and the matcher reads a bounded prefix of any message."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bench.fake_process import free_port
from bot.context import deps_of
from bot.core import matcher as matcher_module
from bot.core.matcher import MAX_CHARS, load_matcher
from bot.transport import update_shape, webhook, webhook_server
from bot.transport.webhook import MAX_BODY, PATH, SECRET_HEADER, make_asgi
from db.models import InboxUpdate
from tests.conftest import AN, Harness
from tests.ops.test_db_outage import Outage

SECRET = "s3cret_Token-123"
OK = {SECRET_HEADER: SECRET}


def client(bot: Harness) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=make_asgi(bot.app, SECRET))
    return httpx.AsyncClient(transport=transport, base_url="http://bot.test")


async def stored(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(select(func.count(InboxUpdate.update_id))) or 0)


class Body:
    """A request body handed over in 64 KB chunks, counting how many were taken."""

    def __init__(self, size: int) -> None:
        self.size, self.taken = size, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunk = 64 * 1024
        for _ in range(0, self.size, chunk):
            self.taken += 1
            yield b" " * chunk


async def test_a_10_mb_update_with_the_secret_is_refused_before_it_is_read(bot: Harness) -> None:
    update = bot.factory.message(AN, "chủ đề là gì " + "a" * 10_000_000)  # as found
    async with client(bot) as http:
        whole = await http.post(PATH, content=json.dumps(update).encode(), headers=OK)
        declared = Body(10_000_000)  # Content-Length says 10 MB: not a byte is read
        early = await http.post(
            PATH, content=declared, headers={**OK, "Content-Length": str(10_000_000)}
        )
        chunked = Body(10_000_000)  # no Content-Length: counted while streaming
        streamed = await http.post(PATH, content=chunked, headers=OK)
    assert (whole.status_code, early.status_code, streamed.status_code) == (413, 413, 413)
    assert declared.taken <= 1
    assert chunked.taken <= MAX_BODY // (64 * 1024) + 2
    assert await stored(bot) == 0


@pytest.mark.parametrize(
    ("length", "status"), [("9" * 5_000, 413), ("0x10", 400), ("-1", 400), ("1e9", 400)]
)
async def test_an_odd_content_length_is_refused_before_anything_is_read(
    bot: Harness, length: str, status: int
) -> None:
    body = Body(1_000_000)
    async with client(bot) as http:
        answer = await http.post(PATH, content=body, headers={**OK, "Content-Length": length})
    assert answer.status_code == status and body.taken <= 1
    assert await stored(bot) == 0


def forged(bot: Harness, **changes: Any) -> dict[str, Any]:
    update = bot.factory.message(AN, "/start")
    update.update(changes)
    return update


@pytest.mark.parametrize(
    "body",
    [
        b'{"update_id": 1e30, "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}}',
        b'{"update_id": 1000000000000000000000000000000, "message": {"chat": {"id": 1}}}',
        b'{"update_id": "123", "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}}',
        b'{"update_id": -5, "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}}',
        b'{"update_id": true, "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}}',
        b'{"update_id": 7}',
        b'{"update_id": 7, "message": "hello"}',
        b'{"update_id": 7, "message": {"chat": {"id": 1e30}}}',
        b'{"update_id": 7, "message": {"chat": {"id": 1}}, "edited_message": {"chat": {"id": 1}}}',
        b'{"update_id": 7, "surprise": {}}',
        b"[1, 2, 3]",
        b'"just a string"',
        b"[" * 100_000 + b"]" * 100_000,  # nesting deep enough to exhaust the JSON parser
        b"\xff\xfe not utf-8",
    ],
)
async def test_an_update_not_shaped_like_telegrams_is_refused_and_not_stored(
    bot: Harness, body: bytes
) -> None:
    async with client(bot) as http:
        answer = await http.post(PATH, content=body, headers=OK)
    assert answer.status_code == 400
    assert await stored(bot) == 0


async def test_a_well_formed_update_is_still_stored(bot: Harness) -> None:
    async with client(bot) as http:
        answer = await http.post(PATH, json=forged(bot), headers=OK)
    assert answer.status_code == 200 and await stored(bot) == 1


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
KIND = st.sampled_from(sorted(update_shape.KINDS))


@settings(max_examples=300)
@given(payload=JSON | st.fixed_dictionaries({"update_id": JSON, "message": JSON}))
def test_shape_check_never_raises_and_what_it_accepts_can_be_stored(payload: Any) -> None:
    if update_shape.problem(payload) is None:
        assert type(payload["update_id"]) is int and 0 <= payload["update_id"] < 2**53
        assert abs(update_shape.chat_of(payload)) < 2**53


@given(
    update_id=st.integers(),
    kind=KIND,
    chat=st.integers() | st.floats(allow_nan=True) | st.text(max_size=4) | st.none(),
)
def test_shape_check_on_ids(update_id: int, kind: str, chat: Any) -> None:
    payload = {"update_id": update_id, kind: {"chat": {"id": chat}}}
    accepted = update_shape.problem(payload) is None
    if not 0 <= update_id < 2**53:
        assert not accepted
    if accepted:
        assert abs(update_shape.chat_of(payload)) < 2**53


async def test_a_database_that_cannot_take_the_update_answers_503(bot: Harness) -> None:
    """Telegram retries a 503; the update is stored when the database is back."""
    outage = Outage(deps_of(bot.app).engine, "full")
    update = forged(bot)
    async with client(bot) as http:
        await outage.start()
        first = await http.post(PATH, json=update, headers=OK)
        await outage.end()
        again = await http.post(PATH, json=update, headers=OK)
    assert first.status_code == 503 and first.headers["Retry-After"] == "10"
    assert again.status_code == 200 and await stored(bot) == 1


@pytest.fixture
async def server(bot: Harness, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[int]:
    """The real uvicorn server with the webhook's limits, on a loopback port."""
    monkeypatch.setattr(webhook_server, "HEADER_TIMEOUT", 0.3)
    monkeypatch.setattr(webhook_server, "MAX_CONNECTIONS", 30)
    monkeypatch.setattr(webhook, "BODY_TIMEOUT", 0.3)
    port = free_port()
    config = webhook_server.server_config(make_asgi(bot.app, SECRET), "127.0.0.1", port)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(500):
        if server.started:
            break
        await asyncio.sleep(0.01)
    yield port
    server.should_exit = True
    await asyncio.wait_for(task, 10)


async def closed_by_server(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes the connection (bounded wait)."""
    try:
        return await asyncio.wait_for(reader.read(), 10)
    except ConnectionError:  # closed while our own bytes were in flight
        return b""


async def test_idle_and_dripping_connections_are_closed(server: int) -> None:
    """Found: 1,100 idle connections were held open. Now those past the cap close at once
    and the rest when their headers are late — even a client that keeps dripping bytes."""
    idle = [await asyncio.open_connection("127.0.0.1", server) for _ in range(60)]
    reader, writer = await asyncio.open_connection("127.0.0.1", server)
    writer.write(b"POST /telegram HTTP/1.1\r\nHost: x\r\n")

    async def drip() -> None:
        for _ in range(100):  # one header byte at a time, never finishing
            if writer.is_closing():
                return
            writer.write(b"X")
            await asyncio.sleep(0.05)

    dripping = asyncio.create_task(drip())
    answers = await asyncio.gather(*(closed_by_server(r) for r, _ in idle))
    assert answers == [b""] * len(idle)  # closed without a word
    assert await closed_by_server(reader) == b""
    dripping.cancel()
    for _, w in [*idle, (reader, writer)]:
        w.close()
    # And the server still serves.
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"http://127.0.0.1:{server}/healthz")
    assert answer.status_code == 200


async def test_a_body_that_never_finishes_gets_408(server: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server)
    writer.write(
        f"POST /telegram HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {SECRET}\r\n"
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"update_id"'.encode()
    )
    answer = await closed_by_server(reader)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]


async def test_a_declared_10_mb_body_is_refused_before_it_is_sent(server: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server)
    writer.write(
        f"POST /telegram HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {SECRET}\r\n"
        "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n".encode()
    )
    status = await asyncio.wait_for(reader.readline(), 10)
    writer.close()
    assert status.startswith(b"HTTP/1.1 413"), status


def test_the_matcher_reads_a_bounded_prefix_in_linear_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found: a 10 MB message stalled the matcher for minutes. Counted, not timed: the
    characters folded and the edit distances computed stay bounded whatever the size."""
    matcher = load_matcher()
    folded: list[int] = []
    distances = {"n": 0}
    real_fold, real_distance = matcher_module.fold, matcher_module._edit_distance

    def counting_fold(text: str) -> str:
        folded.append(len(text))
        return real_fold(text)

    def counting_distance(a: str, b: str, limit: int) -> int:
        distances["n"] += 1
        return real_distance(a, b, limit)

    monkeypatch.setattr(matcher_module, "fold", counting_fold)
    monkeypatch.setattr(matcher_module, "_edit_distance", counting_distance)
    worst = [
        "chủ đề năm nay là gì " + "xyzqwv " * 1_500_000,  # 10 MB of unknown words
        "x" * 4096,  # one 4,096-letter word: splitting it tried every cut
        "abcdefgh " * 455,  # 4,096 characters of unknown 8-letter words
        "khai mac " * 455,
    ]
    for text in worst:
        folded.clear()
        distances["n"] = 0
        matcher.match(text)
        assert max(folded) <= MAX_CHARS
        # At most MAX_TOKENS words are corrected, each against the vocabulary at most once.
        assert distances["n"] <= matcher_module.MAX_TOKENS * len(matcher._vocabulary)
    assert matcher.match("x" * 4096).intent is None
    assert matcher.match("chủ đề năm nay là gì " + "a" * 10_000_000).intent == "theme"
