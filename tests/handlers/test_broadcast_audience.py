"""Issue 13, defect 4: a broadcast's audience is named, and who it leaves out is said.

Found as: the preview and /broadcasts said "Đối tượng: 🏢 Một đơn vị" for a one-unit
audience (which unit?), and nothing about the people it would not reach.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.context import deps_of
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_telegram import SentMessage
from bot.offline.fake_updates import FakeUser
from db.models import User
from db.queries.users import set_role
from tests.conftest import Harness
from tests.handlers.test_broadcast import ORG, draft, staff

UNIT = "Phòng <> Khoa học & Công nghệ"  # typed by people: must come back escaped
SHOWN = "Phòng &lt;&gt; Khoa học &amp; Công nghệ"
MEMBERS = [FakeUser(31_000 + i, f"KH{i}") for i in range(5)]
EN_ORG = FakeUser(2101, "Organiser", "en", "organiser_en")


async def unit_id(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as session:
        found = await session.scalar(select(User.unit_id).where(User.telegram_id == MEMBERS[0].id))
    assert found is not None
    return found


async def pick_unit(
    bot: Harness, broadcast_id: int, unit: int, author: FakeUser = ORG
) -> SentMessage | None:
    await bot.press(author, f"bc:aud:{broadcast_id}:unit")
    return await bot.press(author, f"bc:unit:{broadcast_id}:{unit}")


async def one_unit_with_some_left_out(bot: Harness) -> int:
    """Five members of UNIT: two have blocked the bot (found by an earlier broadcast), one
    turned reminders off. Returns the unit's id."""
    await staff(bot)
    for user in MEMBERS:
        await bot.register(user, unit=UNIT)
    await bot.say(MEMBERS[2], "/nhacnho tat")
    bot.telegram.blocked.update({MEMBERS[0].id, MEMBERS[1].id})
    first = await draft(bot, text="Tin thứ nhất")
    await bot.press(ORG, f"bc:aud:{first}:all")
    await bot.press(ORG, f"bc:send:{first}")
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    return await unit_id(bot)


async def test_preview_names_the_unit_and_who_is_left_out(bot: Harness) -> None:
    unit = await one_unit_with_some_left_out(bot)
    broadcast_id = await draft(bot, text="Họp phòng lúc 15:00")
    asked = await bot.press(ORG, f"bc:aud:{broadcast_id}:unit")
    assert asked is not None
    buttons = [b["text"] for row in asked.reply_markup["inline_keyboard"] for b in row]
    assert UNIT in buttons
    preview = await bot.press(ORG, f"bc:unit:{broadcast_id}:{unit}")
    assert preview is not None
    assert "Một đơn vị" not in preview.text
    assert (
        f"Đối tượng: 🏢 {SHOWN} — <b>3</b> người nhận; không gửi cho 2 người đã chặn bot; "
        "1 người đã tắt nhắc nhở vẫn nhận thông báo này"
    ) in preview.text
    # The buttons' message says which unit was picked, too.
    picked = [m for m in bot.telegram.sent(ORG.id) if m.text.startswith("Gửi thông báo")][-1]
    assert SHOWN in picked.text


async def test_broadcasts_list_and_stop_report_name_the_unit(bot: Harness) -> None:
    unit = await one_unit_with_some_left_out(bot)
    broadcast_id = await draft(bot, text="Họp phòng lúc 15:00")
    await pick_unit(bot, broadcast_id, unit)
    await bot.press(ORG, f"bc:send:{broadcast_id}")
    await dispatch_once(deps_of(bot.app), bot.app.bot, max_rows=1)
    stopped = await bot.press(ORG, f"bc:stop:{broadcast_id}")
    assert stopped is not None and "Đã dừng thông báo" in stopped.text
    assert f"Đối tượng: 🏢 {SHOWN}" in stopped.text
    listing = await bot.say(ORG, "/broadcasts")
    assert listing is not None
    line = next(x for x in listing.text.splitlines() if x.startswith(f"• #{broadcast_id} "))
    assert f"— đã dừng — 🏢 {SHOWN}:" in line and "Một đơn vị" not in listing.text


async def test_an_audience_of_nobody_says_who_it_leaves_out(bot: Harness) -> None:
    await staff(bot)
    lone = FakeUser(31_500, "Lẻ")
    await bot.register(lone, unit="Tổ Lẻ")
    bot.telegram.blocked.add(lone.id)
    first = await draft(bot, text="Tin thứ nhất")
    await bot.press(ORG, f"bc:aud:{first}:all")
    await bot.press(ORG, f"bc:send:{first}")
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    async with deps_of(bot.app).sessions() as session:
        unit = await session.scalar(select(User.unit_id).where(User.telegram_id == lone.id))
    broadcast_id = await draft(bot)
    reply = await pick_unit(bot, broadcast_id, unit)
    assert reply is not None
    assert "«🏢 Tổ Lẻ»; không gửi cho 1 người đã chặn bot." in reply.text


async def test_in_english_too(bot: Harness) -> None:
    unit = await one_unit_with_some_left_out(bot)
    await bot.register(EN_ORG)
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, EN_ORG.id, "organiser")
    broadcast_id = await draft(bot, author=EN_ORG, text="Meeting at 15:00")
    preview = await pick_unit(bot, broadcast_id, unit, EN_ORG)
    assert preview is not None
    assert (
        f"Audience: 🏢 {SHOWN} — <b>3</b> recipients; not sent to 2 who blocked the bot; "
        "1 who turned reminders off still receive it"
    ) in preview.text
    listing = await bot.say(EN_ORG, "/broadcasts")
    assert listing is not None and f"draft, not sent — 🏢 {SHOWN}" in listing.text
