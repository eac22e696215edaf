"""Issue 11, finding 9: a check-in is dated when it was sent, not when it was handled.

Found as: a check-in sent at 23:59 on the last day of the week and handled after midnight (the
bot was down, a backlog) fell outside the week. Telegram dates every message; the bot's clock
is injected, so the test sends at 23:59 and lets the bot handle it at 00:10.

Button presses carry no date of their own: a check-in finished with a button is dated by the
latest message typed into it (the `/diemdanh` that started it, a typed duration), or when it
is handled if none was typed. A message dated ahead of the bot's clock is dated now.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from bot.context import deps_of
from db.models import Checkin, DailyTotal
from tests.conftest import ADMIN, AN, Harness, vn

LAST_EVENING = vn(2023, 10, 8, 23, 59)  # the 2023 week runs 02/10 – 08/10
AFTER_MIDNIGHT = vn(2023, 10, 9, 0, 10)


async def register(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 8, 9, 0))
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Quản lý Khoa học")
    await bot.agree(AN)


async def sent_then_handled(bot: Harness, text: str, sent: datetime, handled: datetime) -> None:
    """`text` leaves the phone at `sent`; the bot handles it at `handled`."""
    bot.clock.set(sent)
    update = bot.factory.message(AN, text)
    bot.clock.set(handled)
    await bot.feed(update)


async def stored(bot: Harness) -> list[tuple[date, datetime, int]]:
    async with deps_of(bot.app).sessions() as session:
        rows = await session.execute(
            select(Checkin.local_date, Checkin.created_at, Checkin.minutes).order_by(Checkin.id)
        )
        return [(d, c.astimezone(LAST_EVENING.tzinfo), m) for d, c, m in rows]


async def test_sent_at_2359_handled_after_midnight_counts_on_the_last_day(bot: Harness) -> None:
    """As found: the backlog check-in belongs to 08/10, in /me, the receipt and the stats."""
    await register(bot)
    await sent_then_handled(bot, "/diemdanh 45 đọc sách", LAST_EVENING, AFTER_MIDNIGHT)
    receipt = bot.last(AN).text
    assert "Đã ghi nhận" in receipt and "Ngày: 08/10/2023" in receipt
    assert "Ngày 08/10/2023: <b>45 phút</b> · Tuần lễ 2023: <b>45 phút</b>" in receipt
    assert await stored(bot) == [(date(2023, 10, 8), LAST_EVENING, 45)]
    me = await bot.say(AN, "/cuatoi")  # on 09/10: the last seven days
    assert me is not None and "08/10/2023: 45 phút" in me.text
    stats = await bot.say(ADMIN, "/thongke 2023")
    assert stats is not None
    assert "Lượt điểm danh: <b>1</b>" in stats.text and "<b>45 phút</b>" in stats.text
    by_day = await bot.press(ADMIN, "rp:day:2023")
    assert by_day is not None and "Chủ nhật 08/10/2023: 1 người · 1 lượt · 45 phút" in by_day.text


async def test_a_typed_note_dates_the_check_in_it_finishes(bot: Harness) -> None:
    await register(bot)
    bot.clock.set(vn(2023, 10, 8, 23, 50))
    await bot.say(AN, "/diemdanh")
    await bot.press(AN, "dur:30")
    await bot.press(AN, "act:reading")
    await sent_then_handled(bot, "chương 3", LAST_EVENING, AFTER_MIDNIGHT)
    assert await stored(bot) == [(date(2023, 10, 8), LAST_EVENING, 30)]


async def test_buttons_after_midnight_keep_the_day_the_check_in_was_typed(bot: Harness) -> None:
    """/diemdanh typed at 23:58; the buttons are handled after midnight: dated 23:58."""
    await register(bot)
    await sent_then_handled(bot, "/diemdanh", vn(2023, 10, 8, 23, 58), vn(2023, 10, 8, 23, 58))
    bot.clock.set(AFTER_MIDNIGHT)
    await bot.press(AN, "dur:15")
    await bot.press(AN, "act:course")
    await bot.press(AN, "note:skip")
    assert await stored(bot) == [(date(2023, 10, 8), vn(2023, 10, 8, 23, 58), 15)]


async def test_a_check_in_made_only_of_buttons_is_dated_when_handled(bot: Harness) -> None:
    """A reminder's button, then buttons: nothing typed, so the handling time dates it."""
    await register(bot)
    await bot.say(AN, "/start")
    handled = vn(2023, 10, 9, 0, 30)  # 15 minutes fit in the day by 00:30
    bot.clock.set(handled)
    await bot.press(AN, "menu:checkin")
    await bot.press(AN, "dur:15")
    await bot.press(AN, "act:course")
    await bot.press(AN, "note:skip")
    assert await stored(bot) == [(date(2023, 10, 9), handled, 15)]
    assert "Hôm nay: <b>15 phút</b>" in bot.last(AN).text


async def test_a_message_dated_ahead_of_the_clock_is_dated_now(bot: Harness) -> None:
    """Telegram's clock 30 minutes ahead of the server's: never a check-in in the future."""
    await register(bot)
    bot_now = vn(2023, 10, 8, 23, 50)
    await sent_then_handled(bot, "/diemdanh 20", vn(2023, 10, 9, 0, 20), bot_now)
    assert await stored(bot) == [(date(2023, 10, 8), bot_now, 20)]


async def test_the_daily_limit_is_the_limit_of_the_day_it_was_sent(bot: Harness) -> None:
    """08/10 already holds 23 h 30: a 45-minute check-in sent then is refused, even if it is
    handled on 09/10, when the day is empty."""
    await register(bot)
    bot.clock.set(vn(2023, 10, 8, 23, 50))  # 23 h 30 fit in the day by then
    await bot.say(AN, "/diemdanh 12h")
    await bot.say(AN, "/diemdanh 11h30")
    await sent_then_handled(bot, "/diemdanh 45", LAST_EVENING, AFTER_MIDNIGHT)
    refusal = bot.last(AN).text
    assert refusal.startswith("Chưa lưu") and "ngày 08/10/2023 bạn đã ghi 23 giờ 30 phút" in refusal
    assert [m for _, _, m in await stored(bot)] == [720, 690]
    async with deps_of(bot.app).sessions() as session:
        days = list(await session.scalars(select(DailyTotal.local_date)))
    assert days == [date(2023, 10, 8)]


async def test_a_redelivered_backlog_update_is_stored_once_on_its_day(bot: Harness) -> None:
    await register(bot)
    bot.clock.set(LAST_EVENING)
    update = bot.factory.message(AN, "/diemdanh 45")
    bot.clock.set(AFTER_MIDNIGHT)
    await bot.feed(update)
    await bot.feed(update)
    assert await stored(bot) == [(date(2023, 10, 8), LAST_EVENING, 45)]
    assert "đã được ghi nhận trước đó" in bot.last(AN).text
