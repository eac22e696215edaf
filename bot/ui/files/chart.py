"""The week in two charts (PNG): participants and minutes per day; participation by unit."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no display on servers; must precede pyplot

import matplotlib.pyplot as plt

from bot.ui.texts import Texts
from db.queries.stats import EditionStats

MAX_UNITS = 20  # more bars would be unreadable on a phone


def build_chart(t: Texts, stats: EditionStats) -> bytes:
    """A PNG about 1200×1400 px. DejaVu Sans (shipped with matplotlib) has Vietnamese letters."""
    plt.rcParams["font.family"] = "DejaVu Sans"
    # Unit names are typed by people: "$...$" in one must stay text. Mathtext would render
    # it as a formula, or fail on a malformed one and take the whole chart down.
    with plt.rc_context({"text.parse_math": False}):
        return _build(t, stats)


def _build(t: Texts, stats: EditionStats) -> bytes:
    units = sorted(
        stats.by_unit,
        key=lambda u: (-(u.participants / u.registered if u.registered else 0), u.unit),
    )[:MAX_UNITS]
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(8, 9.5), dpi=150, gridspec_kw={"height_ratios": [1, 1.2]}
    )
    try:
        labels = [t.fmt_date(d.date)[:5] for d in stats.by_day]
        top.bar(
            labels,
            [d.participants for d in stats.by_day],
            color="#1F6FB2",
            label=t.CHART_PARTICIPANTS,
        )
        top.set_ylabel(t.CHART_PARTICIPANTS)
        twin = top.twinx()
        twin.plot(
            labels,
            [d.minutes for d in stats.by_day],
            color="#E07B00",
            marker="o",
            label=t.CHART_MINUTES,
        )
        twin.set_ylabel(t.CHART_MINUTES)
        top.set_title(t.CHART_BY_DAY.format(year=stats.year))
        top.set_ylim(0, max([d.participants for d in stats.by_day] + [1]) * 1.15)
        twin.set_ylim(0, max([d.minutes for d in stats.by_day] + [1]) * 1.15)
        # One legend under the axis, where it cannot cover a bar.
        handles = top.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
        top.legend(
            handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, frameon=False
        )
        names = [u.unit if len(u.unit) <= 32 else u.unit[:31] + "…" for u in units]
        rates = [100 * u.participants / u.registered if u.registered else 0 for u in units]
        bottom.barh(names[::-1], rates[::-1], color="#2E9E5B")
        bottom.set_xlim(0, 100)
        bottom.set_xlabel(t.CHART_RATE)
        bottom.set_title(t.CHART_BY_UNIT)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)
