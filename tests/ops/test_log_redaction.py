"""Finding 11: DEBUG logs leaked the webhook secret (setWebhook's parameters) and people's
names, units and notes (getUpdates answers, sendMessage parameters, SQL parameters). Now the
real flows run with every logger at DEBUG, and none of it appears in what was logged — in
plain text or in any of the escaped forms a request or a JSON dump would use."""

from __future__ import annotations

import asyncio
import html
import io
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import httpx
import pytest
from sqlalchemy import text

from bench.fake_telegram_http import HttpFakeTelegram
from bot.app import build_application, running
from bot.context import deps_of
from bot.core.clock import FrozenClock
from bot.logs import configure_logging, redact
from bot.offline.fake_updates import FakeUser, UpdateFactory
from bot.transport import inbox_worker, polling
from bot.transport.webhook import PATH, SECRET_HEADER, make_asgi
from tests.conftest import make_settings, vn
from tests.threaded_fake import agree_when_asked

TOKEN = "987654321:AAE-redaction_TOKEN-x9"
SECRET = "wh_SECRET-redaction-42"
NAME = "Hoàng Thị Kínđáo"
UNIT = "Phòng Bímật Sốchín"
NOTE = "ghichu riengtu 7731"
PRIVATE = [TOKEN, TOKEN.split(":")[1], SECRET, NAME, UNIT, NOTE]


SAVED = "Đã lưu hồ sơ"
CHECKED_IN = "Đã ghi nhận điểm danh"


def said(
    server: HttpFakeTelegram,
    user: FakeUser,
    words: str,
    factory: UpdateFactory | None = None,
    agreed: set[int] | None = None,
) -> bool:
    """The bot has told `user` something containing `words` (pressing "I agree" on the
    way if it asks for consent first)."""
    if factory is not None and agreed is not None:
        agree_when_asked(server, factory, [user], agreed)
    return any(words in m.text for m in server.telegram.sent(user.id))


def forms(value: str) -> set[str]:
    """The ways a value can show up in a log line: as is, JSON-escaped, URL- or
    HTML-encoded."""
    return {value, json.dumps(value)[1:-1], quote(value), quote_plus(value), html.escape(value)}


@pytest.fixture
def captured(caplog: pytest.LogCaptureFixture) -> AsyncIterator[io.StringIO]:
    """Logging as `python -m bot` sets it up at LOG_LEVEL=DEBUG, plus pytest's capture."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    buffer = io.StringIO()
    configure_logging("DEBUG", [TOKEN, SECRET], stream=buffer)
    root.addHandler(caplog.handler)
    redact(caplog.handler, [TOKEN, SECRET])
    caplog.set_level(logging.DEBUG)
    yield buffer  # type: ignore[misc]
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])


async def test_debug_logs_hold_no_token_secret_name_unit_or_note(
    tmp_path: Path,
    server: HttpFakeTelegram,
    captured: io.StringIO,
    caplog: pytest.LogCaptureFixture,
    database_url: str,
) -> None:
    settings = make_settings(
        tmp_path,
        database_url=database_url,
        telegram_bot_token=TOKEN,
        telegram_api_base_url=server.base_url,
    )
    clock = FrozenClock(vn(2023, 10, 3, 9, 0))
    app = build_application(settings, clock=clock, durable=True)
    server.telegram.clock_seconds = lambda: int(clock.now().timestamp())  # sent "now"
    factory = UpdateFactory(server.telegram)
    user = FakeUser(860_001, "Kínđáo", "vi", "kinhdao_user")
    stop = asyncio.Event()
    async with running(app):
        task = asyncio.create_task(polling.poll(app, stop))
        server.push(factory.message(user, f"/hoso {NAME} | {UNIT}"))
        agreed: set[int] = set()
        for _ in range(1000):
            if said(server, user, SAVED, factory, agreed):
                break
            await asyncio.sleep(0.01)
        server.push(factory.message(user, f"/diemdanh 45 {NOTE}"))
        for _ in range(1000):
            if said(server, user, CHECKED_IN):
                break
            await asyncio.sleep(0.01)
        stop.set()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await inbox_worker.worker_of(app).wait_idle()
        # setWebhook carries the secret; a webhook POST carries a person's update.
        await app.bot.set_webhook(url="https://bot.example.vn/telegram", secret_token=SECRET)
        transport = httpx.ASGITransport(app=make_asgi(app, SECRET))
        async with httpx.AsyncClient(transport=transport, base_url="http://bot.test") as http:
            update = factory.message(user, f"{NAME} hỏi: chủ đề năm nay là gì")
            answer = await http.post(PATH, json=update, headers={SECRET_HEADER: SECRET})
        assert answer.status_code == 200
        # A database error's message: its parameters (a name) are hidden.
        deps = deps_of(app)
        try:
            async with deps.engine.begin() as connection:
                for _ in range(2):
                    await connection.execute(
                        text(
                            "INSERT INTO units (id, name, name_key, created_at) "
                            "VALUES (424242, :name, :name, '2023-10-03 02:00:00')"
                        ),
                        {"name": UNIT},
                    )
        except Exception:
            logging.getLogger("bot.test").exception("a database error")
    sent = server.telegram.sent(user.id)
    assert said(server, user, SAVED) and said(server, user, CHECKED_IN)  # the flows ran
    assert any(NOTE in m.text for m in sent)  # the note did travel to Telegram

    logged = captured.getvalue() + "\n" + caplog.text
    # The capture is real: PTB's request lines and the database error are in it.
    assert "Calling Bot API endpoint `setWebhook`" in logged
    assert "Call to Bot API endpoint `getUpdates`" in logged
    assert "Calling Bot API endpoint `sendMessage`" in logged
    assert "a database error" in logged and "IntegrityError" in logged
    for value in PRIVATE:
        for form in forms(value):
            assert form not in logged, f"{value!r} was logged as {form!r}"


def test_the_real_process_at_debug_logs_none_of_it(tmp_path: Path) -> None:
    """The same flows through `python -m bot` and `python -m bot webhook` at LOG_LEVEL=DEBUG,
    exactly as deployed: stderr holds none of the private values."""
    import signal

    from bench.fake_process import free_port
    from tests.threaded_fake import start_bot, threaded_fake, wait_until

    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    user = FakeUser(860_002, "Kínđáo", "vi")
    logged = []
    with threaded_fake() as server:
        factory = UpdateFactory(server.telegram)
        polling_bot = start_bot(
            tmp_path, server, DATABASE_URL=url, LOG_LEVEL="DEBUG", TELEGRAM_BOT_TOKEN=TOKEN
        )
        try:
            server.push(factory.message(user, f"/hoso {NAME} | {UNIT}"))
            agreed: set[int] = set()
            wait_until(lambda: said(server, user, SAVED, factory, agreed), "registered")
            server.push(factory.message(user, f"/diemdanh 45 {NOTE}"))
            wait_until(lambda: said(server, user, CHECKED_IN), "checked in")
        finally:
            polling_bot.send_signal(signal.SIGTERM)
            logged.append(polling_bot.communicate(timeout=30)[1].decode())
        webhook_bot = start_bot(
            tmp_path,
            server,
            "webhook",
            DATABASE_URL=url,
            LOG_LEVEL="DEBUG",
            TELEGRAM_BOT_TOKEN=TOKEN,
            WEBHOOK_URL="https://bot.example.vn",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_PORT=str(free_port()),
        )
        try:
            wait_until(
                lambda: any(c.method == "setWebhook" for c in server.telegram.calls),
                "the webhook was set",
            )
        finally:
            webhook_bot.send_signal(signal.SIGTERM)
            logged.append(webhook_bot.communicate(timeout=30)[1].decode())
    assert polling_bot.returncode == 0 and webhook_bot.returncode == 0, logged
    text_logged = "\n".join(logged)
    assert "Calling Bot API endpoint `setWebhook`" in text_logged  # DEBUG was on
    assert "Call to Bot API endpoint `getUpdates`" in text_logged
    for value in PRIVATE:
        for form in forms(value):
            assert form not in text_logged, f"{value!r} was logged as {form!r}"
