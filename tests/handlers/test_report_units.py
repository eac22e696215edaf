"""Issue 13, defect 11, as people see it: figures per edition, and no ghost units."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.conftest import ADMIN, AN, BINH, Harness, vn
from tests.handlers.test_reports import seed


async def test_stats_of_an_older_edition_count_nobody_registered_later(bot: Harness) -> None:
    await seed(bot)  # everyone registered in 2023
    reply = await bot.say(ADMIN, "/thongke 2021")
    assert reply is not None and "Cán bộ đã đăng ký: <b>0</b>" in reply.text
    by_unit = await bot.press(ADMIN, "rp:unit:2021")
    assert by_unit is not None and by_unit.text == "Chưa có đơn vị nào."
    reply = await bot.say(ADMIN, "/thongke 2023")
    assert reply is not None and "Cán bộ đã đăng ký: <b>4</b>" in reply.text


async def test_a_unit_left_empty_is_gone_from_reports_and_unit_buttons(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Cũ")
    await bot.agree(AN)
    await bot.say(BINH, "/hoso Trần Thị Bình | Phòng Mới")
    await bot.agree(BINH)
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Mới")  # the only member moves
    await bot.say(ADMIN, "/stats")
    by_unit = await bot.press(ADMIN, "rp:unit:2023")
    assert by_unit is not None and "Phòng Mới: 0/2 người" in by_unit.text
    assert "Phòng Cũ" not in by_unit.text
    await bot.press(ADMIN, "rp:xlsx:2023")
    xlsx = bot.telegram.sent(ADMIN.id)[-1].upload
    assert xlsx is not None
    units = [
        r[0]
        for r in load_workbook(io.BytesIO(xlsx))["Theo đơn vị"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert units == ["Phòng Mới"]
    # Someone new registering is offered the units people are in, not the empty one.
    await bot.say(ADMIN, "/hoso")
    await bot.agree(ADMIN)
    reply = await bot.say(ADMIN, "Quản Trị Viên")
    assert reply is not None and reply.reply_markup is not None
    offered = [b["text"] for row in reply.reply_markup["inline_keyboard"] for b in row]
    assert "Phòng Mới" in offered and "Phòng Cũ" not in offered
