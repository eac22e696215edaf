"""QA 14 item 21: units with numbers read in order ("Phòng số 2" before "Phòng số 10") in By
unit, the workbook, the chart and /theodoi; the rate still ranks them first."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from bot.core.editions import load_editions
from bot.services.followup import FollowUp, UnitFollowUp
from bot.ui.files.chart import draw
from bot.ui.files.xlsx import build_xlsx
from bot.ui.followup_texts import follow_up
from bot.ui.report_texts import by_unit
from bot.ui.texts import Vi
from db.queries.stats import DayRow, EditionStats, UnitRow
from tests.conftest import VN

EDITION = load_editions().get(2023)
assert EDITION is not None
NAMES = ["Phòng số 10", "Phòng số 2", "Phòng số 1", "Phòng số 11"]
NATURAL = ["Phòng số 1", "Phòng số 2", "Phòng số 10", "Phòng số 11"]


def stats() -> EditionStats:
    # Equal rates, and one better unit that must come first whatever its name.
    units = [UnitRow(n, 2, 1, 30) for n in NAMES] + [UnitRow("Phòng số 3", 1, 1, 30)]
    day = (DayRow(date(2023, 10, 2), 5, 5, 150),)
    return EditionStats(2023, 9, 5, 5, 150, day, tuple(units))


def test_by_unit_text() -> None:
    lines = by_unit(Vi, stats()).splitlines()[2:]
    assert [line[2:].split(":")[0] for line in lines] == ["Phòng số 3", *NATURAL]


def test_workbook() -> None:
    data = build_xlsx(Vi, EDITION, stats(), [], VN, datetime(2023, 10, 9, tzinfo=UTC))
    ws = load_workbook(io.BytesIO(data))["Theo đơn vị"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["Phòng số 3", *NATURAL]


def test_chart() -> None:
    fig = draw(Vi, stats())
    try:
        labels = [label.get_text() for label in fig.axes[1].get_yticklabels()]
        assert labels[::-1] == ["Phòng số 3", *NATURAL]  # drawn bottom up
    finally:
        fig.clear()  # a plain Figure: nothing registered to close


def test_followup_counts() -> None:
    # The service gives the units in natural order; the text keeps it.
    units = tuple(UnitFollowUp(n, 1, 1, (), ()) for n in NATURAL)
    found = FollowUp(2023, True, False, units, registered=4)
    lines = [line for line in follow_up(Vi, found).splitlines() if line.startswith("• ")]
    assert [line[2:].split(":")[0] for line in lines] == NATURAL
