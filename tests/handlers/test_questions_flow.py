"""Asking about the week through the real Application: commands, menu, free text."""

from __future__ import annotations

import pytest

from bot.offline.fake_updates import FakeUser
from tests.conftest import AN, EMMA, Harness, vn


async def test_start_greets_with_menu_and_publishes_commands(bot: Harness) -> None:
    reply = await bot.say(AN, "/start")
    assert reply is not None and "Xin chào An" in reply.text
    data = [b["callback_data"] for row in reply.reply_markup["inline_keyboard"] for b in row]
    assert data == ["menu:theme", "menu:dates", "menu:opening", "menu:purpose", "menu:checkin"]
    languages = [
        c.params.get("language_code") for c in bot.telegram.calls if c.method == "setMyCommands"
    ]
    assert languages == [None, "vi", "en"]


async def test_menu_button_answers_from_data(bot: Harness) -> None:
    await bot.say(AN, "/start")
    reply = await bot.press(AN, "menu:theme")
    assert reply is not None and "Xây dựng năng lực tự học trong kỷ nguyên số" in reply.text
    assert "answerCallbackQuery" in bot.telegram.methods()


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/theme", "Xây dựng năng lực tự học"),
        ("/chude 2021", "Chuyển đổi số và cơ hội học tập suốt đời"),
        ("/dates", "Từ 02/10/2023 đến hết 08/10/2023 (7 ngày)"),
        ("/thoigian 2021", "Từ 01/10/2021 đến hết 07/10/2021"),
        ("/ceremony", "Thứ Hai, ngày 02/10/2023"),
        ("/khaimac", "không nêu giờ khai mạc"),
        ("/week", "ngày thứ <b>2/7</b>"),
        ("/tuanle", "3801/KH-SKHCN"),
        ("/help", "/diemdanh"),
        ("/trogiup", "/cuatoi"),
    ],
)
async def test_commands_and_aliases(bot: Harness, command: str, expected: str) -> None:
    reply = await bot.say(AN, command)
    assert reply is not None and expected in reply.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("chu de nam nay la gi", "Xây dựng năng lực tự học trong kỷ nguyên số"),
        ("chủ đè tuần lể là j", "Xây dựng năng lực tự học"),
        ("khai mac luc nao z", "Lễ khai mạc Tuần lễ năm 2023"),
        ("ai tổ chức tuần lễ năm 2021", "Sở Giáo dục và Đào tạo tỉnh Điện Biên"),
        ("kế hoạch số mấy", "Kế hoạch số 3801/KH-SKHCN ngày 29/09/2023"),
        ("mục đích của tuần lễ", "năng lực tự học trong kỷ nguyên số"),
        ("bộ giáo dục phát động thế nào", "Bộ Giáo dục và Đào tạo đã ban hành văn bản"),
        ("phong trào thi đua", "Cả nước xây dựng xã hội học tập"),
        ("phong trào năm 2021", "1373/QĐ-TTg"),
        ("hôm nay là ngày thứ mấy của tuần lễ", "Hôm nay là thứ Ba, ngày 03/10/2023"),
        ("asdf qwerty", "chưa hiểu câu hỏi"),
    ],
)
async def test_free_text_questions(bot: Harness, question: str, expected: str) -> None:
    reply = await bot.say(AN, question)
    assert reply is not None and expected in reply.text


async def test_fallback_shows_the_menu(bot: Harness) -> None:
    reply = await bot.say(AN, "giá vàng hôm nay")
    assert reply is not None and reply.reply_markup is not None


async def test_english_user_gets_english(bot: Harness) -> None:
    reply = await bot.say(EMMA, "When is the opening ceremony?")
    assert reply is not None
    assert "Opening ceremony of the 2023 Lifelong Learning Week" in reply.text
    assert "Monday, 2 October 2023" in reply.text


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (vn(2023, 9, 29, 10, 0), "còn <b>3</b> ngày nữa"),  # the notice's day
        (vn(2023, 9, 25, 10, 0), "Chưa có thông tin về Tuần lễ năm 2023"),  # before it
        (vn(2023, 10, 1, 23, 59), "Ngày mai (02/10/2023)"),
        (vn(2023, 10, 2, 0, 0), "ngày thứ <b>1/7</b>"),
        (vn(2023, 10, 8, 20, 0), "ngày cuối cùng (7/7)"),
        (vn(2023, 10, 9, 0, 1), "đã kết thúc vào ngày 08/10/2023"),
        (
            vn(2021, 10, 4, 12, 0),
            "ngày thứ <b>4/7</b> của Tuần lễ hưởng ứng học tập suốt đời năm 2021",
        ),
        (vn(2026, 11, 23, 12, 0), "Tuần lễ tiếp theo chưa được công bố"),
    ],
)
async def test_where_are_we_now(bot: Harness, moment, expected: str) -> None:  # type: ignore[no-untyped-def]
    bot.clock.set(moment)
    reply = await bot.say(AN, "còn mấy ngày nữa")
    assert reply is not None and expected in reply.text


async def test_missing_year_is_honest(bot: Harness) -> None:
    bot.clock.set(vn(2026, 11, 23, 12, 0))
    reply = await bot.say(AN, "chủ đề năm nay là gì")
    assert reply is not None
    assert "Chưa có thông tin về Tuần lễ năm 2026" in reply.text and "năm 2023" in reply.text
    reply = await bot.say(AN, "chủ đề năm 2019")
    assert reply is not None and "Chưa có thông tin về Tuần lễ năm 2019" in reply.text


async def test_day_boundary_follows_vietnam_time_not_utc(bot: Harness) -> None:
    from datetime import UTC, datetime

    # 17:30 UTC on 1 October is already 00:30 on 2 October in Vietnam: day 1 of the week.
    bot.clock.set(datetime(2023, 10, 1, 17, 30, tzinfo=UTC))
    reply = await bot.say(AN, "hôm nay là ngày thứ mấy")
    assert reply is not None and "Hôm nay là thứ Hai, ngày 02/10/2023" in reply.text
    assert "1/7" in reply.text


async def test_user_without_language_gets_vietnamese(bot: Harness) -> None:
    reply = await bot.say(FakeUser(1009, "X", None), "/start")
    assert reply is not None and "Xin chào X" in reply.text
