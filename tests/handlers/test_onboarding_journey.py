"""Issue 14 end to end, across its parts: an admin imports the staff list, takes the invite
links, a new official registers through their unit's link with one typed answer and is
matched to the list, and the figures count against the headcount."""

from __future__ import annotations

from sqlalchemy import select

from bot.context import deps_of
from db.models import RosterPerson, User
from tests.conftest import ADMIN, AN, Harness, callback_data
from tests.roster_files import workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STAFF = [
    ["Họ và tên", "Phòng ban", "Email"],
    ["Nguyễn Văn An", "Phòng Kế toán", "an@example.gov.vn"],
    ["Trần Thị Bình", "Phòng Kế toán", ""],
    ["Lê Văn Cường", "Phòng Tổng hợp", ""],
]


async def test_from_a_staff_list_to_a_matched_official_and_figures_over_headcount(
    bot: Harness,
) -> None:
    await bot.say(ADMIN, "/danhsach")
    await bot.feed(bot.factory.document(ADMIN, workbook(STAFF), "ds.xlsx", XLSX))
    preview = bot.last(ADMIN)
    assert "3 người, 2 đơn vị" in preview.text
    [imp] = [d for d in callback_data(preview) if d.startswith("ro:imp:")]
    done = await bot.press(ADMIN, imp)
    assert done is not None and "3 người" in done.text

    await bot.say(ADMIN, "/moi")
    links = "\n".join(m.text for m in bot.telegram.sent(ADMIN.id) if m.media is None)
    link = f"https://t.me/{bot.app.bot.username}?start=u-phong-ke-toan"
    assert link in links

    # The official opens the link, agrees to the data notice, types only the name.
    await bot.say(AN, "/start " + link.rsplit("=", 1)[1])
    await bot.agree(AN)
    reply = await bot.say(AN, "nguyen van an")
    assert reply is not None and "Bạn có trong danh sách cán bộ của Phòng Kế toán" in reply.text
    async with deps_of(bot.app).sessions() as s:
        user_id = await s.scalar(select(User.id).where(User.telegram_id == AN.id))
        linked = await s.scalar(
            select(RosterPerson.full_name).where(RosterPerson.user_id == user_id)
        )
        stored = await s.scalar(select(RosterPerson.full_name).where(RosterPerson.id > 0))
    assert linked == "Nguyễn Văn An" and stored is not None
    # E-mail addresses were read past, never stored (minimal data).
    async with deps_of(bot.app).sessions() as s:
        rows = (await s.execute(select(RosterPerson.__table__))).all()
    assert not any("example.gov.vn" in str(value) for row in rows for value in row)

    # The figures now count against the staff list: 3 people, 2 not registered yet.
    stats = await bot.say(ADMIN, "/thongke")
    assert (
        stats is not None
        and "Cán bộ theo danh sách: <b>3</b> (chưa đăng ký: <b>2</b>)" in stats.text
    )
