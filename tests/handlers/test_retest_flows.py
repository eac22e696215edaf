"""A re-test of issue 13's fixes found these: a pending "Ghi thêm?" answered by the "có"
meant for /hoantac (a check-in stored instead of one deleted), that question asked after a
sentence with dead buttons, "ngày mai" stored as today, "5/10" on 04/10 read as last year,
a double-tap question across different days, and a receipt before the week that totalled
the wrong seven days."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.ui.texts.vi import Vi
from db.models import Checkin
from tests.conftest import AN, Harness, callback_data, vn

WED = vn(2023, 10, 4, 20, 0)


async def live(bot: Harness) -> list[tuple[Any, ...]]:
    return await bot.checkins(Checkin.local_date, Checkin.minutes, live=True)


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


async def test_giving_up_in_words_cancels_the_check_in(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    await bot.say(AN, "/diemdanh")
    await bot.say(AN, "45")
    reply = await bot.say(AN, "thôi không ghi nữa")  # at the activity step
    assert reply is not None and reply.text == Vi.CANCELLED
    assert await live(bot) == []


async def test_with_no_week_running_the_receipt_says_so(bot: Harness) -> None:
    bot.clock.set(vn(2026, 11, 25, 9, 0))
    await bot.register(AN)
    reply = await bot.say(AN, "/diemdanh 30p đọc sách")
    assert reply is not None and "Hiện không có Tuần lễ nào đang diễn ra" in reply.text
    assert "08/10/2023" in reply.text


async def test_pleasantries_get_a_brief_reply(bot: Harness) -> None:
    for text in ("bạn khỏe không", "haha", "chúc bot ngày tốt lành", "bot thật tuyệt"):
        reply = await bot.say(AN, text)
        assert reply is not None and reply.text == Vi.CHAT_SMALLTALK["pleasantry"], text


async def test_an_online_course_is_named_from_the_one_line_form(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    reply = await bot.say(AN, "/diemdanh một tiếng học online")
    assert reply is not None and "Khóa học trực tuyến" in reply.text


async def test_in_english_too(bot: Harness) -> None:
    from bot.ui.texts.en import En
    from tests.conftest import EMMA

    reply = await bot.say(EMMA, "how are you")
    assert reply is not None and reply.text == En.CHAT_SMALLTALK["pleasantry"]
    reply = await bot.say(EMMA, "where is the opening ceremony?")
    assert reply is not None and "does not give the venue" in reply.text
