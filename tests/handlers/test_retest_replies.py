"""Replies that say the right thing (issue 11 retest, findings 4, 5, 6 and 7), as found.

4. `/grant @ghost` / `/grant 555000111` for someone who messaged the bot but never registered
   said they "need to message the bot at least once"; `/grant <5,000 digits>` echoed the whole
   number over two messages.
5. `/chude ²⁰²¹`, `/theme 0`, `/theme -2023`, `/theme 2023abc` (and /tuanle, /thoigian,
   /khaimac, /thongke, /export) silently answered for the current year.
6. A non-admin pressing a forged `role:grant:<id>` was told the tool is for organisers.
7. The privacy texts left periods out, named no controller, and /baomat told someone not
   registered to press a button it did not show.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from db.models import AuditEntry
from tests.conftest import ADMIN, AN, BINH, EMMA, Harness, Restartable

PRIVACY_FACTS = (
    "Lưu đến khi bạn xóa dữ liệu",
    "giữ 7 ngày",
    "mã cuộc trò chuyện, mã tin nhắn, ngôn ngữ — lưu đến khi bạn xóa dữ liệu",
    "giữ lâu dài để kiểm tra; khi bạn xóa dữ liệu, các mục về bạn được ẩn danh",
    "Lượt bạn xóa bằng /hoantac cũng được lưu đến lúc đó (đánh dấu đã xóa, không được tính)",
    "Bên kiểm soát dữ liệu, nơi liên hệ:</b> ban tổ chức Tuần lễ của cơ quan bạn",
    "mã định danh (ID) và tên người dùng (username) Telegram",
    "được ẩn danh",
)
GHOST = FakeUser(555_000_111, "Ghost", "vi", "ghost")


async def test_grant_to_someone_not_registered_says_they_must_register(bot: Harness) -> None:
    await bot.say(GHOST, "chủ đề năm nay là gì")  # messaged the bot, never registered
    for ref in ("@ghost", "555000111"):
        reply = await bot.say(ADMIN, f"/grant {ref}")
        assert reply is not None and "/hoso" in reply.text
        assert "nhắn tin cho bot ít nhất một lần" not in reply.text
        assert "đăng ký" in reply.text


async def test_a_huge_argument_is_echoed_capped_in_one_message(bot: Harness) -> None:
    huge = "9" * 5_000
    for command in (f"/grant {huge}", f"/revoke {huge}", f"/diemdanh 1h{huge}"):
        before = len(bot.telegram.sent(ADMIN.id))
        await bot.say(ADMIN, command)
        replies = bot.telegram.sent(ADMIN.id)[before:]
        assert len(replies) == 1 and len(replies[0].text) < 300, command
        assert "…" in replies[0].text and "9" * 41 not in replies[0].text


@pytest.mark.parametrize(
    "command",
    [
        "/chude ²⁰²¹",
        "/theme 0",
        "/theme -2023",
        "/theme 2023abc",
        "/tuanle ٢٠٢١",
        "/thoigian 20233",
        "/khaimac 0999",
        "/thongke 2023abc",
        "/export ²⁰²¹",
        "/export csv -2023",
    ],
)
async def test_a_year_that_is_not_valid_is_refused(bot: Harness, command: str) -> None:
    reply = await bot.say(ADMIN, command)
    name = command.split()[0]
    assert reply is not None
    assert reply.text == f"Năm không hợp lệ — hãy gõ 4 chữ số, ví dụ {name} 2023."
    async with deps_of(bot.app).sessions() as session:  # nothing exported, nothing logged
        assert await session.scalar(select(func.count(AuditEntry.id))) == 0
    reply = await bot.say(EMMA, "/theme 0")
    assert reply is not None and reply.text.startswith("That is not a valid year")
    reply = await bot.say(AN, "/chude 2023")  # a valid one still works
    assert reply is not None and "Chủ đề Tuần lễ năm 2023" in reply.text


async def test_refusals_name_the_role_the_tool_needs(bot: Harness) -> None:
    await bot.register(BINH, "Trần Thị Bình")
    await bot.say(ADMIN, f"/grant {BINH.id}")
    confirmation = bot.last(ADMIN)
    await bot.feed(bot.factory.press(AN, confirmation, f"role:grant:{AN.id}"))  # as found
    assert (
        bot.telegram.calls[-1].params["text"]
        == "Xin lỗi, chức năng này chỉ dành cho quản trị viên."
    )
    await bot.press(ADMIN, f"role:grant:{BINH.id}")  # Bình is an organiser now
    for command in ("/grant @an_nguyen", "/revoke @an_nguyen", "/roles", "/audit"):
        reply = await bot.say(BINH, command)
        assert reply is not None and reply.text.endswith("chỉ dành cho quản trị viên."), command
    reply = await bot.say(BINH, "/export")
    assert reply is not None and "chỉ dành cho quản trị viên" in reply.text
    for command in ("/thongbao", "/thongke", "/lichnhac"):
        reply = await bot.say(AN, command)
        assert reply is not None
        assert reply.text.endswith("chỉ dành cho ban tổ chức và quản trị viên."), command
    reply = await bot.say(EMMA, "/roles")
    assert reply is not None and reply.text == "Sorry, this is for admins only."


async def test_privacy_states_every_period_and_who_controls_the_data(bot: Harness) -> None:
    reply = await bot.say(AN, "/baomat")  # not registered: no button, so none is mentioned
    assert reply is not None and reply.reply_markup is None
    assert "bấm nút bên dưới" not in reply.text and "gõ /xoadulieu" in reply.text
    for fact in PRIVACY_FACTS:
        assert fact in reply.text, fact
    assert "dấu ẩn danh" not in reply.text
    await bot.register(AN, "Nguyễn Văn An")
    reply = await bot.say(AN, "/baomat")
    assert reply is not None and "bấm nút bên dưới" in reply.text
    assert "del:ask" in str(reply.reply_markup)


async def test_the_notice_says_language_consent_time_and_asks_once_why(bot: Harness) -> None:
    reply = await bot.say(AN, "/diemdanh 45 đọc sách")
    assert reply is not None
    for fact in (
        "Đồng ý xử lý dữ liệu cá nhân",
        "ngôn ngữ của bạn và thời điểm bạn đồng ý",
        "mã định danh (ID) và tên người dùng (username) Telegram",
        "ban tổ chức Tuần lễ của cơ quan bạn",
        "tự xóa sau 7 ngày",
    ):
        assert fact in reply.text, fact
    assert "cho phép xử lý" not in reply.text
    await bot.agree(AN)
    said = " ".join(str(c.params.get("text", "")) for c in bot.telegram.calls)
    assert said.count("Để điểm danh, bạn cần đăng ký hồ sơ một lần.") == 1
    await bot.register(BINH, "Trần Thị Bình")
    await bot.say(ADMIN, f"/grant {BINH.id}")
    await bot.press(ADMIN, f"role:grant:{BINH.id}")
    reply = await bot.say(ADMIN, f"/revoke {BINH.id}")
    assert reply is not None and "Hãy kiểm tra đúng người trước khi xác nhận." in reply.text


async def test_privacy_contact_names_the_controller(restartable: Restartable) -> None:
    contact = "Phòng Tổ chức cán bộ <tccb@example.gov.vn>"
    restartable.configure(privacy_contact=contact)
    async with restartable.started() as bot:
        reply = await bot.say(AN, "/baomat")
        assert reply is not None
        assert "Phòng Tổ chức cán bộ &lt;tccb@example.gov.vn&gt;" in reply.text
        reply = await bot.say(AN, "/hoso")
        assert reply is not None and "tccb@example.gov.vn" in reply.text
