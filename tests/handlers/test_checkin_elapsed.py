"""Finding 8 end to end: at 10:00, today cannot hold more than 10 hours of study."""

from __future__ import annotations

from tests.conftest import AN, EMMA, FakeUser, Harness, vn


async def _register(bot: Harness, user: FakeUser, line: str) -> None:
    bot.clock.set(vn(2023, 10, 7, 9, 0))
    await bot.say(user, line)
    await bot.agree(user)
    bot.clock.set(vn(2023, 10, 7, 10, 0))


async def test_at_ten_o_clock_a_second_eight_hours_is_refused(bot: Harness) -> None:
    await _register(bot, AN, "/hoso Nguyễn Văn An | Phòng Quản lý Khoa học")
    await bot.say(AN, "/diemdanh 8 tiếng đọc sách")
    assert await bot.checkin_count() == 1
    bot.clock.set(vn(2023, 10, 7, 10, 5))
    reply = await bot.say(AN, "/diemdanh 8 tiếng đọc sách")
    assert reply is not None
    assert "hôm nay mới 10:05, bạn không thể đã tự học quá 10 giờ 5 phút" in reply.text
    assert "Hôm nay bạn đã ghi 8 giờ" in reply.text
    assert await bot.checkin_count() == 1


async def test_yesterday_keeps_the_24_hour_cap(bot: Harness) -> None:
    await _register(bot, AN, "/hoso Nguyễn Văn An | Phòng Quản lý Khoa học")
    reply = await bot.say(AN, "/diemdanh 11 tiếng hôm qua")
    assert reply is not None and "Đã ghi nhận" in reply.text
    assert await bot.checkin_count() == 1


async def test_english(bot: Harness) -> None:
    await _register(bot, EMMA, "/profile Emma Tran | Finance Office")
    reply = await bot.say(EMMA, "/checkin 11 hours reading")
    assert reply is not None
    assert "it is only 10:00 today, so you cannot have studied more than 10 h today" in reply.text
    assert await bot.checkin_count() == 0
