"""Issue 13, defect 12 and part of 13: the day studied, entries outside the week, and a
double tap.

Found as: at 2023-10-01 a check-in was stored with no word that it does not count toward
the week; "/diemdanh 30p đọc sách hôm qua" was dated today. A second tap of the same answer
stored the same minutes twice.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot.offline.fake_updates import FakeUser
from bot.ui.texts.en import En
from bot.ui.texts.vi import Vi
from db.models import Checkin
from tests.conftest import AN, EMMA, Harness, callback_data, vn

WED = vn(2023, 10, 4, 20, 1)  # Wednesday of the 2023 week (Monday 02/10 – Sunday 08/10)


async def stored(bot: Harness) -> list[tuple[Any, ...]]:
    return await bot.checkins(Checkin.local_date, Checkin.minutes, Checkin.note)


async def test_as_found_a_check_in_before_the_week_says_it_does_not_count(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 1, 9, 0))
    await bot.register(AN)
    reply = await bot.say(AN, "/diemdanh 30 đọc sách")
    assert reply is not None and "Đã ghi nhận" in reply.text
    assert "Ngày: 01/10/2023" in reply.text
    assert "Ngày 01/10/2023 nằm ngoài Tuần lễ hưởng ứng học tập suốt đời năm 2023" in reply.text
    assert "(02/10/2023 – 08/10/2023)" in reply.text and "không được tính vào Tuần lễ" in reply.text
    assert await stored(bot) == [(date(2023, 10, 1), 30, "đọc sách")]


async def test_in_the_week_no_such_warning(bot: Harness) -> None:
    await bot.register(AN)
    reply = await bot.say(AN, "/diemdanh 30")
    assert reply is not None and "nằm ngoài" not in reply.text


async def test_outside_the_week_in_english(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 10, 9, 0))
    await bot.register(EMMA)
    reply = await bot.say(EMMA, "/checkin 30 reading")
    # After the week, with none announced: no week is running, and the last one is named.
    assert reply is not None and "does not count toward a week" in reply.text
    assert "No week is running now (the 2023 Lifelong Learning Week ended on 8 Oct" in reply.text


async def test_as_found_hom_qua_is_the_day_before(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    reply = await bot.say(AN, "/diemdanh 30p đọc sách hôm qua")
    assert reply is not None and "Ngày: 03/10/2023" in reply.text
    assert "Ngày 03/10/2023: <b>30 phút</b>" in reply.text  # that day's total, not "Hôm nay"
    assert await stored(bot) == [(date(2023, 10, 3), 30, "đọc sách")]


@pytest.mark.parametrize(
    ("line", "day", "note"),
    [
        ("/diemdanh 30 hôm kia", date(2023, 10, 2), None),
        ("/diemdanh 30 đọc sách thứ hai", date(2023, 10, 2), "đọc sách"),
        ("/diemdanh t3 45p khóa học", date(2023, 10, 3), "khóa học"),
        ("/diemdanh 45 đọc sách 02/10", date(2023, 10, 2), "đọc sách"),
        ("/diemdanh 45 hôm qua đọc sách", date(2023, 10, 3), "đọc sách"),
        ("/diemdanh 45 đọc chương 3/10 của sách", date(2023, 10, 4), "đọc chương 3/10 của sách"),
    ],
)
async def test_day_words_in_the_one_line_check_in(
    bot: Harness, line: str, day: date, note: str | None
) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    reply = await bot.say(AN, line)
    assert reply is not None and f"Ngày: {day:%d/%m/%Y}" in reply.text
    [(stored_day, _, stored_note)] = await stored(bot)
    assert (stored_day, stored_note) == (day, note)


async def test_day_words_in_english(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(EMMA)
    await bot.say(EMMA, "/checkin 30 min reading yesterday")
    await bot.say(EMMA, "/checkin 45 course on monday")
    assert [d for d, _, _ in await stored(bot)] == [date(2023, 10, 3), date(2023, 10, 2)]


async def test_sunday_cn_at_the_end_of_the_week(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 8, 21, 0))  # Sunday 08/10
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 20p cn")
    assert [d for d, _, _ in await stored(bot)] == [date(2023, 10, 8)]


async def test_the_morning_after_the_week_yesterday_still_counts(bot: Harness) -> None:
    """People forget the last evening: on 09/10, "hôm qua" is the week's last day and counts;
    its receipt's Hoàn tác still works for the three days a check-in may be added for."""
    bot.clock.set(vn(2023, 10, 9, 8, 0))
    await bot.register(AN)
    reply = await bot.say(AN, "/diemdanh 30p đọc sách hôm qua")
    assert reply is not None and "08/10/2023" in reply.text
    assert "không được tính" not in reply.text
    # The total is that week's, not a rolling seven days.
    assert "Tuần lễ 2023: <b>30 phút</b>" in reply.text or "Tuần lễ 2023: 30 phút" in reply.text
    assert "7 ngày qua" not in reply.text
    assert [d for d, _, _ in await stored(bot)] == [date(2023, 10, 8)]


@pytest.mark.parametrize(
    ("now", "line", "says"),
    [
        (vn(2023, 10, 6, 9), "/diemdanh 30 thứ hai", "đã quá 3 ngày"),  # 4 days back
        (vn(2023, 10, 4, 9), "/diemdanh 30 ngày 05/10/2023", "chưa tới"),
        (vn(2023, 10, 2, 9), "/diemdanh 30 hôm qua", "trước khi Tuần lễ bắt đầu"),  # 01/10
    ],
)
async def test_a_refused_day_stores_nothing_and_says_why(
    bot: Harness, now: object, line: str, says: str
) -> None:
    bot.clock.set(now)  # type: ignore[arg-type]
    await bot.register(AN)
    reply = await bot.say(AN, line)
    assert reply is not None and reply.text.startswith("Chưa lưu") and says in reply.text
    assert await stored(bot) == []


async def test_a_day_that_does_not_exist(bot: Harness) -> None:
    await bot.register(AN)
    reply = await bot.say(AN, "/diemdanh 30 ngày 31/02")
    assert reply is not None and "không hiểu ngày «ngày 31/02»" in reply.text
    assert await stored(bot) == []


async def test_day_words_at_the_typed_steps(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    await bot.say(AN, "/diemdanh")
    await bot.press(AN, "dur:custom")
    reply = await bot.say(AN, "45 hôm qua")  # the duration step
    assert reply is not None and reply.text.startswith("Trong 45 phút đó")
    await bot.press(AN, "act:reading")
    reply = await bot.say(AN, "chương 3")
    assert reply is not None and "Ngày: 03/10/2023" in reply.text
    await bot.say(AN, "/diemdanh")
    await bot.press(AN, "dur:15")
    await bot.press(AN, "act:course")
    await bot.say(AN, "bài 2, thứ hai")  # the note step: the day is not part of the note
    await bot.say(AN, "/diemdanh")
    await bot.press(AN, "dur:60")
    await bot.say(AN, "đọc sách hôm kia")  # the activity step: the words are the note too
    assert await stored(bot) == [
        (date(2023, 10, 3), 45, "chương 3"),
        (date(2023, 10, 2), 15, "bài 2"),
        (date(2023, 10, 2), 60, "đọc sách"),
    ]


# --- a double tap ------------------------------------------------------------------------------


async def test_as_found_the_same_minutes_twice_asks_before_storing(bot: Harness) -> None:
    bot.clock.set(WED)
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30 đọc sách")
    bot.clock.advance(timedelta(seconds=50))
    reply = await bot.say(AN, "/diemdanh 30 đọc sách")
    assert reply is not None
    assert reply.text.startswith("Bạn vừa ghi 30 phút lúc 20:01. Ghi thêm lượt nữa?")
    assert callback_data(reply) == ["again:yes", "again:no"]
    assert "Ghi thêm" in str(reply.reply_markup) and "Không" in str(reply.reply_markup)
    assert len(await stored(bot)) == 1
    reply = await bot.press(AN, "again:no")
    assert reply is not None and reply.text == Vi.AGAIN_NOT_SAVED
    assert len(await stored(bot)) == 1
    await bot.say(AN, "/diemdanh 30 đọc sách")
    reply = await bot.press(AN, "again:yes")
    assert (
        reply is not None and "Đã ghi nhận" in reply.text and "Hôm nay: <b>1 giờ</b>" in reply.text
    )
    assert len(await stored(bot)) == 2


async def test_a_double_tap_of_the_buttons(bot: Harness) -> None:
    await bot.register(AN)
    for _ in range(2):
        await bot.say(AN, "/diemdanh")
        await bot.press(AN, "dur:45")
        await bot.press(AN, "act:reading")
        reply = await bot.press(AN, "note:skip")
    assert reply is not None and reply.text.startswith("Bạn vừa ghi 45 phút lúc 09:00")
    assert len(await stored(bot)) == 1


async def test_other_minutes_or_later_are_no_double_tap(bot: Harness) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30")
    await bot.say(AN, "/diemdanh 45")  # other minutes
    bot.clock.advance(timedelta(minutes=2, seconds=1))
    reply = await bot.say(AN, "/diemdanh 30")  # more than two minutes later
    assert reply is not None and "Đã ghi nhận" in reply.text
    assert [m for _, m, _ in await stored(bot)] == [30, 45, 30]


async def test_a_double_tap_in_english(bot: Harness) -> None:
    await bot.register(EMMA)
    await bot.say(EMMA, "/checkin 30")
    reply = await bot.say(EMMA, "/checkin 30")
    assert reply is not None and reply.text.startswith("You just logged 30 min at 09:00.")
    reply = await bot.press(EMMA, "again:no")
    assert reply is not None and reply.text == En.AGAIN_NOT_SAVED
    assert len(await stored(bot)) == 1


@pytest.mark.parametrize(("user", "word"), [(AN, "bỏ qua"), (AN, "không"), (EMMA, "skip")])
async def test_a_typed_skip_at_the_note_step_is_no_note(
    bot: Harness, user: FakeUser, word: str
) -> None:
    """Sibling: "bỏ qua" typed instead of pressing the button was stored as the note."""
    await bot.register(user)
    await bot.say(user, "/diemdanh")
    await bot.press(user, "dur:30")
    await bot.press(user, "act:reading")
    await bot.say(user, word)
    assert await stored(bot) == [(date(2023, 10, 3), 30, None)]


@pytest.mark.parametrize(("answer", "count"), [("không", 1), ("Có", 2), ("ghi thêm", 2)])
async def test_a_typed_answer_to_the_double_tap_question(
    bot: Harness, answer: str, count: int
) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30")
    await bot.say(AN, "/diemdanh 30")
    await bot.say(AN, answer)
    assert len(await stored(bot)) == count


async def test_other_text_at_the_double_tap_question_asks_for_the_buttons(bot: Harness) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30")
    await bot.say(AN, "/diemdanh 30")
    reply = await bot.say(AN, "chủ đề năm nay là gì")
    assert reply is not None and reply.text == Vi.AGAIN_PRESS
    assert callback_data(reply) == ["again:yes", "again:no"]
    reply = await bot.say(AN, "hủy")  # a cancel word: stops, nothing more is stored
    assert reply is not None and reply.text == Vi.CANCELLED
    assert len(await stored(bot)) == 1
