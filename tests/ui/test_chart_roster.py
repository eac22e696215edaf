"""The chart's by-unit bars use the same rates as /thongke: over the roster's headcount when
there is one (a unit with more people taking part than listed still shows)."""

from __future__ import annotations

from datetime import date

import matplotlib.pyplot as plt

from bot.ui.files.chart import draw
from bot.ui.report_texts import by_unit
from bot.ui.texts import Vi
from db.queries.stats import DayRow, EditionStats, UnitRow


def roster_stats() -> EditionStats:
    units = (
        UnitRow("Phòng A", 4, 2, 60, headcount=10, unregistered=7),
        UnitRow("Phòng B", 3, 3, 90, headcount=2, unregistered=0),  # 150%: list out of date
        UnitRow("Phòng C", 1, 1, 30, headcount=0, unregistered=0),  # nobody listed
    )
    day = (DayRow(date(2023, 10, 2), 6, 6, 180),)
    return EditionStats(2023, 8, 6, 6, 180, day, units, headcount=12, unregistered=7)


def test_bars_are_rates_over_the_headcount() -> None:
    fig = draw(Vi, roster_stats())
    try:
        bottom = fig.axes[1]
        widths = {
            label.get_text(): bar.get_width()
            for label, bar in zip(bottom.get_yticklabels(), bottom.patches, strict=True)
        }
        assert widths == {"Phòng A": 20.0, "Phòng B": 150.0, "Phòng C": 0.0}
        assert bottom.get_xlim() == (0.0, 150.0)
        assert bottom.get_xlabel() == Vi.CHART_RATE_ROSTER
    finally:
        plt.close(fig)


def test_by_unit_text_orders_by_the_same_rate() -> None:
    lines = by_unit(Vi, roster_stats()).splitlines()[2:]
    assert [line.split(":")[0] for line in lines] == ["• Phòng B", "• Phòng A", "• Phòng C"]
    assert lines[0] == "• Phòng B: 3/2 người (150,0%) · 1 giờ 30 phút · chưa đăng ký: 0"
    assert "(—)" in lines[2]
