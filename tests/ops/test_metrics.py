"""/metrics and /healthz: figures checked against the database, faults a person would see."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select
from starlette.applications import Starlette
from telegram.ext import MessageHandler, filters

from bot.app import build_application, running
from bot.context import BotApp, deps_of
from bot.core.clock import FrozenClock
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_telegram import OfflineTelegram
from bot.ops import health
from bot.ops.metrics import Metrics
from bot.transport import polling
from bot.transport.webhook import PATH, SECRET_HEADER, make_asgi
from db.models import Outbox
from tests.conftest import AN, BINH, Harness, Restartable, make_settings, vn

SECRET = "s3cret_Token-123"
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def webhook_client(app: BotApp) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=make_asgi(app, SECRET))
    return httpx.AsyncClient(transport=transport, base_url="http://bot.test")


def polling_client(app: BotApp) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=Starlette(routes=health.routes(app, "polling")))
    return httpx.AsyncClient(transport=transport, base_url="http://bot.test")


async def scrape(http: httpx.AsyncClient) -> Samples:
    answer = await http.get("/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(answer.text)
        for s in family.samples
    }


async def test_inbox_backlog_oldest_age_and_latency(bot: Harness) -> None:
    async with webhook_client(bot.app) as http:
        payload = bot.factory.message(AN, "chủ đề năm nay là gì")
        stored = await http.post(PATH, json=payload, headers={SECRET_HEADER: SECRET})
        assert stored.status_code == 200
        bot.clock.advance(timedelta(seconds=90))  # nobody handled it for a minute and a half
        before = await scrape(http)
        assert before[("bot_database_up", ())] == 1
        assert before[("bot_inbox_backlog", ())] == 1
        assert before[("bot_inbox_oldest_age_seconds", ())] == 90
        assert before[("bot_update_handling_seconds_count", ())] == 0
        assert await polling.drain(bot.app) == 1
        after = await scrape(http)
    assert after[("bot_inbox_backlog", ())] == 0
    assert after[("bot_inbox_oldest_age_seconds", ())] == 0
    assert after[("bot_update_handling_seconds_count", ())] == 1
    assert after[("bot_update_handling_seconds_sum", ())] > 0


async def test_sends_by_outcome_and_outbox_rows_match_the_database(bot: Harness) -> None:
    for user in (AN, BINH):
        await bot.say(user, f"/hoso {user.first_name} Nguyễn | Phòng Tổng hợp")
        await bot.agree(user)
    bot.telegram.blocked.add(AN.id)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))  # the opening-day message falls due
    report = await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert (report.sent, report.failed) == (1, 1)
    async with webhook_client(bot.app) as http:
        samples = await scrape(http)
    assert samples[("bot_sends_total", (("outcome", "sent"),))] == 1
    assert samples[("bot_sends_total", (("outcome", "failed"),))] == 1
    async with deps_of(bot.app).sessions() as session:
        rows = await session.execute(select(Outbox.status, func.count()).group_by(Outbox.status))
        truth = {status: count for status, count in rows}
    assert truth.get("sent") == 1  # the figures below are not all zeros
    shown = {labels[0][1]: v for (name, labels), v in samples.items() if name == "bot_outbox_rows"}
    assert shown == truth


async def test_retry_after_waits_are_counted(bot: Harness) -> None:
    bot.telegram.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=AN.id
    )
    reply = await bot.say(AN, "/start")
    assert reply is not None and "Xin chào" in reply.text  # waited out, then delivered
    async with webhook_client(bot.app) as http:
        samples = await scrape(http)
    assert samples[("bot_retry_after_waits_total", ())] == 1
    assert samples[("bot_retry_after_wait_seconds_total", ())] == 1


async def test_errors_by_kind_in_a_registry_per_app(bot: Harness, restartable: Restartable) -> None:
    async def broken(update: object, context: object) -> None:
        raise LookupError("a handler bug")

    bot.app.add_handler(MessageHandler(filters.Regex("^hỏng"), broken), group=-1)
    await bot.say(AN, "hỏng rồi")
    await bot.say(BINH, "hỏng nữa")
    # A second Application alongside, on the same installation: its registry is its own.
    async with (
        webhook_client(bot.app) as http,
        restartable.started() as other,
        webhook_client(other.app) as http2,
    ):
        mine, theirs = await scrape(http), await scrape(http2)
    assert mine[("bot_errors_total", (("kind", "LookupError"),))] == 2
    assert ("bot_errors_total", (("kind", "LookupError"),)) not in theirs


async def test_healthz_is_200_when_the_database_takes_a_write(bot: Harness) -> None:
    async with webhook_client(bot.app) as http:
        answer = await http.get("/healthz")
    assert (answer.status_code, answer.json()) == (200, {"ok": True})


async def test_healthz_503_names_a_read_only_database(tmp_path: Path, clock: FrozenClock) -> None:
    writable = build_application(make_settings(tmp_path), request=OfflineTelegram(), clock=clock)
    async with running(writable):  # migrates the file
        pass
    read_only = f"sqlite+aiosqlite:///file:{tmp_path / 'bot.db'}?mode=ro&uri=true"
    settings = make_settings(tmp_path, database_url=read_only)
    app = build_application(settings, request=OfflineTelegram(), clock=clock)
    async with app, webhook_client(app) as http:
        answer = await http.get("/healthz")
        await deps_of(app).engine.dispose()
    assert answer.status_code == 503
    body = answer.json()
    assert body["ok"] is False and set(body["problems"]) == {"database"}
    assert "readonly" in body["problems"]["database"]


async def test_polling_healthz_turns_503_when_getupdates_stops_answering(bot: Harness) -> None:
    async with polling_client(bot.app) as http:
        assert (await http.get("/healthz")).status_code == 200  # just started: within grace
        bot.clock.advance(timedelta(seconds=121))
        stale = await http.get("/healthz")
        assert stale.status_code == 503
        assert set(stale.json()["problems"]) == {"telegram"}
        assert "getUpdates" in stale.json()["problems"]["telegram"]
        # One round of the real polling loop against the fake: Telegram answers getUpdates
        # (with nothing), and the loop is told to stop after that round.
        stop = asyncio.Event()

        def get_updates(params: dict[str, Any]) -> list[Any]:
            stop.set()
            return []

        bot.telegram._api_getUpdates = get_updates  # type: ignore[method-assign]
        await polling.poll(bot.app, stop)
        healthy = await http.get("/healthz")
    assert healthy.status_code == 200
    assert deps_of(bot.app).metrics.last_contact == bot.clock.now()


async def test_webhook_mode_does_not_fail_a_quiet_bot(bot: Harness) -> None:
    async with webhook_client(bot.app) as http:
        bot.clock.advance(timedelta(hours=8))  # a night without a single update
        assert (await http.get("/healthz")).status_code == 200


def test_outcome_labels_are_the_statuses_with_pending_as_requeued() -> None:
    metrics = Metrics()
    metrics.sends_done(["sent", "sent", "pending", "unknown"])
    exposition = generate_latest(metrics.registry).decode()
    counts = {
        s.labels["outcome"]: s.value
        for family in text_string_to_metric_families(exposition)
        for s in family.samples
        if s.name == "bot_sends_total"
    }
    assert counts == {"sent": 2, "requeued": 1, "unknown": 1}
