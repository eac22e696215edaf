"""Issue 13, defect 17: "/hoso Lê Minh" (no "|") takes the name and asks for the unit.

Found as: it was an error ("separate the name and the unit with |"). Now the unit is asked
next, with the unit buttons of the step-by-step form; "/hoso Lê Minh | Phòng A" still works.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.context import deps_of
from db.models import Unit, User
from tests.conftest import AN, BINH, EMMA, Harness, callback_data


async def profiles(bot: Harness) -> list[tuple[str | None, str | None]]:
    async with deps_of(bot.app).sessions() as session:
        rows = await session.execute(
            select(User.full_name, Unit.name).join(Unit, isouter=True).order_by(User.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_as_found_the_name_alone_then_the_unit_button(bot: Harness) -> None:
    await bot.say(BINH, "/hoso Trần Bình | Phòng A")  # a unit the buttons can offer
    await bot.agree(BINH)
    reply = await bot.say(AN, "/hoso Lê Minh")
    assert reply is not None and "consent:yes" in callback_data(reply)  # the notice comes first
    assert await profiles(bot) == [("Trần Bình", "Phòng A")]  # nothing stored before consent
    await bot.agree(AN)
    reply = bot.last(AN)
    assert reply.text.startswith("Cảm ơn Lê Minh. Bạn thuộc <b>đơn vị</b>")
    [unit_button] = [d for d in callback_data(reply) if d.startswith("unit:")]
    assert "cancel" in callback_data(reply)
    reply = await bot.press(AN, unit_button)
    assert reply is not None and "Đã lưu hồ sơ" in reply.text
    assert await profiles(bot) == [("Trần Bình", "Phòng A"), ("Lê Minh", "Phòng A")]


async def test_a_registered_person_changes_the_name_and_types_the_unit(bot: Harness) -> None:
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    await bot.agree(AN)
    reply = await bot.say(AN, "/hoso Lê Minh")
    assert reply is not None and reply.text.startswith("Cảm ơn Lê Minh.")
    reply = await bot.say(AN, "Phòng Kế hoạch")
    assert reply is not None and "Đã lưu hồ sơ" in reply.text
    assert await profiles(bot) == [("Lê Minh", "Phòng Kế hoạch")]


async def test_the_one_line_form_still_works(bot: Harness) -> None:
    await bot.say(AN, "/hoso Lê Minh | Phòng A")
    reply = await bot.agree(AN)
    assert reply is not None and "Đã lưu hồ sơ" in bot.last(AN).text
    assert await profiles(bot) == [("Lê Minh", "Phòng A")]


async def test_the_name_alone_in_english(bot: Harness) -> None:
    await bot.say(EMMA, "/profile Emma Lee | Unit A")
    await bot.agree(EMMA)
    reply = await bot.say(EMMA, "/profile Emma Stone")
    assert reply is not None and reply.text.startswith("Thank you, Emma Stone. Which <b>unit</b>")
    await bot.press(EMMA, callback_data(reply)[0])
    assert await profiles(bot) == [("Emma Stone", "Unit A")]
