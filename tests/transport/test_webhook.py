"""Webhook mode: secret checked in constant time, update stored before the 200, then handled."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from bot.context import deps_of
from bot.transport import polling
from bot.transport.webhook import PATH, SECRET_HEADER, make_asgi
from db.models import InboxUpdate
from tests.conftest import AN, Harness

SECRET = "s3cret_Token-123"


def client(bot: Harness) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=make_asgi(bot.app, SECRET))
    return httpx.AsyncClient(transport=transport, base_url="http://bot.test")


async def inbox_count(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(select(func.count(InboxUpdate.update_id))) or 0)


async def test_wrong_or_missing_secret_is_refused_and_nothing_stored(bot: Harness) -> None:
    payload = bot.factory.message(AN, "/start")
    async with client(bot) as http:
        assert (await http.post(PATH, json=payload)).status_code == 403
        wrong = {SECRET_HEADER: SECRET[:-1] + "x"}
        assert (await http.post(PATH, json=payload, headers=wrong)).status_code == 403
        bad = await http.post(PATH, content=b"{not json", headers={SECRET_HEADER: SECRET})
        assert bad.status_code == 400
    assert await inbox_count(bot) == 0


async def test_update_is_stored_before_200_then_handled_once(bot: Harness) -> None:
    payload = bot.factory.message(AN, "chủ đề năm nay là gì")
    async with client(bot) as http:
        for _ in range(2):  # Telegram may deliver the same update twice
            answer = await http.post(PATH, json=payload, headers={SECRET_HEADER: SECRET})
            assert answer.status_code == 200
        assert await inbox_count(bot) == 1  # stored, not yet handled
        assert bot.telegram.sent(AN.id) == []
        assert await polling.drain(bot.app) == 1
        assert await polling.drain(bot.app) == 0
        health = await http.get("/healthz")
    assert health.status_code == 200 and health.json() == {"ok": True}
    assert len(bot.telegram.sent(AN.id)) == 1
    assert "Xây dựng năng lực tự học" in bot.last(AN).text
