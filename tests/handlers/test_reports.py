"""Admin reports: figures, views, files, chart, privacy — and who may see what."""

from __future__ import annotations

import csv
import io
import struct
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from db.models import AuditEntry, Checkin, User
from db.queries.users import set_role
from tests.conftest import ADMIN, AN, BINH, Harness, vn
from tests.test_cli import run

ORG = FakeUser(2001, "Tổ chức", "vi", "to_chuc")
CHI = FakeUser(1004, "Chi", "vi")
DUNG = FakeUser(1005, "Dũng", "vi")


async def seed(bot: Harness) -> None:
    """4 registered in 3 units; 3 take part; check-ins inside and outside the week."""
    bot.clock.set(vn(2023, 9, 30, 9, 0))
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Quản lý Khoa học")
    await bot.agree(AN)
    await bot.say(BINH, "/hoso Trần Thị Bình | Phòng Quản lý Khoa học")
    await bot.agree(BINH)
    await bot.say(ORG, "/hoso Lê Tổ Chức | Văn phòng Sở")
    await bot.agree(ORG)
    await bot.say(AN, "/diemdanh 50 trước tuần lễ: không tính")
    bot.clock.set(vn(2023, 10, 2, 9, 0))
    await bot.say(AN, '/diemdanh 30 đọc sách "Tự học", phần 1')
    bot.clock.set(vn(2023, 10, 3, 21, 0))
    await bot.say(AN, "/diemdanh 1h30 khóa học trực tuyến")
    await bot.say(BINH, "/diemdanh 45 hội thảo")
    await bot.say(CHI, "/hoso Phạm Chi | Phòng Tổng hợp")  # registered mid-week
    await bot.agree(CHI)
    await bot.say(CHI, "/diemdanh 20")
    await bot.say(CHI, "/diemdanh 10p")
    await bot.say(CHI, "/hoantac")
    await bot.press(
        CHI, next(b["callback_data"] for b in bot.last(CHI).reply_markup["inline_keyboard"][0])
    )
    bot.clock.set(vn(2023, 10, 9, 8, 0))
    await bot.say(BINH, "/diemdanh 60 sau tuần lễ: không tính")
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, ORG.id, "organiser")
    bot.clock.set(vn(2023, 10, 4, 10, 0))


async def test_stats_summary_matches_hand_computed_figures(bot: Harness) -> None:
    await seed(bot)
    reply = await bot.say(ORG, "/thongke")
    assert reply is not None
    # registered 4; participants An, Bình, Chi = 3 (75,0%); check-ins 2 + 1 + 1 = 4
    # (Chi's second one was undone); minutes 30 + 90 + 45 + 20 = 185, 61.7 → 1 giờ 2 phút each
    assert "Cán bộ đã đăng ký: <b>4</b>" in reply.text
    assert "Tham gia (có điểm danh): <b>3</b> — tỷ lệ <b>75,0%</b>" in reply.text
    assert "Lượt điểm danh: <b>4</b>" in reply.text
    assert "<b>3 giờ 5 phút</b> (bình quân 1 giờ 2 phút" in reply.text
    assert "<b>Hôm nay</b> (04/10/2023): 0 người" in reply.text
    data = {b["callback_data"] for row in reply.reply_markup["inline_keyboard"] for b in row}
    assert data == {"rp:day:2023", "rp:unit:2023", "rp:chart:2023"}  # no personal views
    admin_reply = await bot.say(ADMIN, "/stats 2023")
    assert admin_reply is not None
    admin_data = {
        b["callback_data"] for row in admin_reply.reply_markup["inline_keyboard"] for b in row
    }
    assert {"rp:top:2023", "rp:xlsx:2023", "rp:csv:2023"} <= admin_data


async def test_by_day_and_by_unit(bot: Harness) -> None:
    await seed(bot)
    await bot.say(ORG, "/stats")
    day = await bot.press(ORG, "rp:day:2023")
    assert day is not None
    assert "• Thứ Hai 02/10/2023: 1 người · 1 lượt · 30 phút" in day.text
    assert "• Thứ Ba 03/10/2023: 3 người · 3 lượt · 2 giờ 35 phút" in day.text
    assert "• Chủ nhật 08/10/2023: 0 người · 0 lượt · 0 phút" in day.text
    await bot.say(ORG, "/stats")
    unit = await bot.press(ORG, "rp:unit:2023")
    assert unit is not None
    lines = [line for line in unit.text.splitlines() if line.startswith("• ")]
    assert lines == [
        "• Phòng Quản lý Khoa học: 2/2 người (100,0%) · 2 giờ 45 phút",
        "• Phòng Tổng hợp: 1/1 người (100,0%) · 20 phút",
        "• Văn phòng Sở: 0/1 người (0,0%) · 0 phút",
    ]


async def test_personal_data_is_for_admins_only(bot: Harness) -> None:
    await seed(bot)
    await bot.say(ORG, "/stats")
    message = bot.last(ORG)
    for view in ("top", "xlsx", "csv"):
        await bot.feed(bot.factory.press(ORG, message, f"rp:{view}:2023"))
        assert "chỉ dành cho quản trị viên" in bot.telegram.calls[-1].params["text"]
    reply = await bot.say(ORG, "/export csv")
    assert reply is not None and "chỉ dành cho quản trị viên" in reply.text
    reply = await bot.say(AN, "/thongke")
    assert reply is not None and "chỉ dành cho ban tổ chức" in reply.text
    assert not any(m.media for m in bot.telegram.sent(ORG.id) + bot.telegram.sent(AN.id))


async def test_top_learners_for_admins(bot: Harness) -> None:
    await seed(bot)
    await bot.say(ADMIN, "/stats")
    reply = await bot.press(ADMIN, "rp:top:2023")
    assert reply is not None
    assert "1. Nguyễn Văn An — Phòng Quản lý Khoa học: 2 giờ (2 ngày)" in reply.text
    assert "3. Phạm Chi — Phòng Tổng hợp: 20 phút (1 ngày)" in reply.text


async def test_xlsx_export_has_the_sheets_types_and_totals(bot: Harness) -> None:
    await seed(bot)
    await bot.say(ADMIN, "/stats")
    await bot.press(ADMIN, "rp:xlsx:2023")
    sent = bot.telegram.sent(ADMIN.id)[-1]
    assert sent.media == ("document", "tuan-le-hoc-tap-suot-doi-2023.xlsx") and sent.upload
    assert "sendChatAction" in bot.telegram.methods()
    wb = load_workbook(io.BytesIO(sent.upload))
    assert wb.sheetnames == ["Tổng quan", "Theo ngày", "Theo đơn vị", "Chi tiết"]
    summary = {row[0]: row[1] for row in wb["Tổng quan"].iter_rows(min_row=2, values_only=True)}
    assert summary["Đã đăng ký"] == 4 and summary["Tham gia"] == 3
    assert summary["Tỷ lệ tham gia"] == pytest.approx(0.75) and summary["Số phút"] == 185
    days = list(wb["Theo ngày"].iter_rows(min_row=2, values_only=True))
    assert len(days) == 7 and isinstance(days[0][0], datetime) and days[1][1:] == (3, 3, 155)
    detail = wb["Chi tiết"]
    assert detail.freeze_panes == "A2" and detail.column_dimensions["D"].width == 28
    rows = list(detail.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4 and sum(r[5] for r in rows) == 185
    first = rows[0]
    assert first[1] == datetime(2023, 10, 2) and first[3] == "Nguyễn Văn An"
    assert first[6] == "Đọc sách/tài liệu" and first[7] == 'đọc sách "Tự học", phần 1'
    assert detail.cell(row=1, column=1).font.bold
    async with deps_of(bot.app).sessions() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert actions[-1] == "export"


async def test_csv_round_trips_vietnamese(bot: Harness) -> None:
    await seed(bot)
    await bot.say(ADMIN, "/export csv 2023")
    data = bot.telegram.sent(ADMIN.id)[-1].upload
    assert data is not None and data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "Mã người dùng (số nội bộ của bot, không phải ID Telegram)",
        "Ngày",
        "Giờ",
        "Họ và tên",
        "Đơn vị",
        "Số phút",
        "Hoạt động",
        "Ghi chú",
    ]
    assert rows[1] == [
        rows[1][0],  # An's number: see test_csv_tells_two_people_of_one_name_apart
        "02/10/2023",
        "09:00",
        "Nguyễn Văn An",
        "Phòng Quản lý Khoa học",
        "30",
        "Đọc sách/tài liệu",
        'đọc sách "Tự học", phần 1',
    ]
    assert len(rows) == 5


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


async def test_chart_is_a_sensible_png(bot: Harness) -> None:
    await seed(bot)
    await bot.say(ORG, "/stats")
    reply = await bot.press(ORG, "rp:chart:2023")
    assert reply is not None and reply.media is not None and reply.media[0] == "photo"
    assert reply.upload is not None and 20_000 < len(reply.upload) < 2_000_000
    width, height = png_size(reply.upload)
    assert 1000 <= width <= 1600 and 1200 <= height <= 1600
    assert "người tham gia và thời gian tự học theo ngày" in reply.text


async def test_many_units_are_split_not_cut(bot: Harness) -> None:
    users = [FakeUser(40_000 + i, f"U{i}") for i in range(150)]
    for i, user in enumerate(users):
        await bot.say(user, f"/hoso Cán bộ {i} | Phòng ban số {i:03d} có tên khá dài để thử")
        await bot.agree(user)
    await bot.say(ADMIN, "/hoso Quản trị | Ban Giám đốc")
    await bot.agree(ADMIN)
    await bot.say(ADMIN, "/stats")
    before = len(bot.telegram.sent(ADMIN.id))
    await bot.press(ADMIN, "rp:unit:2023")
    parts = bot.telegram.sent(ADMIN.id)[before:]
    assert len(parts) >= 2
    listed = sum(line.startswith("• ") for p in parts for line in p.text.splitlines())
    assert listed == 151


async def test_privacy_and_deleting_my_data(bot: Harness) -> None:
    await seed(bot)
    reply = await bot.say(AN, "/baomat")
    assert reply is not None and "/xoadulieu" in reply.text and "chỉ quản trị viên" in reply.text
    reply = await bot.say(AN, "/xoadulieu")
    assert reply is not None and "không hoàn tác" in reply.text
    kept = await bot.press(AN, "del:no")
    assert kept is not None and "giữ nguyên" in kept.text
    await bot.say(AN, "/deletemydata")
    gone = await bot.press(AN, "del:yes")
    assert gone is not None and "Đã xóa hồ sơ" in gone.text
    async with deps_of(bot.app).sessions() as session:
        assert await session.scalar(select(User).where(User.telegram_id == AN.id)) is None
        assert await session.scalar(select(func.count(Checkin.id))) == 4  # Bình's and Chi's
    reply = await bot.say(ORG, "/stats")
    assert reply is not None and "Cán bộ đã đăng ký: <b>3</b>" in reply.text
    reply = await bot.say(AN, "/xoadulieu")
    assert reply is not None and "không lưu hồ sơ nào" in reply.text


def test_export_from_the_shell(tmp_path: Path) -> None:
    script = "/hoso Nguyễn Văn An | Phòng A\n1\n/diemdanh 45 đọc sách\n"
    run(
        [],
        tmp_path,
        stdin=script,
        BOT_CLOCK_START="2023-10-03T09:00:00+07:00",
        DISPATCH_INTERVAL_SECONDS="0",
    )
    out = tmp_path / "report.xlsx"
    result = run(["export", "--year", "2023", "--format", "xlsx", "-o", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Wrote 1 check-ins" in result.stdout
    assert load_workbook(out)["Chi tiết"].max_row == 2
    csv_out = tmp_path / "report.csv"
    assert (
        run(
            ["export", "--format", "csv", "--year", "2023", "-o", str(csv_out)], tmp_path
        ).returncode
        == 0
    )
    assert "Nguyễn Văn An" in csv_out.read_text("utf-8-sig")
    assert '"03/10/2023"' in csv_out.read_text("utf-8-sig")
    assert date(2023, 10, 3).isoformat() not in csv_out.read_text("utf-8-sig")
