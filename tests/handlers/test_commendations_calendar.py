"""/khenthuong and /lich end to end, and their command lines."""

from __future__ import annotations

import io
from pathlib import Path

from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import select

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from db.models import AuditEntry
from tests.conftest import ADMIN, AN, EMMA, Harness, vn
from tests.handlers.test_reports import ORG, seed
from tests.test_cli import run

STRANGER = FakeUser(5555, "Khách", "vi")


async def test_admin_gets_the_commendation_list(bot: Harness) -> None:
    await seed(bot)
    reply = await bot.say(ADMIN, "/khenthuong 2023")
    assert reply is not None and reply.upload is not None
    assert reply.media == ("document", "khen-thuong-tuan-le-2023.xlsx")
    # Nobody studied 5 of the 7 days in the seeded week: nobody meets the default bar.
    assert "Danh sách đề nghị khen thưởng — Tuần lễ năm 2023: 0 cá nhân" in reply.text
    assert (
        "học ít nhất 5/7 ngày của Tuần lễ" in reply.text
        and "2 đơn vị có người tham gia" in reply.text
    )
    wb = load_workbook(io.BytesIO(reply.upload))
    assert wb.sheetnames == ["Cá nhân", "Đơn vị", "Tiêu chí"]
    units = list(wb["Đơn vị"].iter_rows(min_row=7, values_only=True))
    # The /stats figures: both units where someone took part, at 100%; the bigger first.
    assert [(u[0], u[1], u[4]) for u in units] == [
        (1, "Phòng Quản lý Khoa học", 1.0),
        (2, "Phòng Tổng hợp", 1.0),
    ]
    async with deps_of(bot.app).sessions() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert actions[-1] == "commendations"


async def test_the_bar_comes_from_the_settings(bot: Harness) -> None:
    await seed(bot)
    deps_of(bot.app).settings.cert_min_days = 2  # An studied on 2 days, Bình and Chi on 1
    reply = await bot.say(ADMIN, "/commendations")
    assert reply is not None and reply.upload is not None
    assert ": 1 cá nhân đạt tiêu chí (học ít nhất 2/7 ngày của Tuần lễ)" in reply.text
    rows = list(
        load_workbook(io.BytesIO(reply.upload))["Cá nhân"].iter_rows(min_row=7, values_only=True)
    )
    assert [r[:6] for r in rows] == [(1, 1, "Nguyễn Văn An", "Phòng Quản lý Khoa học", 2, 120)]


async def test_an_organiser_is_refused_and_an_unknown_year_is_said(bot: Harness) -> None:
    await seed(bot)
    reply = await bot.say(ORG, "/khenthuong")
    assert reply is not None and "chỉ dành cho quản trị viên" in reply.text
    reply = await bot.say(AN, "/commendations 2023")
    assert reply is not None and "chỉ dành cho quản trị viên" in reply.text
    assert not any(m.media for m in bot.telegram.sent(ORG.id) + bot.telegram.sent(AN.id))
    reply = await bot.say(ADMIN, "/khenthuong 2019")
    assert reply is not None and reply.media is None
    assert reply.text == "Bot chưa có thông tin về Tuần lễ năm 2019. Các năm bot có: 2021, 2023."
    reply = await bot.say(ADMIN, "/khenthuong abc")
    assert reply is not None and "Năm không hợp lệ" in reply.text


async def test_anyone_gets_the_calendar(bot: Harness) -> None:
    bot.clock.set(vn(2023, 9, 30, 9, 0))
    reply = await bot.say(STRANGER, "/lich")  # not registered
    assert reply is not None and reply.upload is not None
    assert reply.media == ("document", "tuan-le-hoc-tap-suot-doi-2023.ics")
    assert "từ 02/10/2023 đến 08/10/2023" in reply.text and "Thêm vào lịch" in reply.text
    assert "thông báo không nêu giờ" in reply.text
    cal = Calendar.from_ical(reply.upload)
    week = next(e for e in cal.walk("VEVENT") if str(e["uid"]).startswith("tuan-le-2023-week"))
    assert (week["dtstart"].dt.isoformat(), week["dtend"].dt.isoformat()) == (
        "2023-10-02",
        "2023-10-09",
    )
    english = await bot.say(EMMA, "/calendar 2021")
    assert english is not None and english.media == (
        "document",
        "tuan-le-hoc-tap-suot-doi-2021.ics",
    )
    assert "On a phone: tap the file" in english.text and "1 Oct 2021 to 7 Oct 2021" in english.text


async def test_an_unknown_year_for_the_calendar(bot: Harness) -> None:
    bot.clock.set(vn(2023, 9, 30, 9, 0))
    reply = await bot.say(STRANGER, "/lich 2030")
    assert reply is not None and reply.media is None
    assert reply.text == (
        "Chưa có thông tin về Tuần lễ năm 2030. Bot biết các năm: 2021, 2023. Ví dụ: /lich 2023."
    )
    # Before the 2023 notice was published, 2023 is not known yet either.
    bot.clock.set(vn(2022, 5, 1, 9, 0))
    reply = await bot.say(STRANGER, "/calendar 2023")
    assert reply is not None and "Bot biết các năm: 2021. Ví dụ: /calendar 2021." in reply.text


def test_both_files_from_the_shell(tmp_path: Path) -> None:
    script = "/hoso Nguyễn Văn An | Phòng A\n1\n/diemdanh 45 đọc sách\n"
    run([], tmp_path, stdin=script, BOT_CLOCK_START="2023-10-03T09:00:00+07:00")
    out = tmp_path / "kt.xlsx"
    result = run(["commendations", "--year", "2023", "-o", str(out)], tmp_path, CERT_MIN_DAYS="1")
    assert result.returncode == 0, result.stderr
    assert "1 of 1 participants meet the bar, 1 units ranked" in result.stdout
    rows = list(load_workbook(out)["Cá nhân"].iter_rows(min_row=7, values_only=True))
    assert [r[2:6] for r in rows] == [("Nguyễn Văn An", "Phòng A", 1, 45)]
    ics = tmp_path / "lich.ics"
    result = run(["calendar", "--year", "2023", "-o", str(ics)], tmp_path)
    assert result.returncode == 0, result.stderr
    cal = Calendar.from_ical(ics.read_bytes())
    assert {str(e["dtstart"].dt) for e in cal.walk("VEVENT")} == {"2023-10-02"}
    missing = run(["calendar", "--year", "2019", "-o", str(ics)], tmp_path)
    assert missing.returncode == 1 and "No edition for 2019" in missing.stderr


def test_the_caption_gives_the_opening_hour_only_when_known() -> None:
    from dataclasses import replace
    from datetime import time

    from bot.core.editions import load_editions
    from bot.ui.texts import En, Vi
    from handlers.calendar import _caption

    e = load_editions().get(2023)
    assert e is not None
    assert "khai mạc ngày 02/10/2023 (thông báo không nêu giờ" in _caption(Vi, e)
    timed = replace(e, opening_time=time(7, 30))
    assert "khai mạc lúc 07:30 ngày 02/10/2023.\n" in _caption(Vi, timed)
    assert "opening at 07:30 on 2 Oct 2023.\n" in _caption(En, timed)
