"""Issue 12: while /thongbao waits for a button, what is typed is read inside the flow.

Found as: at the unit buttons, "ke toan" got the generic "chưa hiểu" reply and the main menu,
and the broadcast buttons were gone; "tat ca" at the audience buttons did the same.
"""

from __future__ import annotations

from bot.offline.fake_telegram import SentMessage
from bot.offline.fake_updates import FakeUser
from tests.conftest import ADMIN, Harness
from tests.handlers.test_broadcast import ORG, draft, staff

ACCOUNTANTS = [FakeUser(41_000 + i, f"KT{i}") for i in range(2)]
EN_ORG = FakeUser(2101, "Organiser", "en", "organiser_en")


def buttons(message: SentMessage) -> list[str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


async def setup(bot: Harness) -> None:
    await staff(bot)
    for user in ACCOUNTANTS:
        await bot.register(user, unit="Phòng Kế toán")


async def test_a_unit_typed_without_diacritics_is_picked(bot: Harness) -> None:
    await setup(bot)
    broadcast_id = await draft(bot)
    await bot.press(ORG, f"bc:aud:{broadcast_id}:unit")
    reply = await bot.say(ORG, "ke toan")
    assert reply is not None
    assert "chưa hiểu" not in "".join(bot.texts(ORG)[-3:])
    assert "Phòng Kế toán" in reply.text and "<b>2</b> người nhận" in reply.text
    assert "📤 Gửi ngay" in buttons(reply)


async def test_an_unknown_unit_repeats_the_unit_buttons(bot: Harness) -> None:
    await setup(bot)
    broadcast_id = await draft(bot)
    await bot.press(ORG, f"bc:aud:{broadcast_id}:unit")
    reply = await bot.say(ORG, "phong xyz")
    assert reply is not None
    assert reply.text.startswith("Bạn hãy chọn một mục bên dưới")
    assert "Phòng Kế toán" in buttons(reply)
    # "phong" is in every unit's name: ambiguous, the buttons again.
    reply = await bot.say(ORG, "phong")
    assert reply is not None and "Phòng Kế toán" in buttons(reply)


async def test_an_audience_word_is_picked_and_the_confirm_step_repeats(bot: Harness) -> None:
    await setup(bot)
    await draft(bot)
    reply = await bot.say(ORG, "tat ca")
    assert reply is not None
    assert "Tất cả cán bộ đã đăng ký" in reply.text and "người nhận" in reply.text
    reply = await bot.say(ORG, "ok gửi đi")
    assert reply is not None
    assert reply.text.startswith("Bạn hãy chọn một mục bên dưới")
    assert {"📤 Gửi ngay", "🕒 Hẹn giờ…", "✖️ Hủy"} <= set(buttons(reply))


async def test_an_ambiguous_audience_repeats_the_audience_buttons(bot: Harness) -> None:
    await setup(bot)
    await draft(bot)
    reply = await bot.say(ORG, "chưa điểm danh")  # today or this week?
    assert reply is not None
    assert reply.text.startswith("Bạn hãy chọn một mục bên dưới")
    assert "👥 Tất cả cán bộ đã đăng ký" in buttons(reply)
    reply = await bot.say(ORG, "nhom")
    assert reply is not None and "Không có ai nhận" in reply.text  # no group subscribed
    assert "👥 Tất cả cán bộ đã đăng ký" in buttons(reply)  # the audiences again
    reply = await bot.say(ORG, "don vi")
    assert reply is not None and "Phòng Kế toán" in buttons(reply)


async def test_after_sending_typed_text_is_a_question_again(bot: Harness) -> None:
    await setup(bot)
    broadcast_id = await draft(bot)
    await bot.say(ORG, "tất cả")
    await bot.press(ORG, f"bc:send:{broadcast_id}")
    reply = await bot.say(ORG, "tat ca")
    assert reply is not None and "Bạn hãy chọn" not in reply.text


async def test_a_scheduled_time_still_works_from_the_typed_choice(bot: Harness) -> None:
    await setup(bot)
    broadcast_id = await draft(bot)
    await bot.say(ORG, "tat ca")
    await bot.press(ORG, f"bc:sched:{broadcast_id}")
    reply = await bot.say(ORG, "08:00 20/11/2023")
    assert reply is not None and "hẹn" in reply.text.lower()


async def test_english(bot: Harness) -> None:
    await setup(bot)
    await bot.register(EN_ORG)
    await bot.say(ADMIN, "/grant @organiser_en organiser")
    await bot.press(ADMIN, f"role:grant:{EN_ORG.id}")
    await bot.say(EN_ORG, "/broadcast")
    await bot.say(EN_ORG, "Meeting at 3")
    reply = await bot.say(EN_ORG, "something else")
    assert reply is not None and reply.text.startswith("Please pick one of the options below")
    await bot.say(EN_ORG, "unit")
    reply = await bot.say(EN_ORG, "Ke Toan")
    assert reply is not None and "Phòng Kế toán" in reply.text
