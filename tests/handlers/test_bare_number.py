"""Tester's finding 7: a bare number from 1 to 12 may be hours or minutes: asked, not guessed.

Found as: "/diemdanh 2 doc sach" and "/diemdanh 3" were stored as 2 and 3 minutes without a
question, while "1,5" asked "giờ hay phút?".
"""

from __future__ import annotations

from typing import Any

from db.models import Checkin
from tests.conftest import AN, EMMA, FakeUser, Harness, vn


async def register(
    bot: Harness, user: FakeUser = AN, line: str = "Nguyễn Văn An | Phòng A"
) -> None:
    bot.clock.set(vn(2023, 10, 4, 20, 0))
    await bot.say(user, f"/hoso {line}")
    await bot.agree(user)


async def stored(bot: Harness) -> list[tuple[Any, ...]]:
    return await bot.checkins(Checkin.minutes, Checkin.activity, Checkin.note)


async def test_one_line_with_a_note_asks_then_keeps_the_note(bot: Harness) -> None:
    await register(bot)
    reply = await bot.say(AN, "/diemdanh 2 doc sach")
    assert reply is not None and "Bạn đã học <b>2 giờ</b> hay <b>2 phút</b>?" in reply.text
    assert await bot.checkin_count() == 0
    receipt = await bot.press(AN, "dur:120")
    assert receipt is not None and "Đã ghi nhận" in receipt.text
    assert await stored(bot) == [(120, "reading", "doc sach")]


async def test_one_line_without_a_note_asks_then_asks_the_activity(bot: Harness) -> None:
    await register(bot)
    await bot.say(AN, "/diemdanh 3")
    assert await bot.checkin_count() == 0
    reply = await bot.press(AN, "dur:3")
    assert reply is not None and "3 phút" in reply.text
    await bot.press(AN, "act:course")
    await bot.press(AN, "note:skip")
    assert await stored(bot) == [(3, "course", None)]


async def test_typed_at_the_duration_step(bot: Harness) -> None:
    await register(bot)
    await bot.say(AN, "/diemdanh")
    reply = await bot.say(AN, "5")
    assert reply is not None and "<b>5 giờ</b> hay <b>5 phút</b>" in reply.text
    await bot.say(AN, "5 giờ")  # typed instead of pressed
    await bot.press(AN, "act:reading")
    await bot.press(AN, "note:skip")
    assert await stored(bot) == [(300, "reading", None)]


async def test_thirteen_and_more_stay_minutes(bot: Harness) -> None:
    await register(bot)
    reply = await bot.say(AN, "/diemdanh 13 đọc sách")
    assert reply is not None and "Đã ghi nhận" in reply.text
    assert await stored(bot) == [(13, "reading", "đọc sách")]


async def test_english(bot: Harness) -> None:
    await register(bot, EMMA, "Emma Tran | Finance Office")
    reply = await bot.say(EMMA, "/checkin 2 reading")
    assert reply is not None and "Did you study for <b>2 h</b> or <b>2 min</b>?" in reply.text
    await bot.press(EMMA, "dur:2")
    assert await stored(bot) == [(2, "reading", "reading")]
