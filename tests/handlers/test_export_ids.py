"""Issue 13, defect 18, through the bot: the CSV tells two people of one name apart by the
bot's own number for them, not their Telegram id; the workbook says which edition and when."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from openpyxl import load_workbook
from sqlalchemy import select

from bot.context import deps_of
from db.models import User
from tests.conftest import ADMIN, AN, BINH, Harness, vn


async def test_two_people_of_one_name_in_the_exports(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    for user, unit in ((AN, "Phòng A"), (BINH, "Phòng B")):
        await bot.say(user, f"/hoso Nguyễn Văn An | {unit}")
        await bot.agree(user)
        await bot.say(user, "/diemdanh 30 đọc sách")
    async with deps_of(bot.app).sessions() as session:
        ids = {t: i for t, i in await session.execute(select(User.telegram_id, User.id))}
    await bot.say(ADMIN, "/export csv 2023")
    data = bot.telegram.sent(ADMIN.id)[-1].upload
    assert data is not None
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0].startswith("Mã người dùng")
    got = {(r[0], r[4]) for r in rows[1:]}
    assert got == {(str(ids[AN.id]), "Phòng A"), (str(ids[BINH.id]), "Phòng B")}
    assert not {str(AN.id), str(BINH.id)} & {r[0] for r in rows[1:]}
    assert {r[1] for r in rows[1:]} == {"03/10/2023"}

    bot.clock.set(vn(2023, 10, 4, 16, 45))
    await bot.say(ADMIN, "/export 2023")
    xlsx = bot.telegram.sent(ADMIN.id)[-1].upload
    assert xlsx is not None
    wb = load_workbook(io.BytesIO(xlsx))
    summary = {r[0]: r[1] for r in wb["Tổng quan"].iter_rows(min_row=2, values_only=True)}
    assert summary["Tuần lễ"] == "Tuần lễ hưởng ứng học tập suốt đời năm 2023"
    assert summary["Tạo lúc"] == datetime(2023, 10, 4, 16, 45)
    assert wb["Chi tiết"].auto_filter.ref == "A1:H3"
