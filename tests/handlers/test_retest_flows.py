"""A re-test of issue 13's fixes found these: a pending "Ghi thêm?" answered by the "có"
meant for /hoantac (a check-in stored instead of one deleted), that question asked after a
sentence with dead buttons, "ngày mai" stored as today, "5/10" on 04/10 read as last year,
a double-tap question across different days, and a receipt before the week that totalled
the wrong seven days."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.context import deps_of
from bot.ui.texts.vi import Vi
from db.models import Checkin
from tests.conftest import AN, Harness, callback_data, vn

WED = vn(2023, 10, 4, 20, 0)


async def live(bot: Harness) -> list[tuple[date, int]]:
    async with deps_of(bot.app).sessions() as session:
        rows = await session.execute(
            select(Checkin.local_date, Checkin.minutes)
            .where(Checkin.deleted_at.is_(None))
            .order_by(Checkin.id)
        )
        return [(d, m) for d, m in rows]


async def test_undo_while_a_repeat_question_waits_deletes_and_stores_nothing(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 45 đọc sách")
    reply = await bot.say(AN, "/diemdanh 45 đọc sách")
    assert reply is not None and "Ghi thêm lượt nữa?" in reply.text
    reply = await bot.say(AN, "/hoantac")
    assert reply is not None and reply.text.startswith("Xóa lượt điểm danh gần nhất?")
    await bot.say(AN, "có")  # the answer to /hoantac's question, not to "Ghi thêm?"
    assert await live(bot) == []


async def test_the_repeat_question_after_a_sentence_has_working_buttons(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    await bot.say(AN, "điểm danh 45p đọc sách")
    reply = await bot.say(AN, "điểm danh 45p đọc sách")
    assert reply is not None and "Ghi thêm lượt nữa?" in reply.text
    assert "again:yes" in callback_data(reply)
    reply = await bot.press(AN, "again:yes")
    assert reply is not None and Vi.CHECKIN_SAVED in reply.text
    assert await live(bot) == [(date(2023, 10, 4), 45), (date(2023, 10, 4), 45)]


async def test_tomorrow_and_a_date_ahead_are_refused(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    for line in ("/diemdanh 30p đọc sách ngày mai", "/diemdanh 30p ngày 5/10"):
        reply = await bot.say(AN, line)
        assert reply is not None and reply.text.startswith("Chưa lưu"), line
        assert "05/10/2023" in reply.text
    assert await live(bot) == []


async def test_the_same_minutes_for_another_day_is_no_double_tap(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30p đọc sách")
    reply = await bot.say(AN, "/diemdanh 30p đọc sách hôm qua")
    assert reply is not None and Vi.CHECKIN_SAVED in reply.text
    assert await live(bot) == [(date(2023, 10, 4), 30), (date(2023, 10, 3), 30)]


async def test_before_the_week_yesterday_counts_in_todays_seven_days(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 1, 16, 0))
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30 đọc sách")
    reply = await bot.say(AN, "/diemdanh 20 đọc sách hôm qua")
    assert reply is not None and "7 ngày qua: <b>50 phút</b>" in reply.text
