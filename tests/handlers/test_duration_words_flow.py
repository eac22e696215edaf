"""Issue 13, finding 10, through the real Application: durations typed in words are stored,
and a duration the bot cannot read is answered with the quick picks and cancel, never a
message without a way on."""

from __future__ import annotations

import pytest

from bot.ui import keyboards
from bot.ui.buttons import Duration
from bot.ui.texts import En, Vi
from db.models import Checkin
from tests.conftest import AN, EMMA, Harness, callback_data
from tests.handlers.test_checkin_flow import rows


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("/diemdanh hai tiếng rưỡi học khóa online", 150),
        ("/diemdanh một tiếng kém mười lăm đọc sách", 45),
        ("/diemdanh bon lam phut", 45),
        ("/diemdanh 1t30 hội thảo", 90),
    ],
)
async def test_a_one_line_check_in_in_words(bot: Harness, text: str, minutes: int) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    reply = await bot.say(AN, text)
    assert reply is not None and "Đã ghi nhận điểm danh tự học!" in reply.text
    assert [c.minutes for c in await rows(bot, Checkin)] == [minutes]


async def test_english_words_step_by_step(bot: Harness) -> None:
    await bot.register(EMMA, "Emma Nguyen", "Phòng A")
    await bot.say(EMMA, "/checkin")
    reply = await bot.say(EMMA, "an hour and a half")
    assert reply is not None and reply.text == En.ASK_ACTIVITY.format(minutes="1 h 30 min")
    await bot.press(EMMA, "act:reading")
    await bot.press(EMMA, "note:skip")
    assert [c.minutes for c in await rows(bot, Checkin)] == [90]


@pytest.mark.parametrize("path", ["typed", "custom"])
async def test_an_unreadable_duration_keeps_the_quick_picks_and_cancel(
    bot: Harness, path: str
) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    await bot.say(AN, "/diemdanh")
    if path == "custom":
        await bot.press(AN, keyboards.CUSTOM_DURATION)
    reply = await bot.say(AN, "một lúc")
    assert reply is not None and "chưa đọc được thời lượng" in reply.text
    choices = callback_data(bot.last(AN))
    assert keyboards.CANCEL in choices and keyboards.CUSTOM_DURATION in choices
    assert Duration(30).pack() in choices
    reply = await bot.say(AN, "mười lăm")  # no unit: asked which, with the buttons again
    assert (
        reply is not None
        and "là giờ hay phút?" in reply.text
        and callback_data(bot.last(AN)) == choices
    )
    await bot.press(AN, Duration(30).pack())  # a quick pick from the error reply
    await bot.press(AN, "act:reading")
    await bot.press(AN, "note:skip")
    assert [c.minutes for c in await rows(bot, Checkin)] == [30]


async def test_cancel_from_the_error_reply_stores_nothing(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    await bot.say(AN, "/diemdanh")
    await bot.say(AN, "abc")
    reply = await bot.press(AN, keyboards.CANCEL)
    assert reply is not None and "Đã hủy" in reply.text
    assert await bot.checkin_count() == 0
    assert Vi.ERROR not in bot.texts(AN)
