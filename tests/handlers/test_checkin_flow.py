"""Registration and self-study check-ins through the real Application and fake Telegram."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.context import deps_of
from db.models import Checkin, Unit, User
from tests.conftest import AN, BINH, EMMA, Harness, vn


async def rows(bot: Harness, model):  # type: ignore[no-untyped-def]
    async with deps_of(bot.app).sessions() as session:
        return list(await session.scalars(select(model)))


async def test_step_by_step_registration_offers_units(bot: Harness) -> None:
    await bot.register(BINH, "Trần Bình", "Văn phòng Sở")
    reply = await bot.say(AN, "/profile")
    assert reply is not None and "Bạn có đồng ý không?" in reply.text
    await bot.agree(AN)
    assert "họ và tên" in bot.last(AN).text
    reply = await bot.say(AN, "Nguyễn Văn An")
    assert reply is not None and "Văn phòng Sở" in str(reply.reply_markup)
    unit = (await rows(bot, Unit))[0]
    reply = await bot.press(AN, f"unit:{unit.id}")
    assert reply is not None and "Đơn vị: Văn phòng Sở" in reply.text
    users = {u.telegram_id: u for u in await rows(bot, User)}
    assert users[AN.id].full_name == "Nguyễn Văn An" and users[AN.id].unit_id == unit.id


async def test_typed_unit_is_merged_with_an_existing_spelling(bot: Harness) -> None:
    await bot.register(BINH, "Trần Bình", "Phòng Tổng hợp")
    await bot.register(AN, "Nguyễn Văn An", "phong tong hop")
    assert [u.name for u in await rows(bot, Unit)] == ["Phòng Tổng hợp"]


async def test_html_and_sql_in_names_are_stored_verbatim_and_shown_escaped(bot: Harness) -> None:
    name = "An <> & Co'; DROP TABLE users;--"
    await bot.register(AN, name, "Phòng <> IT")
    user = (await rows(bot, User))[0]
    assert user.full_name == name
    assert "An &lt;&gt; &amp; Co" in bot.last(AN).text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/hoso <b>An</b> Lê | Phòng A", "Họ và tên không được chứa thẻ HTML"),
        ("/hoso Lê An | <script>alert(1)</script>", "Tên đơn vị không được chứa thẻ HTML"),
        ("/hoso =HYPERLINK(1) | Phòng A", "Họ và tên không được bắt đầu bằng dấu ="),
        ("/hoso Lê An | @SUM(1)", "Tên đơn vị không được bắt đầu bằng dấu ="),
    ],
)
async def test_tags_and_formulas_in_a_profile_get_one_sentence_and_store_nothing(
    bot: Harness, line: str, message: str
) -> None:
    reply = await bot.say(AN, line)
    assert reply is not None and message in reply.text
    assert await rows(bot, User) == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/hoso 12345", "phải có chữ cái"),  # no "|": the name alone, checked first
        ("/hoso | Phòng A", "Họ và tên đang trống"),
        ("/hoso Nguyễn Văn An | ", "Tên đơn vị đang trống"),
        ("/hoso 12345 | Phòng A", "phải có chữ cái"),
        (f"/hoso {'A' * 150} | Phòng A", "quá dài"),
    ],
)
async def test_bad_profiles_store_nothing(bot: Harness, line: str, message: str) -> None:
    reply = await bot.say(AN, line)
    assert reply is not None and message in reply.text
    assert await rows(bot, User) == []


async def test_unregistered_one_line_checkin_registers_then_saves(bot: Harness) -> None:
    reply = await bot.say(AN, "/checkin 45 đọc sách về chuyển đổi số")
    assert reply is not None and "đăng ký hồ sơ" in reply.text
    assert await bot.checkin_count() == 0
    await bot.agree(AN)
    await bot.say(AN, "Nguyễn Văn An")
    reply = await bot.say(AN, "Phòng Quản lý Khoa học")
    assert reply is not None and "Đã ghi nhận điểm danh" in reply.text
    assert "45 phút" in reply.text and "Đọc sách/tài liệu" in reply.text
    [row] = await rows(bot, Checkin)
    assert (row.minutes, row.activity, row.note) == (45, "reading", "đọc sách về chuyển đổi số")


async def test_step_by_step_checkin_with_buttons(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    reply = await bot.say(AN, "/diemdanh")
    assert reply is not None and "bao lâu" in reply.text
    await bot.press(AN, "dur:60")
    await bot.press(AN, "act:course")
    reply = await bot.say(AN, "Khóa <AI> & dữ liệu")
    assert reply is not None
    assert "1 giờ" in reply.text and "Khóa học trực tuyến" in reply.text
    assert "Khóa &lt;AI&gt; &amp; dữ liệu" in reply.text and "03/10/2023" in reply.text
    assert "Hôm nay: <b>1 giờ</b> · Tuần lễ 2023: <b>1 giờ</b>" in reply.text
    [row] = await rows(bot, Checkin)
    assert row.note == "Khóa <AI> & dữ liệu"


async def test_custom_duration_and_skipped_note(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    await bot.say(AN, "/diemdanh")
    await bot.press(AN, "dur:custom")
    reply = await bot.say(AN, "abc")
    assert reply is not None and "chưa đọc được thời lượng" in reply.text
    await bot.say(AN, "1 tiếng rưỡi")
    await bot.press(AN, "act:webinar")
    reply = await bot.press(AN, "note:skip")
    assert reply is not None and "1 giờ 30 phút" in reply.text
    [row] = await rows(bot, Checkin)
    assert (row.minutes, row.activity, row.note) == (90, "webinar", None)


async def test_menu_button_starts_checkin_and_cancel_stores_nothing(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    await bot.say(AN, "/start")
    reply = await bot.press(AN, "menu:checkin")
    assert reply is not None and "bao lâu" in reply.text
    await bot.press(AN, "dur:30")
    reply = await bot.press(AN, "cancel")
    assert reply is not None and "Đã hủy" in reply.text
    assert await bot.checkin_count() == 0
    # A button of the cancelled flow does nothing any more.
    await bot.feed(bot.factory.press(AN, bot.last(AN), "act:reading"))
    assert await bot.checkin_count() == 0


async def test_redelivered_update_stores_one_checkin(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    payload = bot.factory.message(AN, "/diemdanh 30 đọc tài liệu")
    await bot.feed(payload)
    await bot.feed(payload)
    assert await bot.checkin_count() == 1
    assert "đã được ghi nhận trước đó" in bot.last(AN).text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/diemdanh 0", "lớn hơn 0 phút"),
        ("/diemdanh -30 đọc sách", "không thể là số âm"),
        ("/diemdanh 13 giờ", "tối đa 12 giờ"),
        ("/diemdanh 1,5", "là giờ hay phút"),
        ("/diemdanh hôm nay học nhiều", "chưa đọc được thời lượng"),
        (f"/diemdanh 30 {'x' * 5000}", "quá dài (tối đa 500 ký tự"),
    ],
)
async def test_bad_checkins_store_nothing(bot: Harness, line: str, message: str) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    reply = await bot.say(AN, line)
    assert reply is not None and message in reply.text
    assert await bot.checkin_count() == 0


async def test_a_day_cannot_exceed_24_hours(bot: Harness) -> None:
    """For an earlier day (today holds no more than the time since midnight)."""
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    await bot.say(AN, "/diemdanh 12 giờ hôm qua")
    await bot.say(AN, "/diemdanh 11 giờ hôm qua")
    reply = await bot.say(AN, "/diemdanh 2 giờ hôm qua")
    assert reply is not None and "không quá 24 giờ" in reply.text
    assert await bot.checkin_count() == 2


async def test_empty_and_long_notes_in_the_flow(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    await bot.say(AN, "/diemdanh")
    await bot.press(AN, "dur:15")
    await bot.press(AN, "act:other")
    reply = await bot.say(AN, "y" * 5000)
    assert reply is not None and "bạn gửi 5000" in reply.text
    assert await bot.checkin_count() == 0
    reply = await bot.say(AN, "ghi chú ngắn")
    assert reply is not None and "Đã ghi nhận" in reply.text


async def test_me_shows_week_days_and_streak(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    for day in (2, 3, 4):
        bot.clock.set(vn(2023, 10, day, 20, 0))
        await bot.say(AN, "/diemdanh 30 đọc sách")
    reply = await bot.say(AN, "/cuatoi")
    assert reply is not None
    assert "Tuần lễ 2023</b> (02/10/2023 – 08/10/2023)" in reply.text
    assert "Tổng: <b>1 giờ 30 phút</b>" in reply.text
    assert "<b>3/7</b>" in reply.text and "Chuỗi ngày liên tiếp: <b>3</b>" in reply.text


async def test_me_outside_the_week_shows_the_last_editions_result(bot: Harness) -> None:
    """Issue 13: no rolling "7 ngày qua" outside the week; a check-in outside every edition
    counts in none of them."""
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    bot.clock.set(vn(2026, 11, 23, 9, 0))
    await bot.say(AN, "/diemdanh 20")
    reply = await bot.say(AN, "/me")
    assert reply is not None and "7 ngày qua" not in reply.text
    assert "chưa có thông tin về Tuần lễ năm 2026" in reply.text
    assert "Kết quả Tuần lễ 2023 của bạn" in reply.text and "<b>0/7</b>" in reply.text


async def test_undo_after_confirmation_only_own_checkin(bot: Harness) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    await bot.say(AN, "/diemdanh 30 đọc sách")
    await bot.say(AN, "/diemdanh 45 hội thảo")
    reply = await bot.say(AN, "/hoantac")
    assert reply is not None and "45 phút" in reply.text
    keep = await bot.press(AN, "undo:keep")
    assert keep is not None and "giữ nguyên" in keep.text
    await bot.say(AN, "/undo")
    target = next(r for r in await rows(bot, Checkin) if r.minutes == 45)
    # Someone else pressing a forged button cannot remove An's check-in.
    await bot.register(BINH, "Trần Bình", "Phòng A")
    await bot.feed(bot.factory.press(BINH, bot.last(AN), f"undo:{target.id}"))
    assert all(r.deleted_at is None for r in await rows(bot, Checkin))
    await bot.say(AN, "/undo")
    reply = await bot.press(AN, f"undo:{target.id}")
    assert reply is not None and "Đã xóa lượt điểm danh" in reply.text
    await bot.feed(bot.factory.press(AN, bot.last(AN), f"undo:{target.id}"))
    assert "đã được xóa trước đó" in bot.last(AN).text
    me = await bot.say(AN, "/me")
    assert me is not None and "45 phút" not in me.text and "30 phút" in me.text


async def test_undo_with_nothing(bot: Harness) -> None:
    reply = await bot.say(AN, "/undo")
    assert reply is not None and "chưa có lượt điểm danh" in reply.text


async def test_english_checkin(bot: Harness) -> None:
    await bot.register(EMMA, "Emma Tran", "International Office")
    reply = await bot.say(EMMA, "/checkin 1 hour 30 minutes online course")
    assert reply is not None and "Self-study logged" in reply.text and "1 h 30 min" in reply.text


async def test_a_long_history_keeps_me_one_valid_message(bot: Harness) -> None:
    """/me shows days, not every entry: 40 long check-ins make one message, five buttons."""
    await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
    bot.clock.set(vn(2023, 10, 3, 20, 0))  # 16 h 20 fit in today by 20:00
    for i in range(40):
        await bot.say(AN, f"/diemdanh {5 + i}p {'ghi chú dài & <đặc biệt> ' * 19}{i}")
    before = len(bot.telegram.sent(AN.id))
    await bot.say(AN, "/me")
    parts = bot.telegram.sent(AN.id)[before:]
    assert len(parts) == 1  # the fake rejected nothing (checked at teardown)
    assert "Tổng: <b>16 giờ 20 phút</b>" in parts[-1].text
    # Check in and reminders, then five delete buttons.
    assert len(parts[-1].reply_markup["inline_keyboard"]) == 2 + 5
