"""The week in two charts (PNG): participants and minutes per day; participation by unit."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.ui.report_texts import unit_order
from bot.ui.texts import Texts
from db.queries.stats import EditionStats

MAX_UNITS = 20  # more bars would be unreadable on a phone
HOURS_FROM = 120  # a day's total above this many minutes reads better in hours

# Set once, when the module is first imported, and never changed: charts are drawn in worker
# threads, so no chart may change matplotlib's global settings while another is drawn (as
# pyplot's figure registry and rc_context did). Figures are built with the object-oriented
# API (Figure, not pyplot), which keeps no global state and needs no display.
matplotlib.rcParams["font.family"] = "DejaVu Sans"  # ships with matplotlib; has Vietnamese
# Unit names are typed by people: "$...$" in one must stay text. Mathtext would render it as
# a formula, or fail on a malformed one and take the whole chart down.
matplotlib.rcParams["text.parse_math"] = False


@dataclass(frozen=True, slots=True)
class Days:
    """What the by-day chart plots: people per day, and study time per day in minutes or
    hours (`hours`); days after `today` are NaN, so the line stops at today."""

    labels: list[str]
    participants: list[float]
    time: list[float]
    hours: bool


def days(t: Texts, stats: EditionStats, today: date | None = None) -> Days:
    """The by-day series: a day still to come has no figure yet (not a zero)."""
    hours = max([d.minutes for d in stats.by_day] + [0]) > HOURS_FROM
    shown = [today is None or d.date <= today for d in stats.by_day]
    return Days(
        labels=[t.fmt_date(d.date)[:5] for d in stats.by_day],
        participants=[
            float(d.participants) if ok else math.nan
            for d, ok in zip(stats.by_day, shown, strict=True)
        ],
        time=[
            (round(d.minutes / 60, 1) if hours else float(d.minutes)) if ok else math.nan
            for d, ok in zip(stats.by_day, shown, strict=True)
        ],
        hours=hours,
    )


def build_chart(t: Texts, stats: EditionStats, today: date | None = None) -> bytes:
    """A PNG about 1200×1400 px. DejaVu Sans (shipped with matplotlib) has Vietnamese letters."""
    out = io.BytesIO()
    draw(t, stats, today).savefig(out, format="png")
    return out.getvalue()


def draw(t: Texts, stats: EditionStats, today: date | None = None) -> Figure:
    """The chart as a figure (a plain Figure: nothing to close, garbage-collected)."""
    return _build(t, stats, today)


def _peak(values: list[float]) -> float:
    return max([v for v in values if not math.isnan(v)] + [1])


def _build(t: Texts, stats: EditionStats, today: date | None) -> Figure:
    # The same rates and order as /thongke and the workbook: with a staff list, its people
    # who took part over its headcount (never over 100%).
    units = sorted(stats.by_unit, key=unit_order)[:MAX_UNITS]
    fig = Figure(figsize=(8, 9.5), dpi=150)
    top, bottom = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1, 1.2]})
    series = days(t, stats, today)
    time_label = t.CHART_HOURS if series.hours else t.CHART_MINUTES
    # Every day of the week on the axis, those still to come empty.
    x = list(range(len(series.labels)))
    top.bar(x, series.participants, color="#1F6FB2", label=t.CHART_PARTICIPANTS)
    top.set_xticks(x, series.labels)
    top.set_xlim(-0.5, len(x) - 0.5)
    top.set_ylabel(t.CHART_PARTICIPANTS)
    top.yaxis.set_major_locator(MaxNLocator(integer=True))  # people come whole
    twin = top.twinx()
    twin.plot(x, series.time, color="#E07B00", marker="o", label=time_label)
    twin.set_ylabel(time_label)
    if not series.hours:
        twin.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.set_title(t.CHART_BY_DAY.format(year=stats.year))
    top.set_ylim(0, _peak(series.participants) * 1.15)
    twin.set_ylim(0, _peak(series.time) * 1.15)
    # One legend under the axis, where it cannot cover a bar.
    handles = top.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    top.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False
    )
    names = [u.unit if len(u.unit) <= 32 else u.unit[:31] + "…" for u in units]
    rates = [100 * u.rate if u.rate is not None else 0 for u in units]
    bottom.barh(names[::-1], rates[::-1], color="#2E9E5B")
    # Without a staff list a rate is over the registered, so it cannot pass 100% either.
    bottom.set_xlim(0, 100.0)
    bottom.set_xlabel(t.CHART_RATE if stats.headcount is None else t.CHART_RATE_ROSTER)
    bottom.set_title(t.CHART_BY_UNIT)
    fig.tight_layout()
    return fig
