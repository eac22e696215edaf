"""Issue 13, defect 18: the exports, read back.

Found as: dates in "Chi tiết" were yyyy-mm-dd while "Theo ngày" used dd/mm/yyyy; no sheet
had an autofilter; "Tổng quan" did not say which edition, its dates, or when the file was
made; the CSV had no id, so two people of the same name could not be told apart.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from bot.core.editions import load_editions
from bot.ui.files.csvfile import build_csv
from bot.ui.files.xlsx import build_xlsx
from bot.ui.texts import En, Texts, Vi
from db.queries.stats import DayRow, Detail, EditionStats, UnitRow
from tests.conftest import VN

EDITION = load_editions().get(2023)
assert EDITION is not None
MADE_AT = datetime(2023, 10, 9, 1, 30, 45, tzinfo=UTC)  # 08:30 in Vietnam
STATS = EditionStats(
    2023,
    3,
    2,
    3,
    75,
    tuple(DayRow(date(2023, 10, 2 + i), 0, 0, 0) for i in range(7)),
    (UnitRow("Phòng A", 2, 1, 30), UnitRow("Phòng B", 1, 1, 45)),
)
ROWS = [  # two people called the same
    Detail(
        date(2023, 10, 3),
        datetime(2023, 10, 3, 2, 0, tzinfo=UTC),
        "Nguyễn An",
        "Phòng A",
        30,
        "reading",
        "",
        11,
    ),
    Detail(
        date(2023, 10, 4),
        datetime(2023, 10, 4, 14, 5, tzinfo=UTC),
        "Nguyễn An",
        "Phòng B",
        45,
        "course",
        "",
        12,
    ),
]


def workbook(t: Texts = Vi):  # type: ignore[no-untyped-def]
    assert EDITION is not None
    return load_workbook(io.BytesIO(build_xlsx(t, EDITION, STATS, ROWS, VN, MADE_AT)))


def test_every_date_is_a_real_date_shown_dd_mm_yyyy() -> None:
    wb = workbook()
    dates = [
        *(row[0] for row in wb["Theo ngày"].iter_rows(min_row=2)),
        *(row[1] for row in wb["Chi tiết"].iter_rows(min_row=2)),
        *(row[1] for row in wb["Tổng quan"].iter_rows(min_row=3, max_row=4)),
    ]
    assert len(dates) == 7 + 2 + 2
    for cell in dates:
        assert isinstance(cell.value, datetime), (cell.parent.title, cell.coordinate)
        assert cell.number_format == "dd/mm/yyyy", (cell.parent.title, cell.coordinate)
    assert [c.value for c in dates[7:9]] == [datetime(2023, 10, 3), datetime(2023, 10, 4)]


def test_every_table_sheet_has_an_autofilter_and_a_frozen_header() -> None:
    wb = workbook()
    assert wb["Theo ngày"].auto_filter.ref == "A1:D8"
    assert wb["Theo đơn vị"].auto_filter.ref == "A1:E3"
    assert wb["Chi tiết"].auto_filter.ref == "A1:H3"
    assert all(ws.freeze_panes == "A2" for ws in wb.worksheets)


def test_the_summary_names_the_edition_its_dates_theme_and_when_it_was_made() -> None:
    assert EDITION is not None
    ws = workbook()["Tổng quan"]
    rows = {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}
    assert rows["Tuần lễ"].value == "Tuần lễ hưởng ứng học tập suốt đời năm 2023"
    assert rows["Ngày bắt đầu"].value == datetime(2023, 10, 2)
    assert rows["Ngày kết thúc"].value == datetime(2023, 10, 8)
    assert rows["Chủ đề"].value == EDITION.theme
    made = rows["Tạo lúc"]
    assert made.value == datetime(2023, 10, 9, 8, 30)  # local time, to the minute
    assert made.number_format == "dd/mm/yyyy hh:mm"
    assert rows["Đã đăng ký"].value == 3


def test_the_detail_sheet_and_the_csv_tell_two_people_of_one_name_apart() -> None:
    detail = list(workbook()["Chi tiết"].iter_rows(values_only=True))
    assert detail[0][0] == Vi.XLSX_USER_ID and "không phải ID Telegram" in detail[0][0]
    assert [(r[0], r[3]) for r in detail[1:]] == [(11, "Nguyễn An"), (12, "Nguyễn An")]
    rows = list(csv.reader(io.StringIO(build_csv(Vi, ROWS, VN).decode("utf-8-sig"))))
    assert rows[0][0] == Vi.XLSX_USER_ID
    assert [r[:4] for r in rows[1:]] == [
        ["11", "03/10/2023", "09:00", "Nguyễn An"],
        ["12", "04/10/2023", "21:05", "Nguyễn An"],
    ]


@pytest.mark.parametrize("t", [Vi, En])
def test_csv_dates_are_dd_mm_yyyy_in_either_language(t: Texts) -> None:
    text = build_csv(t, ROWS, VN).decode("utf-8-sig")
    assert '"03/10/2023"' in text and "2023-10-03" not in text and "Oct" not in text


def test_english_workbook_headers() -> None:
    wb = workbook(En)
    summary = {row[0]: row[1] for row in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert summary["Week"] == "Tuần lễ hưởng ứng học tập suốt đời năm 2023"
    assert summary["Made at"] == datetime(2023, 10, 9, 8, 30)
    detail = wb.worksheets[3]
    assert detail.cell(row=1, column=1).value == En.XLSX_USER_ID
    assert "not the Telegram ID" in En.XLSX_USER_ID
