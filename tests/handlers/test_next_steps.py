"""Issue 31: replies that end a step offer the next one.

Found as: "Đã xóa lượt điểm danh" had no buttons; /thongke's "Theo ngày", "Theo đơn vị" and
"Học nhiều nhất" views had no way back to the summary; the broadcast prompt said "Gõ /cancel"
while /help teaches /huy.
"""

from __future__ import annotations

import re

from bot.ui.texts.vi import Vi
from handlers.commands import COMMANDS
from tests.conftest import ADMIN, AN, EMMA, Harness, callback_data
from tests.handlers.test_broadcast import OFFICIAL, draft, staff
from tests.handlers.test_reports import ORG, seed


async def test_after_undo_check_in_again_or_see_the_week(bot: Harness) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30")
    confirm = await bot.say(AN, "/hoantac")
    assert confirm is not None
    [yes] = [d for d in callback_data(confirm) if d != "undo:keep"]
    done = await bot.press(AN, yes)
    assert done is not None and done.text.startswith("🗑 Đã xóa lượt điểm danh")
    assert "/cuatoi" in done.text
    assert callback_data(done) == ["menu:checkin"] and "Điểm danh lại" in str(done.reply_markup)
    again = await bot.press(AN, "menu:checkin")
    assert again is not None and "bao lâu" in again.text


async def test_after_undo_in_english(bot: Harness) -> None:
    await bot.register(EMMA)
    receipt = await bot.say(EMMA, "/checkin 30")
    assert receipt is not None
    [ask] = [d for d in callback_data(receipt) if d.startswith("rundo:ask:")]
    await bot.press(EMMA, ask)
    done = await bot.press(EMMA, ask.replace(":ask:", ":yes:"))
    assert done is not None and "/me" in done.text and "Check in again" in str(done.reply_markup)


async def test_every_stats_view_leads_back_to_the_summary(bot: Harness) -> None:
    await seed(bot)
    await bot.say(ADMIN, "/thongke")
    for view in ("day", "unit", "top"):
        shown = await bot.press(ADMIN, f"rp:{view}:2023")
        assert shown is not None and callback_data(shown) == ["rp:sum:2023"], view
        assert "⬅️ Tổng quan" in str(shown.reply_markup)
        summary = await bot.press(ADMIN, "rp:sum:2023")
        assert summary is not None and "Cán bộ đã đăng ký: <b>4</b>" in summary.text
        assert "rp:top:2023" in callback_data(summary)  # the admin's views again
    # An organiser's summary keeps to the organiser's views.
    await bot.say(ORG, "/thongke")
    await bot.press(ORG, "rp:day:2023")
    summary = await bot.press(ORG, "rp:sum:2023")
    assert summary is not None and "rp:top:2023" not in callback_data(summary)


async def test_the_broadcast_prompt_names_the_vietnamese_cancel(bot: Harness) -> None:
    reply = await bot.say(ADMIN, "/thongbao")
    assert reply is not None and "/huy" in reply.text and "/cancel" not in reply.text


def test_no_vietnamese_text_names_an_english_command() -> None:
    english = {names[0] for names in COMMANDS.values() if len(names) > 1}
    for key in dir(Vi):
        value = getattr(Vi, key)
        values = value.values() if isinstance(value, dict) else [value]
        for text in (v for v in values if isinstance(v, str)):
            named = set(re.findall(r"(?<![\w.])/([a-z]+)\b", text))
            assert not named & english, (key, named & english)


async def test_a_cancelled_broadcast_and_a_revoke_of_a_non_holder_say_what_next(
    bot: Harness,
) -> None:
    await staff(bot)
    broadcast_id = await draft(bot, author=ADMIN)
    done = await bot.press(ADMIN, f"bc:cancel:{broadcast_id}")
    assert done is not None and "Soạn thông báo mới: /thongbao" in done.text
    reply = await bot.say(ADMIN, f"/thuhoi {OFFICIAL.id}")
    assert reply is not None and "không giữ quyền" in reply.text and "/phanquyen" in reply.text
