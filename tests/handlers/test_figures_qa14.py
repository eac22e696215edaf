"""QA 14 items 5, 14, 15, 18 through the real Application: before the week /thongke and
/theodoi show the coming edition; an old year uses the list of its week in both; empty cases
say what is true; /trogiup describes /theodoi as organisers get it."""

from __future__ import annotations

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from db.queries.users import set_role
from tests.conftest import ADMIN, AN, Harness, vn
from tests.handlers.test_followup import with_roster
from tests.handlers.test_reports import ORG
from tests.services.roster_data import add_people

EN_ADMIN = FakeUser(9002, "Admin", "en", "admin_en")


async def test_before_the_week_both_show_the_coming_edition(bot: Harness) -> None:
    # 30 September 2023: the 2023 notice is out (29 September), the week starts on 2 October.
    bot.clock.set(vn(2023, 9, 30, 9, 0))
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    await bot.agree(AN)
    await add_people(deps_of(bot.app).sessions, "Phòng A", ["Nguyễn Văn An", "Trần Bình"])
    stats = await bot.say(ADMIN, "/thongke")
    assert stats is not None
    assert "Thống kê Tuần lễ năm 2023" in stats.text and "Chưa có" not in stats.text
    assert "⏳ Tuần lễ bắt đầu ngày 02/10/2023, nên chưa có lượt điểm danh nào" in stats.text
    assert "Số liệu năm 2021: /thongke 2021" in stats.text
    assert "Cán bộ theo danh sách: <b>2</b>" in stats.text
    follow = await bot.say(ADMIN, "/theodoi")
    assert follow is not None
    assert "Cần theo dõi — Tuần lễ năm 2023" in follow.text
    assert "⏳ Tuần lễ bắt đầu ngày 02/10/2023" in follow.text
    # Nobody is chased for a check-in before the week; the list's unregistered are.
    assert "Chưa đăng ký: <b>2</b>\n" in follow.text and "Chưa điểm danh" not in follow.text
    assert "Chưa đăng ký (2):\n  – Nguyễn Văn An\n  – Trần Bình" in follow.text


async def test_before_the_notice_the_note_says_it_is_not_announced(bot: Harness) -> None:
    bot.clock.set(vn(2023, 9, 20, 9, 0))
    stats = await bot.say(ADMIN, "/thongke")
    assert stats is not None
    assert stats.text.startswith(
        "ℹ️ Chưa có thông báo về Tuần lễ năm 2023; dưới đây là số liệu năm 2021."
    )


async def test_an_old_year_gives_the_same_numbers_in_both(bot: Harness) -> None:
    """The list was imported in 2023: for 2021 it did not exist, in /thongke and /theodoi."""
    await with_roster(bot)
    stats = await bot.say(ORG, "/thongke 2021")
    assert stats is not None and "Cán bộ theo danh sách" not in stats.text
    assert "được nhập sau Tuần lễ năm 2021 nên không dùng cho năm này" in stats.text
    follow = await bot.say(ADMIN, "/theodoi 2021")
    assert follow is not None
    assert "Chưa đăng ký" not in follow.text
    assert "được nhập sau Tuần lễ năm 2021 nên không dùng cho năm này" in follow.text
    # 2023: the same "not registered" in both.
    stats = await bot.say(ORG, "/thongke 2023")
    follow = await bot.say(ORG, "/theodoi 2023")
    assert stats is not None and follow is not None
    assert "(chưa đăng ký: <b>7</b>)" in stats.text and "Chưa đăng ký: <b>7</b>" in follow.text


async def test_nobody_registered_is_said_not_celebrated(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    follow = await bot.say(ADMIN, "/theodoi")
    assert follow is not None
    assert "Chưa có cán bộ nào đăng ký dùng bot cho Tuần lễ năm 2023" in follow.text
    assert "🎉" not in follow.text and "chưa điểm danh: <b>0</b>" not in follow.text
    stats = await bot.say(ADMIN, "/thongke")
    assert stats is not None
    assert "tỷ lệ <b>—</b>" in stats.text and "Chưa có cán bộ nào đăng ký dùng bot" in stats.text
    by_unit = await bot.press(ADMIN, "rp:unit:2023")
    assert by_unit is not None and by_unit.text == "Chưa có đơn vị nào."


async def test_english_figures(bot: Harness) -> None:
    await with_roster(bot)
    bot.clock.set(vn(2023, 10, 4, 10, 0))
    await bot.say(EN_ADMIN, "/profile Admin Le | Văn phòng Sở")
    await bot.agree(EN_ADMIN)
    async with deps_of(bot.app).sessions() as s, s.begin():
        await set_role(s, EN_ADMIN.id, "organiser")
    stats = await bot.say(EN_ADMIN, "/stats 2023")
    assert stats is not None
    assert "Registered officials: <b>5</b> (of whom 3 not on the staff list)" in stats.text
    assert (
        "Took part (checked in): <b>1</b> of the 9 on the staff list — rate <b>11.1%</b>"
        in stats.text
    )
    assert "Took part but not on the staff list: <b>2</b> (not in the rate)" in stats.text
    by_unit = await bot.press(EN_ADMIN, "rp:unit:2023")
    assert by_unit is not None
    assert "· not registered: 3 · not on the list: 1" in by_unit.text


async def test_help_describes_followup_as_organisers_get_it(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    await bot.say(ORG, "/hoso Lê Tổ Chức | Văn phòng Sở")
    await bot.agree(ORG)
    async with deps_of(bot.app).sessions() as s, s.begin():
        await set_role(s, ORG.id, "organiser")
    reply = await bot.say(ORG, "/trogiup")
    assert reply is not None
    assert "Số người chưa đăng ký, chưa điểm danh theo đơn vị" in reply.text
    assert "Ai chưa đăng ký" not in reply.text
