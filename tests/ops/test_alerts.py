"""Errors reach people: admins in chat (once per kind per 10 minutes, nothing personal in it)
and Sentry with the token and webhook secret scrubbed."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.context import BotContext, deps_of
from bot.ops.alerts import HIDDEN, Scrubber, error_kind
from tests.conftest import ADMIN, AN, BINH, Harness

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456789:AAH-secret_part_of_the_token_xyz"
SECRET = "webhook_Secret-42"
PERSONAL = "Nguyễn Văn An, Phòng Kế hoạch"


def alerts_to_admin(bot: Harness) -> list[str]:
    return [text for text in bot.texts(ADMIN) if "Bot gặp lỗi" in text]


async def test_handler_error_alerts_admins_once_per_kind_per_ten_minutes(bot: Harness) -> None:
    await bot.say(ADMIN, f"/hoso {ADMIN.first_name} | Văn phòng")  # admins who use the bot
    await bot.agree(ADMIN)

    async def broken(update: Update, context: BotContext) -> None:
        text = update.effective_message.text if update.effective_message else ""
        if text and text.endswith("khóa"):
            raise KeyError(f"{PERSONAL} {TOKEN}")
        raise ValueError(f"{PERSONAL} {TOKEN}")  # what an exception's text can carry

    bot.app.add_handler(MessageHandler(filters.Regex("^lỗi"), broken), group=-1)
    for user in (AN, BINH, AN):
        await bot.say(user, "lỗi")
    alerts = alerts_to_admin(bot)
    assert len(alerts) == 1  # three errors of one kind, one message
    assert "<code>ValueError</code>" in alerts[0] and "test_alerts.py:" in alerts[0]
    assert "broken" in alerts[0] and "xử lý yêu cầu của người dùng" in alerts[0]
    # The users are still told their data is unchanged.
    assert all(any("đã có lỗi" in t for t in bot.texts(u)) for u in (AN, BINH))

    await bot.say(AN, "lỗi khóa")  # another kind is reported at once
    assert len(alerts_to_admin(bot)) == 2 and "KeyError" in alerts_to_admin(bot)[-1]

    bot.clock.advance(timedelta(minutes=9, seconds=59))
    await bot.say(BINH, "lỗi")
    assert len(alerts_to_admin(bot)) == 2
    bot.clock.advance(timedelta(seconds=1))  # ten minutes after the first report
    await bot.say(BINH, "lỗi")
    alerts = alerts_to_admin(bot)
    assert len(alerts) == 3 and "đã xảy ra thêm 3 lần" in alerts[-1]
    for alert in alerts:
        assert "Nguyễn" not in alert and "Phòng Kế hoạch" not in alert
        assert TOKEN not in alert and TOKEN.split(":")[1] not in alert
    errors = deps_of(bot.app).metrics.errors
    assert errors.labels(kind="ValueError")._value.get() == 5
    assert errors.labels(kind="KeyError")._value.get() == 1


async def test_job_error_alerts_admins_with_the_job_name(bot: Harness) -> None:
    await bot.say(ADMIN, f"/hoso {ADMIN.first_name} | Văn phòng")
    await bot.agree(ADMIN)
    done = asyncio.Event()

    async def nightly_cleanup(context: BotContext) -> None:
        raise RuntimeError(f"while reading {PERSONAL}")

    original = bot.telegram.on_message
    bot.telegram.on_message = lambda message: done.set()
    assert bot.app.job_queue is not None
    bot.app.job_queue.run_once(nightly_cleanup, when=0, name="nightly_cleanup")
    await asyncio.wait_for(done.wait(), 30)
    bot.telegram.on_message = original
    [alert] = alerts_to_admin(bot)
    assert "RuntimeError" in alert and "tác vụ nền «nightly_cleanup»" in alert
    assert "Nguyễn" not in alert


async def test_admins_who_never_wrote_to_the_bot_are_not_messaged(bot: Harness) -> None:
    # ADMIN never talked to the bot: Telegram would refuse the message (the fixture checks
    # that nothing was refused).
    async def broken(update: Update, context: BotContext) -> None:
        raise ValueError("boom")

    bot.app.add_handler(MessageHandler(filters.Regex("^lỗi"), broken), group=-1)
    await bot.say(AN, "lỗi")
    assert bot.telegram.sent(ADMIN.id) == []
    assert deps_of(bot.app).metrics.errors.labels(kind="ValueError")._value.get() == 1


def test_error_kind_is_the_type_and_the_innermost_frame_of_our_code() -> None:
    from bot.core.textnorm import fold

    try:
        fold(None)  # type: ignore[arg-type]
    except AttributeError as exc:
        kind, where = error_kind(exc)
    assert kind == "AttributeError"  # raised in our module, called from a test
    assert where.startswith("bot/core/textnorm.py:") and where.endswith("(fold)")


def test_scrubber_hides_the_token_and_secret_everywhere() -> None:
    scrub = Scrubber([TOKEN, SECRET])
    url = f"https://api.telegram.org/bot{TOKEN}/getUpdates"
    event = {
        "message": f"request to {url} failed",
        "exception": {"values": [{"type": "NetworkError", "value": f"POST {url}: timed out"}]},
        "request": {"url": url, "headers": {"X-Telegram-Bot-Api-Secret-Token": SECRET}},
        "extra": {"quoted": f"token={TOKEN.replace(':', '%3A')}", "half": TOKEN.split(":")[1]},
        "breadcrumbs": {"values": [{"category": "httplib", "data": {"url": url}}]},
        "tags": [("secret", SECRET)],
    }
    scrubbed = scrub.before_send(event, {})
    dumped = json.dumps(scrubbed)
    assert TOKEN.split(":")[1] not in dumped and SECRET not in dumped
    assert dumped.count(HIDDEN) == 8  # one for each place above
    crumb = scrub.before_breadcrumb({"data": {"url": url, "method": "POST"}}, {})
    assert crumb == {
        "data": {"url": f"https://api.telegram.org/bot{HIDDEN}/getUpdates", "method": "POST"}
    }


def test_scrubber_hides_sql_parameters() -> None:
    message = (
        "(sqlite3.IntegrityError) UNIQUE constraint failed: users.telegram_id\n"
        "[SQL: INSERT INTO users (full_name) VALUES (?)]\n"
        f"[parameters: ('{PERSONAL}',)]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    )
    scrubbed = Scrubber([TOKEN]).text(message)
    assert "Nguyễn" not in scrubbed and "UNIQUE constraint failed" in scrubbed
    assert f"[parameters: {HIDDEN}]" in scrubbed and "Background on this error" in scrubbed


# A real sentry-sdk client in a process of its own (it patches logging and httpx globally),
# with a transport that prints each event instead of sending it: no network.
SENTRY_SCRIPT = """
import json, logging, os, sys
import httpx
import sentry_sdk
from sentry_sdk.transport import Transport
from bot.ops.alerts import init_sentry
from settings import Settings

class Capture(Transport):
    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                print(json.dumps(item.payload.json), flush=True)

token, secret = sys.argv[1:3]
personal = os.environ["TEST_PERSONAL"]
settings = Settings(_env_file=None, telegram_bot_token=token, webhook_secret=secret,
                    sentry_dsn="https://public@o1.ingest.sentry.io/1")
assert init_sentry(settings, transport=Capture())
handler = httpx.MockTransport(lambda request: httpx.Response(502))
with httpx.Client(transport=handler) as client:  # leaves an http breadcrumb with the URL
    client.post(f"https://api.telegram.org/bot{token}/getUpdates", json={"timeout": 25})
logging.getLogger("bot").info("polling https://api.telegram.org/bot%s/getMe", token)

def handle(name):
    raise RuntimeError(f"Telegram at https://api.telegram.org/bot{token}/sendMessage failed")

try:
    handle(personal)  # a frame variable holding personal data
except RuntimeError:
    logging.getLogger("bot").exception("update handling failed (secret %s)", secret)
sentry_sdk.flush()
"""


def test_sentry_events_carry_neither_the_token_nor_the_secret_nor_frame_variables() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SENTRY_"))}
    result = subprocess.run(
        [sys.executable, "-c", SENTRY_SCRIPT, TOKEN, SECRET],
        cwd=ROOT,
        capture_output=True,
        env={**env, "PYTHONPATH": str(ROOT), "TEST_PERSONAL": PERSONAL},
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) == 1
    event = events[0]
    dumped = json.dumps(event, ensure_ascii=False)
    assert event["exception"]["values"][0]["type"] == "RuntimeError"
    crumbs = event["breadcrumbs"]["values"]
    assert any(c.get("category") == "httplib" for c in crumbs)  # the URL was there to scrub
    assert HIDDEN in dumped
    assert TOKEN.split(":")[1] not in dumped and SECRET not in dumped
    assert "Nguyễn" not in dumped  # no local variables, no request bodies


async def test_a_bug_while_storing_updates_is_told_as_an_error_not_an_outage(
    bot: Harness,
) -> None:
    """Found in review: polling and the webhook retry a failed store, and a plain bug there
    was only reported as "the database cannot be written", never as an error."""
    from bot.ops.db_state import state_of

    await bot.say(ADMIN, f"/hoso {ADMIN.first_name} | Văn phòng")
    await bot.agree(ADMIN)
    state = state_of(bot.app)
    for _ in range(3):
        state.failure(RuntimeError(f"{PERSONAL} {TOKEN}"), "storing updates")
    for _ in range(50):  # the alert is sent from a task of its own
        await asyncio.sleep(0.01)
    alerts = alerts_to_admin(bot)
    assert len(alerts) == 1 and "<code>RuntimeError</code>" in alerts[0]
    assert PERSONAL not in alerts[0] and TOKEN not in alerts[0]
    state.success()
