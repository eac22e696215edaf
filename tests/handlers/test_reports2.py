"""Issue 13 retest (reports2): which edition a report shows and why, years that exist,
no average over nobody, a top list headed by its real size, a truthful /schedule."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.context import deps_of
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_updates import FakeUser
from db.queries.users import set_role
from tests.conftest import ADMIN, AN, EMMA, Harness, button_pairs, vn
from tests.handlers.test_reports import seed

NOW = datetime(2026, 11, 24, 3, 0, tzinfo=UTC)  # no 2026 edition
EN_ADMIN = FakeUser(9002, "Admin", "en", "admin_en")


async def test_stats_say_which_edition_is_shown_when_this_year_has_none(bot: Harness) -> None:
    await seed(bot)
    bot.clock.set(NOW)
    reply = await bot.say(ADMIN, "/thongke")
    assert reply is not None
    assert reply.text.startswith(
        "ℹ️ Chưa có thông báo về Tuần lễ năm 2026; dưới đây là số liệu năm 2023."
    )
    await bot.say(ADMIN, "/export csv")
    caption = bot.telegram.sent(ADMIN.id)[-1].text
    assert "Chưa có thông báo về Tuần lễ năm 2026; dưới đây là số liệu năm 2023." in caption
    reply = await bot.say(ADMIN, "/thongke 2023")  # asked for: no note
    assert reply is not None and "Chưa có" not in reply.text


async def test_stats_of_a_year_without_an_edition_offers_the_years(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 4, 20, 0))
    reply = await bot.say(ADMIN, "/thongke 2022")
    assert reply is not None
    assert "Không có dữ liệu về Tuần lễ năm 2022. Bot có số liệu các năm: 2021, 2023" in reply.text
    assert button_pairs(reply) == [("📊 Năm 2021", "rp:sum:2021"), ("📊 Năm 2023", "rp:sum:2023")]
    shown = await bot.press(ADMIN, "rp:sum:2021")
    assert shown is not None and "Thống kê Tuần lễ năm 2021" in shown.text
    reply = await bot.say(ADMIN, "/export 2022")
    assert reply is not None and "2021, 2023" in reply.text


async def test_no_average_over_nobody_and_top_heading_counts(bot: Harness) -> None:
    await seed(bot)
    reply = await bot.say(ADMIN, "/thongke 2021")
    assert reply is not None and "bình quân" not in reply.text
    reply = await bot.say(ADMIN, "/thongke 2023")
    assert reply is not None and "bình quân" in reply.text
    top = await bot.press(ADMIN, "rp:top:2023")
    assert top is not None and "3 người tự học nhiều nhất" in top.text


async def test_top_of_one_is_not_called_ten(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    await bot.agree(AN)
    await bot.say(AN, "/diemdanh 30")
    await bot.say(ADMIN, "/thongke 2023")
    top = await bot.press(ADMIN, "rp:top:2023")
    assert top is not None and "🏅 <b>Người tự học nhiều nhất — Tuần lễ năm 2023</b>" in top.text
    assert "10" not in top.text.splitlines()[0]


async def test_english_reports_note_the_edition_and_pluralise(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    await bot.say(EN_ADMIN, "/profile Admin Le | Unit B")
    await bot.agree(EN_ADMIN)
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, EN_ADMIN.id, "organiser")
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    await bot.say(EMMA, "/profile Emma Tran | Unit A")
    await bot.agree(EMMA)
    await bot.say(EMMA, "/checkin 30")
    await bot.say(EN_ADMIN, "/stats")
    by_day = await bot.press(EN_ADMIN, "rp:day:2023")
    assert by_day is not None and "1 person · 1 check-in · 30 min" in by_day.text
    assert "0 people · 0 check-ins" in by_day.text
    bot.clock.set(NOW)
    reply = await bot.say(EN_ADMIN, "/stats")
    assert reply is not None
    assert reply.text.startswith(
        "ℹ️ The 2026 week has not been announced yet; below are the figures of 2023."
    )


async def test_schedule_of_a_past_edition_shows_no_estimate(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    await bot.agree(AN)
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, AN.id, "organiser")
    await dispatch_once(
        deps_of(bot.app), bot.app.bot
    )  # plans what is due: the eve (late), the 2 mornings…
    bot.clock.set(NOW)
    reply = await bot.say(AN, "/lichnhac")
    assert reply is not None
    assert "ℹ️ Chưa có Tuần lễ năm 2026; dưới đây là lịch năm 2023." in reply.text
    assert "ước tính" not in reply.text
    assert "08/10 20:30 — Tổng kết cá nhân: đã qua, không gửi" in reply.text
    assert "01/10 16:00 — Báo trước khai mạc: 1 nơi nhận" in reply.text
    assert "bỏ qua (quá giờ) 1" in reply.text and "trễ" not in reply.text
