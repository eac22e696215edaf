"""Issue 14: reminders promise no "one tap", and each one that asks for a check-in has the
button for it.

Found as: at 20:00 the nudge said "hãy ghi lại chỉ với một chạm" (logging takes three taps),
and the opening-day reminder and the group's morning message had no way to check in.
"""

from __future__ import annotations

from bot.context import deps_of
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_telegram import SentMessage
from tests.conftest import AN, EMMA, Harness, vn


def callbacks(message: SentMessage) -> list[str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [b.get("callback_data", "") for row in rows for b in row]


async def test_the_nudge_promises_no_single_tap_and_its_button_starts_the_check_in(
    bot: Harness,
) -> None:
    for user in (AN, EMMA):
        await bot.register(user)
    bot.clock.set(vn(2023, 10, 6, 20, 0, 5))
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    vi, en = bot.last(AN), bot.last(EMMA)
    assert "chưa điểm danh" in vi.text and "một chạm" not in vi.text
    assert "not logged" in en.text and "one tap" not in en.text
    assert callbacks(vi) == callbacks(en) == ["menu:checkin"]
    reply = await bot.press(AN, "menu:checkin")
    assert reply is not None and "bao lâu" in reply.text


async def test_opening_day_and_morning_reminders_have_the_check_in_button(bot: Harness) -> None:
    for user in (AN, EMMA):
        await bot.register(user)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert "khai mạc" in bot.last(AN).text and callbacks(bot.last(AN)) == ["menu:checkin"]
    assert "opens today" in bot.last(EMMA).text and callbacks(bot.last(EMMA)) == ["menu:checkin"]
    bot.clock.set(vn(2023, 10, 2, 8, 0, 5))
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert "Ngày 1/7" in bot.last(AN).text and callbacks(bot.last(AN)) == ["menu:checkin"]


def test_no_reminder_text_promises_one_tap() -> None:
    from bot.ui.texts import En, Vi

    for t in (Vi, En):
        for key in dir(t):
            value = getattr(t, key)
            if key.startswith("REMIND") and isinstance(value, str):
                assert "chạm" not in value and "one tap" not in value, key
