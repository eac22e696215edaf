"""/thongke against a roster, and /followup (/theodoi): names for admins (as an XLSX when
long), counts for organisers, officials refused; through the real Application."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from bot.ui.tg_html import parsed_length
from db.models import AuditEntry, User
from db.queries.users import set_role
from tests.conftest import ADMIN, AN, Harness, vn
from tests.handlers.test_reports import ORG, seed
from tests.services.roster_data import add_people

QLKH = "Phòng Quản lý Khoa học"


async def user_ids(bot: Harness) -> dict[str, int]:
    async with deps_of(bot.app).sessions() as s:
        return {n or "": i for n, i in await s.execute(select(User.full_name, User.id))}


async def with_roster(bot: Harness) -> None:
    """The seed (An, Bình in QLKH; Lê Tổ Chức in Văn phòng Sở; Chi in Tổng hợp) plus a
    roster: QLKH has 4 people (An linked), Văn phòng Sở 2 (the organiser linked), a unit
    nobody registered in has 3, one of them with a name full of HTML."""
    await seed(bot)
    ids = await user_ids(bot)
    sessions = deps_of(bot.app).sessions
    await add_people(
        sessions,
        QLKH,
        ["Nguyễn Văn An", "Trần Thị Bình", "Hoàng Cường", "Vũ Duy"],
        linked={"Nguyễn Văn An": ids["Nguyễn Văn An"]},
        codes=True,
    )
    await add_people(
        sessions, "Văn phòng Sở", ["Lê Tổ Chức", "Đỗ Hà"], linked={"Lê Tổ Chức": ids["Lê Tổ Chức"]}
    )
    await add_people(sessions, "Phòng Thanh tra", ["<b>Lan</b> & Co", "Mai", "Ngọc"])


async def test_stats_against_the_roster(bot: Harness) -> None:
    await with_roster(bot)
    reply = await bot.say(ORG, "/thongke")
    assert reply is not None
    # On the roster: 4 + 2 + 3 = 9, linked 2 -> 7 not registered. 3 took part, but only An
    # is on the list (Bình is not linked to her row, Chi's unit has no list): 1/9 = 11,1%,
    # and the two others are counted apart, as are the two registered off the list.
    assert "Cán bộ theo danh sách: <b>9</b> (chưa đăng ký: <b>7</b>)" in reply.text
    assert (
        "Cán bộ đã đăng ký: <b>4</b> (trong đó 2 người đăng ký không có trong danh sách)"
        in reply.text
    )
    assert (
        "Tham gia (có điểm danh): <b>1</b>/9 người trong danh sách — tỷ lệ <b>11,1%</b>"
        in reply.text
    )
    assert "Người tham gia ngoài danh sách: <b>2</b> (không tính vào tỷ lệ)" in reply.text
    assert "tính trên số cán bộ theo danh sách" in reply.text
    by_unit = await bot.press(ORG, "rp:unit:2023")
    assert by_unit is not None
    lines = by_unit.text.splitlines()[2:]
    assert lines == [
        f"• {QLKH}: 1/4 người (25,0%) · 2 giờ 45 phút · chưa đăng ký: 3 · ngoài danh sách: 1",
        "• Phòng Thanh tra: 0/3 người (0,0%) · 0 phút · chưa đăng ký: 3",
        "• Văn phòng Sở: 0/2 người (0,0%) · 0 phút · chưa đăng ký: 1",
        # Chi's unit has nobody on the roster: no rate to give, and it comes last.
        "• Phòng Tổng hợp: 0/0 người (—) · 20 phút · chưa đăng ký: 0 · ngoài danh sách: 1",
    ]
    # The 2021 week still counts 2021 only.
    older = await bot.say(ORG, "/thongke 2021")
    assert older is not None and "Tham gia (có điểm danh): <b>0</b>" in older.text


async def test_xlsx_by_unit_sheet_has_headcount_columns(bot: Harness) -> None:
    await with_roster(bot)
    await bot.say(ADMIN, "/export xlsx 2023")
    upload = bot.last(ADMIN).upload
    assert upload is not None
    wb = load_workbook(io.BytesIO(upload))
    summary = {r[0]: r[1] for r in wb["Tổng quan"].iter_rows(min_row=2, values_only=True)}
    assert summary["Cán bộ theo danh sách"] == 9 and summary["Chưa đăng ký"] == 7
    assert summary["Tỷ lệ tham gia"] == pytest.approx(1 / 9)
    assert summary["Tham gia"] == 3 and summary["Tham gia trong danh sách"] == 1
    assert summary["Tham gia ngoài danh sách"] == 2
    assert summary["Đăng ký nhưng không có trong danh sách"] == 2
    assert summary["Tỷ lệ tham gia tính trên"] == "Số cán bộ theo danh sách"
    ws = wb["Theo đơn vị"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "Đơn vị",
        "Cán bộ theo danh sách",
        "Đã đăng ký",
        "Chưa đăng ký",
        "Tham gia",
        "Tham gia trong danh sách",
        "Tham gia ngoài danh sách",
        "Tỷ lệ tham gia",
        "Số phút",
    )
    assert rows[1] == (QLKH, 4, 2, 3, 2, 1, 1, 0.25, 165)
    assert rows[-1] == ("Phòng Tổng hợp", 0, 1, 0, 1, 0, 1, None, 20)
    assert all(rate is None or rate <= 1 for *_, rate, _minutes in rows[1:])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:I{len(rows)}"
    assert ws.column_dimensions["A"].width == 42 and ws.column_dimensions["B"].width == 16
    assert ws.cell(row=2, column=8).number_format == "0.0%"


async def test_followup_without_a_roster(bot: Harness) -> None:
    await seed(bot)
    reply = await bot.say(ADMIN, "/theodoi")
    assert reply is not None
    assert "Đã đăng ký nhưng chưa điểm danh: <b>1</b>" in reply.text
    assert "chưa biết ai chưa đăng ký" in reply.text
    assert "🏢 <b>Văn phòng Sở</b>\nChưa điểm danh (1):\n  – Lê Tổ Chức · @to_chuc" in reply.text


async def test_followup_names_for_admins_counts_for_organisers(bot: Harness) -> None:
    await with_roster(bot)
    bot.clock.set(vn(2023, 10, 5, 9))
    reply = await bot.say(ADMIN, "/followup")
    assert reply is not None
    text = reply.text
    assert "Chưa đăng ký: <b>7</b> · Đã đăng ký nhưng chưa điểm danh: <b>1</b>" in text
    assert "  – &lt;b&gt;Lan&lt;/b&gt; &amp; Co" in text  # escaped, sent as HTML
    assert "  – Hoàng Cường (mã CB" in text and "Trần Thị Bình" in text
    assert "chưa biết ai" not in text
    org = await bot.say(ORG, "/theodoi")
    assert org is not None
    assert f"• {QLKH}: chưa đăng ký <b>3</b> · chưa điểm danh <b>0</b>" in org.text
    assert "Hoàng Cường" not in org.text and "Lan" not in org.text
    assert "chỉ dành cho quản trị viên" in org.text
    refused = await bot.say(AN, "/theodoi")
    assert refused is not None and "chỉ dành cho ban tổ chức và quản trị viên" in refused.text
    async with deps_of(bot.app).sessions() as s:
        entries = list(
            await s.scalars(select(AuditEntry).where(AuditEntry.action == "followup_list"))
        )
    assert [e.params for e in entries] == [
        {"year": 2023, "names": True, "not_registered": 7, "not_checked_in": 1},
        {"year": 2023, "names": False, "not_registered": 7, "not_checked_in": 1},
    ]
    # The role is read at the moment: once it is taken away, the organiser is refused.
    async with deps_of(bot.app).sessions() as s, s.begin():
        await set_role(s, ORG.id, None)
    refused = await bot.say(ORG, "/theodoi")
    assert refused is not None and "chỉ dành cho ban tổ chức" in refused.text


async def test_long_names_are_split_never_over_the_limit(bot: Harness) -> None:
    await seed(bot)
    # 100 characters each: the longest name the roster stores (PostgreSQL enforces it).
    long_names = [(f"Người thứ {i:02d} " + "có họ tên rất dài " * 6)[:100] for i in range(44)]
    await add_people(deps_of(bot.app).sessions, "Phòng Thanh tra", long_names)
    before = len(bot.telegram.sent(ADMIN.id))
    await bot.say(ADMIN, "/theodoi")
    parts = bot.telegram.sent(ADMIN.id)[before:]
    # Telegram's limit counts the parsed text (tags and entities resolved).
    assert len(parts) >= 2 and all(parsed_length(p.text) <= 4096 for p in parts)
    assert not any(p.upload for p in parts)  # 45 names: in the chat
    listed = [line for p in parts for line in p.text.splitlines() if line.startswith("  – ")]
    assert len(listed) == 45


async def test_a_long_list_comes_as_an_excel_file(bot: Harness) -> None:
    await seed(bot)
    people = [f"Cán bộ {i:03d}" for i in range(120)]
    await add_people(deps_of(bot.app).sessions, "Phòng Thanh tra", people, codes=True)
    for i in range(3):  # registered without a check-in
        await bot.register(FakeUser(50_000 + i, f"Mới {i}"), unit="Phòng Thanh tra")
    before = len(bot.telegram.sent(ADMIN.id))
    await bot.say(ADMIN, "/theodoi 2023")
    text, document = bot.telegram.sent(ADMIN.id)[before:]
    assert "• Phòng Thanh tra: chưa đăng ký <b>120</b> · chưa điểm danh <b>3</b>" in text.text
    assert "Cán bộ 001" not in text.text and "tệp Excel" in text.text
    assert document.media == ("document", "can-theo-doi-2023.xlsx") and document.upload
    ws = load_workbook(io.BytesIO(document.upload))["Cần theo dõi"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Đơn vị", "Họ và tên", "Tình trạng", "Mã cán bộ", "Telegram")
    statuses = [r[2] for r in rows[1:]]
    assert len(rows) == 1 + 124  # 120 + Lê Tổ Chức + 3 new
    assert statuses.count("Chưa đăng ký") == 120 and statuses.count("Chưa điểm danh") == 4
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:E125"
    assert rows[1][:2] == ("Phòng Thanh tra", "Cán bộ 000") and rows[1][3]


async def test_followup_refuses_a_bad_year(bot: Harness) -> None:
    await seed(bot)
    reply = await bot.say(ADMIN, "/theodoi 1999")
    assert reply is not None and "Không có Tuần lễ năm 1999" in reply.text
    reply = await bot.say(ADMIN, "/theodoi abc")
    assert reply is not None and "/theodoi 2023" in reply.text
