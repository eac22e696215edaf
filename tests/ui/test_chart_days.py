"""Issue 13 retest (reports2), defect 34: whole people on the axis, a running week's line
stops at today, and large totals in hours."""

from __future__ import annotations

import math
from datetime import date, timedelta

from bot.ui.files.chart import build_chart, days, draw
from bot.ui.texts import En, Vi
from db.queries.stats import DayRow, EditionStats, UnitRow

START = date(2023, 10, 2)


def stats(minutes: list[int], participants: list[int]) -> EditionStats:
    rows = tuple(
        DayRow(START + timedelta(days=i), p, p, m)
        for i, (m, p) in enumerate(zip(minutes, participants, strict=True))
    )
    return EditionStats(
        2023, 3, 2, 3, sum(minutes), rows, (UnitRow("Phòng A", 3, 2, sum(minutes)),)
    )


def test_days_to_come_are_not_zeros() -> None:
    s = stats([30, 45, 0, 0, 0, 0, 0], [1, 2, 0, 0, 0, 0, 0])
    series = days(Vi, s, today=START + timedelta(days=2))
    assert series.time[:3] == [30, 45, 0]
    assert all(math.isnan(v) for v in series.time[3:] + series.participants[3:])
    assert not series.hours
    assert days(Vi, s).time == [30, 45, 0, 0, 0, 0, 0]  # a past week: every day


def test_large_totals_are_in_hours_with_one_decimal() -> None:
    series = days(Vi, stats([90, 200, 125], [1, 2, 2]))
    assert series.hours and series.time == [1.5, 3.3, 2.1]


def test_participant_ticks_are_whole_numbers() -> None:
    fig = draw(En, stats([30, 45, 10], [1, 2, 1]), START + timedelta(days=1))
    try:
        top = fig.axes[0]
        ticks = [v for v in top.get_yticks() if 0 <= v <= top.get_ylim()[1]]
        assert ticks and all(float(v).is_integer() for v in ticks)
        labels = {ax.get_ylabel() for ax in fig.axes}
        assert "Participants" in labels and "Self-study minutes" in labels
    finally:
        fig.clear()  # a plain Figure: nothing registered to close
    fig = draw(Vi, stats([300, 45, 10], [1, 2, 1]))
    try:
        assert "Số giờ tự học" in {ax.get_ylabel() for ax in fig.axes}
    finally:
        fig.clear()  # a plain Figure: nothing registered to close
    assert build_chart(Vi, stats([30], [1]), START).startswith(b"\x89PNG")


def test_charts_are_drawn_without_pyplot_and_side_by_side() -> None:
    """Worker threads draw charts at once: no pyplot (its figure registry and settings are
    global) is loaded, and charts drawn together in threads are the same as drawn alone."""
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    probe = (
        "import sys; from datetime import date; from bot.ui.files.chart import build_chart; "
        "from bot.ui.texts import Vi; from tests.ui.test_chart_days import stats; "
        "assert build_chart(Vi, stats([30], [1])).startswith(b'\\x89PNG'); "
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot loaded'"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    alone = [build_chart(Vi, stats([10 * n, 5], [n, 1])) for n in range(1, 5)]
    with ThreadPoolExecutor(4) as pool:
        together = list(
            pool.map(lambda n: build_chart(Vi, stats([10 * n, 5], [n, 1])), range(1, 5))
        )
    assert together == alone
