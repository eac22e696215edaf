"""The commendation workbook read back: sheets, the bar written at the top, ranks, rates as
real percentages, names that look like formulas kept as text."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import load_workbook

from bot.core.bar import Bar
from bot.core.editions import load_editions
from bot.services.commendations import Commendations, RankedPerson, RankedUnit
from bot.ui.files.commendations_xlsx import build_commendations_xlsx
from bot.ui.texts import En, Vi
from db.queries.stats import EditionStats, UnitRow
from tests.conftest import VN, vn

EDITION = load_editions().get(2023)
assert EDITION is not None
EVIL = '=HYPERLINK("http://evil.example","Bấm")'


def sample(roster: bool = False, min_minutes: int = 0) -> Commendations:
    people = (
        RankedPerson(1, "Trần Thị Bình", "Phòng A", 7, 300, 8),
        RankedPerson(2, "Nguyễn Văn An", "Phòng A", 5, 150, 5),
        RankedPerson(2, EVIL, "#N/A", 5, 150, 6),
    )
    if roster:
        a = UnitRow("Phòng A", 3, 2, 450, headcount=4, unregistered=1, on_roster=2, off_roster=0)
        b = UnitRow("#N/A", 1, 1, 150, headcount=4, unregistered=3, on_roster=1, off_roster=0)
    else:
        a, b = UnitRow("Phòng A", 3, 2, 450), UnitRow("#N/A", 1, 1, 150)
    stats = EditionStats(2023, 4, 3, 19, 600, (), (a, b), headcount=8 if roster else None)
    return Commendations(
        EDITION,
        Bar.of(EDITION, 5, min_minutes),
        people,
        4,
        (RankedUnit(1, a, 2), RankedUnit(2, b, 1)),
        stats,
        vn(2023, 10, 9, 8, 30),
    )


def read(found: Commendations, t: type = Vi):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(build_commendations_xlsx(t, found, VN)))


def test_people_sheet_has_the_bar_at_the_top_and_the_ranked_rows() -> None:
    wb = read(sample(min_minutes=120))
    assert wb.sheetnames == ["Cá nhân", "Đơn vị", "Tiêu chí"]
    ws = wb["Cá nhân"]
    top = [ws.cell(row=r, column=1).value for r in range(1, 5)]
    assert top[0] == "DANH SÁCH CÁ NHÂN ĐẠT TIÊU CHÍ ĐỀ NGHỊ KHEN THƯỞNG"
    assert top[1] == "Tuần lễ hưởng ứng học tập suốt đời năm 2023 (từ 02/10/2023 đến 08/10/2023)"
    assert top[2] == (
        "Tiêu chí: học ít nhất 5/7 ngày của Tuần lễ, tổng thời gian tự học ít nhất 2 giờ "
        "(một ngày học là một ngày có ít nhất một lượt điểm danh)."
    )
    assert top[3].startswith("Chỉ ghi người đạt tiêu chí: 3/4 người tham gia.")
    assert ws.cell(row=1, column=1).font.bold
    header = [c.value for c in ws[6]]
    assert header == [
        "STT",
        "Hạng",
        "Họ và tên",
        "Đơn vị",
        "Số ngày học",
        "Số phút",
        "Số giờ",
        "Lượt điểm danh",
        "Ghi chú",
    ]
    assert all(c.font.bold for c in ws[6])
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref == "A6:I9"
    assert ws.column_dimensions["C"].width == 32
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    assert rows[0] == (1, 1, "Trần Thị Bình", "Phòng A", 7, 300, 5, 8, None)
    assert [r[:2] for r in rows] == [(1, 1), (2, 2), (3, 2)]  # ties share rank 2
    assert ws.cell(row=7, column=7).number_format == "0.0"


def test_a_formula_looking_name_stays_text() -> None:
    wb = read(sample())
    cell = wb["Cá nhân"].cell(row=9, column=3)
    assert cell.value == EVIL and cell.data_type == "s"
    unit = wb["Cá nhân"].cell(row=9, column=4)
    assert unit.value == "#N/A" and unit.data_type == "s"
    # Nowhere in the workbook a live formula or an error value.
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type in {"s", "n", "d"} for c in row if c.value is not None)


def test_units_sheet_without_a_roster() -> None:
    ws = read(sample())["Đơn vị"]
    assert ws.cell(row=3, column=1).value.startswith("Tỷ lệ tham gia = số người có điểm danh")
    assert ws.cell(row=4, column=1).value.startswith("Tiêu chí: học ít nhất 5/7 ngày")
    assert [c.value for c in ws[6]] == [
        "Hạng",
        "Đơn vị",
        "Đã đăng ký",
        "Tham gia",
        "Tỷ lệ tham gia",
        "Cá nhân đạt tiêu chí",
        "Số phút",
    ]
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    assert rows == [(1, "Phòng A", 3, 2, 2 / 3, 2, 450), (2, "#N/A", 1, 1, 1.0, 1, 150)]
    assert ws.cell(row=7, column=5).number_format == "0.0%" and ws.freeze_panes == "A7"


def test_units_sheet_with_a_roster() -> None:
    ws = read(sample(roster=True))["Đơn vị"]
    assert "số cán bộ theo danh sách của đơn vị" in ws.cell(row=3, column=1).value
    assert [c.value for c in ws[6]][2:6] == [
        "Cán bộ theo danh sách",
        "Đã đăng ký",
        "Tham gia",
        "Tham gia trong danh sách",
    ]
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    assert rows[0] == (1, "Phòng A", 4, 3, 2, 2, 0.5, 2, 450)


def test_criteria_sheet() -> None:
    ws = read(sample(min_minutes=120))["Tiêu chí"]
    values = {r[0]: r[1] for r in ws.iter_rows(min_row=4, values_only=True)}
    assert values["Số ngày của Tuần lễ"] == 7 and values["Số ngày học tối thiểu"] == 5
    assert values["Số phút tự học tối thiểu (0: không yêu cầu)"] == 120
    assert values["Tỷ lệ tham gia tính trên"] == "Số cán bộ đã đăng ký"
    assert values["Tạo lúc"] == datetime(2023, 10, 9, 8, 30)
    assert values["Ngày bắt đầu"] == datetime(2023, 10, 2)
    assert (values["Số người tham gia"], values["Số cá nhân đạt tiêu chí"]) == (4, 3)


def test_nobody_meets_the_bar() -> None:
    found = sample()
    empty = Commendations(found.edition, found.bar, (), 2, (), found.stats, found.made_at)
    wb = read(empty)
    assert wb["Cá nhân"].cell(row=4, column=1).value.endswith("Chưa có ai đạt tiêu chí.")
    assert wb["Cá nhân"].max_row == 6  # the header, no rows
    assert (
        wb["Đơn vị"].cell(row=3, column=1).value.endswith("Chưa có đơn vị nào có người tham gia.")
    )


def test_english_texts_build_too() -> None:
    wb = read(sample(), En)
    assert wb.sheetnames == ["People", "Units", "Criteria"]
