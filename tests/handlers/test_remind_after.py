"""Issue 13 retest (reports2), defect 9: /remind after the week says that no reminder is
due until a new week is announced, and writes the commands as typed."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.ui.texts import En, Vi
from tests.conftest import AN, EMMA, Harness, vn

AFTER = vn(2023, 10, 9, 9, 0)
NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)


async def registered(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    await bot.agree(AN)
    await bot.say(EMMA, "/profile Emma Tran | Unit A")
    await bot.agree(EMMA)


async def test_after_the_week_no_reminder_is_due(bot: Harness) -> None:
    await registered(bot)
    for moment in (AFTER, NOW):
        bot.clock.set(moment)
        reply = await bot.say(AN, "/nhacnho")
        assert reply is not None and reply.text.startswith(Vi.REMIND_IS_ON)
        assert "Tuần lễ năm 2023 đã kết thúc và chưa có Tuần lễ mới nào được công bố" in reply.text
        assert reply.reply_markup["inline_keyboard"][0][0]["callback_data"] == "remind:off"
        assert "<code>/nhacnho tat</code>" in reply.text
        reply = await bot.say(AN, "/nhacnho bat")
        assert reply is not None and reply.text.startswith(Vi.REMIND_TURNED_ON)
        assert "chưa có nhắc nhở nào" in reply.text
    reply = await bot.say(EMMA, "/remind on")
    assert reply is not None and "no reminders are due" in reply.text


async def test_during_and_before_the_week(bot: Harness) -> None:
    await registered(bot)
    reply = await bot.say(AN, "/nhacnho")  # during: the setting alone
    assert reply is not None and reply.text == Vi.REMIND_IS_ON
    bot.clock.set(vn(2023, 9, 20, 9, 0))  # before: when it starts
    reply = await bot.say(AN, "/nhacnho bat")
    assert reply is not None
    assert "Tuần lễ năm 2023 diễn ra từ 02/10/2023 đến 08/10/2023" in reply.text
    reply = await bot.say(EMMA, "/remind")
    assert reply is not None and reply.text.startswith(En.REMIND_IS_ON)
    assert "The 2023 week runs from" in reply.text
