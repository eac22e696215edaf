"""Tester's finding 2: a question typed at the name or unit step is not stored.

Found as: "/hoso", then "chu de nam nay la gi" at the name step, was taken as the name
("Cảm ơn chu de nam nay la gi…").
"""

from __future__ import annotations

from sqlalchemy import select

from bot.context import deps_of
from db.models import User
from tests.conftest import AN, EMMA, FakeUser, Harness


async def at_name_step(bot: Harness, user: FakeUser = AN) -> None:
    await bot.say(user, "/hoso")
    await bot.agree(user)


async def name_on_record(bot: Harness, user: FakeUser = AN) -> str | None:
    async with deps_of(bot.app).sessions() as session:
        return await session.scalar(select(User.full_name).where(User.telegram_id == user.id))


async def test_a_question_at_the_name_step_keeps_the_step(bot: Harness) -> None:
    await at_name_step(bot)
    reply = await bot.say(AN, "chu de nam nay la gi")
    assert reply is not None
    assert "Biểu mẫu đang chờ <b>họ và tên đầy đủ</b>" in reply.text
    assert "«chu de nam nay la gi»" in reply.text and "Cảm ơn" not in reply.text
    buttons = [b["text"] for row in reply.reply_markup["inline_keyboard"] for b in row]
    assert buttons == ["✖️ Hủy"]
    reply = await bot.say(AN, "Trần Văn Bình")  # the step still waits for the name
    assert reply is not None and "Cảm ơn Trần Văn Bình" in reply.text
    reply = await bot.say(AN, "khi nào khai mạc?")  # the unit step too
    assert reply is not None and "Biểu mẫu đang chờ <b>tên đơn vị</b>" in reply.text
    reply = await bot.say(AN, "Cục Thống kê")  # a unit, though "thống kê" is a request
    assert reply is not None and "Đã lưu hồ sơ" in reply.text
    assert await name_on_record(bot) == "Trần Văn Bình"


async def test_a_request_at_the_name_step_is_not_a_name(bot: Harness) -> None:
    await at_name_step(bot)
    reply = await bot.say(AN, "xem thống kê")
    assert reply is not None and "họ và tên đầy đủ" in reply.text
    await bot.press(AN, "cancel")
    assert await name_on_record(bot) is None


async def test_names_that_look_like_words_still_pass(bot: Harness) -> None:
    await at_name_step(bot)
    reply = await bot.say(AN, "Phạm Thu Mây")  # "nhằm", "thứ mấy" to a typo-correcting reader
    assert reply is not None and "Cảm ơn Phạm Thu Mây" in reply.text


async def test_english(bot: Harness) -> None:
    await at_name_step(bot, EMMA)
    reply = await bot.say(EMMA, "what is the theme this year")
    assert reply is not None and "The form is waiting for your <b>full name</b>" in reply.text
    reply = await bot.say(EMMA, "Emma Tran")
    assert reply is not None and "Emma Tran" in reply.text


async def test_the_better_written_unit_name_is_shown(bot: Harness) -> None:
    """Tester's finding 4, end to end: "phong ke toan" typed first, then "Phòng Kế toán"."""
    await bot.say(EMMA, "/hoso Lê Văn Cường | phong ke toan")
    await bot.agree(EMMA)
    await bot.say(AN, "/hoso Trần Văn Bình | Phòng Kế toán")
    reply = await bot.agree(AN)
    assert reply is not None and "Đơn vị: Phòng Kế toán" in bot.texts(AN)[-1]
    await bot.say(EMMA, "/hoso")
    assert "Phòng Kế toán" in bot.last(EMMA).text  # the first person's unit reads better too
