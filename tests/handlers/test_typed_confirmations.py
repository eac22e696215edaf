"""Tester's finding 10: typing during the /hoantac and /xoadulieu confirmations.

Found as: "ko" or "có" typed under "Xóa lượt điểm danh…?" or the erasure question got the
generic "chưa hiểu" and the main menu.
"""

from __future__ import annotations

from sqlalchemy import func, select

from bot.context import deps_of
from db.models import Checkin
from tests.conftest import AN, EMMA, FakeUser, Harness, vn


async def standing(bot: Harness) -> int:
    """Check-ins not withdrawn (a withdrawn one keeps its row, with deleted_at)."""
    async with deps_of(bot.app).sessions() as session:
        query = select(func.count(Checkin.id)).where(Checkin.deleted_at.is_(None))
        return int(await session.scalar(query) or 0)


async def checked_in(bot: Harness, user: FakeUser = AN, lang: str = "vi") -> None:
    bot.clock.set(vn(2023, 10, 4, 20, 0))
    line = "Nguyễn Văn An | Phòng A" if lang == "vi" else "Emma Tran | Finance Office"
    await bot.say(user, f"/hoso {line}")
    await bot.agree(user)
    await bot.say(user, "/diemdanh 45 đọc sách")
    assert await bot.checkin_count() == 1


async def test_a_typed_yes_under_undo_deletes_the_check_in(bot: Harness) -> None:
    await checked_in(bot)
    await bot.say(AN, "/hoantac")
    reply = await bot.say(AN, "có")
    assert reply is not None and "Đã xóa lượt điểm danh" in reply.text
    assert await standing(bot) == 0


async def test_a_typed_no_under_undo_keeps_it(bot: Harness) -> None:
    await checked_in(bot)
    await bot.say(AN, "/hoantac")
    reply = await bot.say(AN, "ko")
    assert reply is not None and reply.text == "Đã giữ nguyên lượt điểm danh."
    assert await bot.checkin_count() == 1
    reply = await bot.say(AN, "có")  # the confirmation is over: no longer an answer to it
    assert reply is not None and "Đã xóa" not in reply.text
    assert await standing(bot) == 1


async def test_other_text_under_undo_is_read_as_usual(bot: Harness) -> None:
    """Only a yes or a no answers the confirmation: a question is still answered, and the
    buttons still work after it."""
    await checked_in(bot)
    await bot.say(AN, "/hoantac")
    reply = await bot.say(AN, "hủy điểm danh vừa rồi")  # a sentence meaning undo: asked again
    assert reply is not None and reply.text.startswith("Xóa lượt điểm danh gần nhất?")
    assert await standing(bot) == 1
    reply = await bot.say(AN, "xóa đi")
    assert reply is not None and "Đã xóa lượt điểm danh" in reply.text
    assert await standing(bot) == 0


async def test_typed_answers_to_the_erasure(bot: Harness) -> None:
    await checked_in(bot)
    await bot.say(AN, "/xoadulieu")
    reply = await bot.say(AN, "có")
    assert reply is not None and "không hoàn tác được" in reply.text
    assert "<b>🗑 Xóa dữ liệu của tôi</b>" in reply.text
    reply = await bot.say(AN, "không")
    assert reply is not None and reply.text == "Đã giữ nguyên dữ liệu của bạn."
    assert await bot.checkin_count() == 1
    await bot.say(AN, "/xoadulieu")
    await bot.press(AN, "del:yes")
    assert await standing(bot) == 0


async def test_english(bot: Harness) -> None:
    await checked_in(bot, EMMA, "en")
    await bot.say(EMMA, "/undo")
    reply = await bot.say(EMMA, "no")
    assert reply is not None and "kept" in reply.text.lower()
    await bot.say(EMMA, "/deletemydata")
    reply = await bot.say(EMMA, "yes")
    assert reply is not None and "please press <b>🗑 Erase my data</b>" in reply.text
    reply = await bot.say(EMMA, "keep it")
    assert reply is not None and reply.text == "Your data was kept."
