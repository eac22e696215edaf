"""Tester's finding 5: at the activity step nothing typed is lost.

Found as: "à nhầm, 1 tiếng rưỡi" was saved as 1 giờ, ✨ Khác (the correction lost), and
"doc sach ve chuyen doi so" as Đọc sách with the words lost.
"""

from __future__ import annotations

from typing import Any

from db.models import Checkin
from tests.conftest import AN, EMMA, FakeUser, Harness, vn


async def at_activity_step(
    bot: Harness, user: FakeUser = AN, line: str = "Nguyễn Văn An | Phòng A"
) -> None:
    bot.clock.set(vn(2023, 10, 4, 20, 0))
    await bot.say(user, f"/hoso {line}")
    await bot.agree(user)
    await bot.say(user, "/diemdanh")
    await bot.press(user, "dur:60")


async def stored(bot: Harness) -> list[tuple[Any, ...]]:
    return await bot.checkins(Checkin.minutes, Checkin.activity, Checkin.note)


async def test_a_corrected_duration_replaces_the_first(bot: Harness) -> None:
    await at_activity_step(bot)
    reply = await bot.say(AN, "à nhầm, 1 tiếng rưỡi")
    assert reply is not None and "Trong 1 giờ 30 phút đó, bạn đã học gì?" in reply.text
    assert await bot.checkin_count() == 0
    await bot.press(AN, "act:course")
    await bot.press(AN, "note:skip")
    assert await stored(bot) == [(90, "course", None)]


async def test_a_duration_alone_replaces_it_too(bot: Harness) -> None:
    await at_activity_step(bot)
    await bot.say(AN, "45 phút")
    await bot.press(AN, "act:reading")
    await bot.press(AN, "note:skip")
    assert await stored(bot) == [(45, "reading", None)]


async def test_an_ambiguous_correction_asks_hours_or_minutes(bot: Harness) -> None:
    await at_activity_step(bot)
    reply = await bot.say(AN, "nhầm, 2")
    assert reply is not None and "<b>2 giờ</b> hay <b>2 phút</b>" in reply.text
    await bot.press(AN, "dur:120")
    await bot.press(AN, "act:webinar")
    await bot.press(AN, "note:skip")
    assert await stored(bot) == [(120, "webinar", None)]


async def test_words_naming_an_activity_are_kept_as_the_note(bot: Harness) -> None:
    await at_activity_step(bot)
    reply = await bot.say(AN, "doc sach ve chuyen doi so")
    assert reply is not None and "Đã ghi nhận" in reply.text
    assert await stored(bot) == [(60, "reading", "doc sach ve chuyen doi so")]


async def test_words_naming_no_activity_are_other_with_the_note(bot: Harness) -> None:
    await at_activity_step(bot)
    await bot.say(AN, "ôn luật cán bộ, công chức")
    assert await stored(bot) == [(60, "other", "ôn luật cán bộ, công chức")]


async def test_english(bot: Harness) -> None:
    await at_activity_step(bot, EMMA, "Emma Tran | Finance Office")
    reply = await bot.say(EMMA, "sorry, 2 hours")
    assert reply is not None and "2 h" in reply.text
    await bot.say(EMMA, "reading a book on digital transformation")
    assert await stored(bot) == [(120, "reading", "reading a book on digital transformation")]
