"""Issue 13 retest (reports2), defects 26 and 33: /broadcasts labels drafts, counts a
scheduled broadcast's recipients and offers each its action; scheduling reads Vietnamese
times, never offers a past example, and can be cancelled."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.context import deps_of
from db.models import User
from db.queries.users import set_role
from tests.conftest import Harness, button_pairs, vn
from tests.handlers.test_broadcast import ORG, draft, staff
from tests.handlers.test_broadcast_audience import EN_ORG


async def test_empty_list_says_how_to_compose(bot: Harness) -> None:
    await staff(bot)
    reply = await bot.say(ORG, "/broadcasts")
    assert reply is not None
    assert reply.text == "Chưa có thông báo nào. Gõ /thongbao để soạn thông báo."


async def test_list_labels_drafts_counts_scheduled_and_offers_actions(bot: Harness) -> None:
    await staff(bot)
    stale = await draft(bot, text="Bỏ dở")  # abandoned: older than the compose timeout
    bot.clock.advance(timedelta(minutes=20))
    fresh = await draft(bot, text="Đang soạn")
    planned = await draft(bot, text="Hẹn giờ")
    await bot.press(ORG, f"bc:aud:{planned}:all")
    await bot.press(ORG, f"bc:sched:{planned}")
    await bot.say(ORG, "20:00")
    reply = await bot.say(ORG, "/broadcasts")
    assert reply is not None
    assert f"#{stale} " not in reply.text
    assert f"• #{fresh} 15/11 09:20 — bản nháp chưa chọn đối tượng" in reply.text
    line = next(x for x in reply.text.splitlines() if x.startswith(f"• #{planned} "))
    assert "hẹn gửi lúc 15/11 20:00" in line and "4 nơi nhận" in line and "0/0" not in line
    assert button_pairs(reply) == [
        (f"✖️ Hủy hẹn giờ #{planned}", f"bc:cancel:{planned}"),
        (f"🗑 Xóa bản nháp #{fresh}", f"bc:cancel:{fresh}"),
    ]
    cancelled = await bot.press(ORG, f"bc:cancel:{planned}")
    assert cancelled is not None and f"Đã hủy thông báo #{planned}" in cancelled.text


async def test_scheduling_reads_vietnamese_times_and_says_tomorrow(bot: Harness) -> None:
    await staff(bot)
    bot.clock.set(vn(2023, 10, 4, 21, 0))
    broadcast_id = await draft(bot)
    await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
    asked = await bot.press(ORG, f"bc:sched:{broadcast_id}")
    assert asked is not None and "08:00 05/10/2023" in asked.text and "2023</code>" in asked.text
    assert "04/10/2023" not in asked.text
    assert button_pairs(asked) == [("✖️ Hủy", f"bc:cancel:{broadcast_id}")]
    reply = await bot.say(ORG, "8h")
    assert reply is not None and "lúc 05/10 08:00" in reply.text
    assert "Giờ này hôm nay đã qua nên thông báo được hẹn vào ngày mai." in reply.text
    assert "Đối tượng: 👥 Tất cả cán bộ đã đăng ký — hiện có <b>4</b> người nhận" in reply.text
    for typed, shown in [
        ("8h sáng mai", "05/10 08:00"),
        ("8h sang mai", "05/10 08:00"),
        ("21h30 tối nay", "04/10 21:30"),
        ("9 giờ ngày mai", "05/10 09:00"),
    ]:
        other = await draft(bot)
        await bot.press(ORG, f"bc:aud:{other}:all")
        await bot.press(ORG, f"bc:sched:{other}")
        reply = await bot.say(ORG, typed)
        assert reply is not None and f"lúc {shown}" in reply.text, typed
        assert "ngày mai." not in reply.text


async def test_cancel_button_under_the_time_prompt(bot: Harness) -> None:
    await staff(bot)
    broadcast_id = await draft(bot)
    await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
    await bot.press(ORG, f"bc:sched:{broadcast_id}")
    reply = await bot.press(ORG, f"bc:cancel:{broadcast_id}")
    assert reply is not None and f"Đã hủy thông báo #{broadcast_id}" in reply.text
    # The button ended the flow: a time typed afterwards schedules nothing.
    reply = await bot.say(ORG, "20:00")
    assert reply is not None and "Đã hẹn gửi" not in reply.text


async def test_english_schedule_confirmation_names_the_audience_in_the_singular(
    bot: Harness,
) -> None:
    await staff(bot)
    await bot.register(EN_ORG)
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, EN_ORG.id, "organiser")
    broadcast_id = await draft(bot, author=EN_ORG, text="Meeting")
    await bot.press(EN_ORG, f"bc:aud:{broadcast_id}:groups")
    broadcast_id = await draft(bot, author=EN_ORG, text="Meeting")
    await bot.press(EN_ORG, f"bc:aud:{broadcast_id}:all")
    await bot.press(EN_ORG, f"bc:sched:{broadcast_id}")
    reply = await bot.say(EN_ORG, "20:00")
    assert reply is not None
    assert "Audience: 👥 Every registered official — <b>5</b> recipients as of now" in reply.text
    listing = await bot.say(EN_ORG, "/broadcasts")
    assert listing is not None and "5 recipients (as of now)" in listing.text


async def test_english_counts_one_recipient_in_the_singular(bot: Harness) -> None:
    await staff(bot)
    await bot.register(EN_ORG, unit="Unit Solo")
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, EN_ORG.id, "organiser")
        unit = await session.scalar(select(User.unit_id).where(User.telegram_id == EN_ORG.id))
    broadcast_id = await draft(bot, author=EN_ORG, text="Meeting")
    await bot.press(EN_ORG, f"bc:aud:{broadcast_id}:unit")
    preview = await bot.press(EN_ORG, f"bc:unit:{broadcast_id}:{unit}")
    assert preview is not None and "<b>1</b> recipient" in preview.text
    assert "1</b> recipients" not in preview.text
    started = await bot.press(EN_ORG, f"bc:send:{broadcast_id}")
    assert started is not None and f"Sending broadcast #{broadcast_id} to 1 recipient…" in (
        started.text
    )
