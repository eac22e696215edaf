"""The chart's by-unit bars use the same rates as /thongke: with a roster, its people who took
part over its headcount, never over 100% (people not on it are counted apart)."""

from __future__ import annotations

from datetime import date

from bot.ui.files.chart import draw
from bot.ui.report_texts import by_unit
from bot.ui.texts import Vi
from db.queries.stats import DayRow, EditionStats, UnitRow


def roster_stats() -> EditionStats:
    units = (
        UnitRow("Phòng A", 4, 2, 60, headcount=10, unregistered=7, on_roster=2, off_roster=0),
        # Three took part, two of them on the list of two, one not on it: 100%, never 150%.
        UnitRow("Phòng B", 3, 3, 90, headcount=2, unregistered=0, on_roster=2, off_roster=1),
        UnitRow("Phòng C", 1, 1, 30, headcount=0, unregistered=0, on_roster=0, off_roster=1),
    )
    day = (DayRow(date(2023, 10, 2), 6, 6, 180),)
    return EditionStats(
        2023, 8, 6, 6, 180, day, units, 12, 7, on_roster=4, off_roster=2, registered_off_roster=2
    )


def test_bars_are_rates_over_the_headcount() -> None:
    fig = draw(Vi, roster_stats())
    try:
        bottom = fig.axes[1]
        widths = {
            label.get_text(): bar.get_width()
            for label, bar in zip(bottom.get_yticklabels(), bottom.patches, strict=True)
        }
        assert widths == {"Phòng A": 20.0, "Phòng B": 100.0, "Phòng C": 0.0}
        assert bottom.get_xlim() == (0.0, 100.0)
        assert bottom.get_xlabel() == Vi.CHART_RATE_ROSTER
    finally:
        fig.clear()  # a plain Figure: nothing registered to close


def test_by_unit_text_orders_by_the_same_rate() -> None:
    lines = by_unit(Vi, roster_stats()).splitlines()[2:]
    assert [line.split(":")[0] for line in lines] == ["• Phòng B", "• Phòng A", "• Phòng C"]
    assert lines[0] == (
        "• Phòng B: 2/2 người (100,0%) · 1 giờ 30 phút · chưa đăng ký: 0 · ngoài danh sách: 1"
    )
    assert lines[1] == "• Phòng A: 2/10 người (20,0%) · 1 giờ · chưa đăng ký: 7"
    assert "(—)" in lines[2] and lines[2].endswith("ngoài danh sách: 1")
