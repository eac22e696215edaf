"""Issue 13 retest (reports2), defect 34: whole people on the axis, a running week's line
stops at today, and large totals in hours."""

from __future__ import annotations

import math
from datetime import date, timedelta

import matplotlib.pyplot as plt

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
        plt.close(fig)
    fig = draw(Vi, stats([300, 45, 10], [1, 2, 1]))
    try:
        assert "Số giờ tự học" in {ax.get_ylabel() for ax in fig.axes}
    finally:
        plt.close(fig)
    assert build_chart(Vi, stats([30], [1]), START).startswith(b"\x89PNG")
