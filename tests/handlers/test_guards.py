"""What the bot does not act on, Telegram errors, and the error handler."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import text
from telegram import Update

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from tests.conftest import AN, Harness


async def test_sticker_gets_a_polite_message(bot: Harness) -> None:
    await bot.feed(bot.factory.sticker(AN))
    assert "chỉ đọc được tin nhắn chữ" in bot.last(AN).text


async def test_sticker_during_the_flow_keeps_the_step(bot: Harness) -> None:
    await bot.say(AN, "/hoso")
    await bot.agree(AN)
    await bot.feed(bot.factory.sticker(AN))
    assert "chỉ đọc được tin nhắn chữ" in bot.last(AN).text
    reply = await bot.say(AN, "Nguyễn Văn An")
    assert reply is not None and "đơn vị" in reply.text


async def test_edited_message_changes_nothing(bot: Harness) -> None:
    await bot.say(AN, "/hoso An Nguyễn | Phòng A")
    await bot.agree(AN)
    await bot.feed(bot.factory.edited(AN, "/diemdanh 45"))
    assert "không xử lý tin nhắn đã chỉnh sửa" in bot.last(AN).text
    assert await bot.checkin_count() == 0


async def test_group_commands_point_to_private_chat_and_text_is_ignored(bot: Harness) -> None:
    group = -100123
    await bot.feed(bot.factory.message(AN, "/diemdanh 45", chat_id=group, kind="supergroup"))
    assert "nhắn riêng cho bot" in bot.telegram.sent(group)[-1].text
    count = len(bot.telegram.calls)
    await bot.feed(bot.factory.message(AN, "chủ đề năm nay là gì", chat_id=group, kind="group"))
    assert len(bot.telegram.calls) == count
    assert await bot.checkin_count() == 0


async def test_stale_button_is_answered(bot: Harness) -> None:
    await bot.say(AN, "/hoso")
    await bot.feed(bot.factory.press(AN, bot.last(AN), "dur:45"))
    assert bot.telegram.calls[-1].method == "answerCallbackQuery"
    assert "hết hạn" in bot.telegram.calls[-1].params["text"]


async def test_retry_after_is_waited_out_and_the_reply_arrives(bot: Harness) -> None:
    bot.telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    started = time.monotonic()
    reply = await bot.say(AN, "/start")
    assert reply is not None and "Xin chào" in reply.text
    assert time.monotonic() - started >= 1.0
    assert [m for m in bot.telegram.methods() if m == "sendMessage"] == ["sendMessage"] * 2


async def test_failure_inside_a_handler_is_reported_and_rolled_back(bot: Harness) -> None:
    await bot.say(AN, "/hoso An Nguyễn | Phòng A")
    await bot.agree(AN)
    async with deps_of(bot.app).engine.begin() as conn:
        await conn.execute(text("DROP TABLE checkins"))
    reply = await bot.say(AN, "/diemdanh 45")
    assert reply is not None and "đã có lỗi" in reply.text
    assert "Đã ghi nhận" not in "".join(bot.texts(AN))


async def test_a_burst_with_429s_loses_no_reply(bot: Harness) -> None:

    users = [FakeUser(50_000 + i, f"U{i}") for i in range(120)]
    payloads = [bot.factory.message(u, "chủ đề năm nay là gì") for u in users]
    for _ in range(2):
        bot.telegram.fail_next(
            "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1
        )
    await asyncio.gather(
        *(bot.app.process_update(Update.de_json(p, bot.app.bot)) for p in payloads)
    )
    assert all(len(bot.telegram.sent(u.id)) == 1 for u in users)
    assert sum(1 for r in bot.telegram.rejections if r[1].startswith("Too Many")) == 2
