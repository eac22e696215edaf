"""Admin report messages: the summary and its By day / By unit / Top learners views."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from bot.core.editions import Edition
from bot.ui.texts import Texts
from db.queries.stats import EditionStats, Learner


def _rate(participants: int, registered: int) -> float:
    return participants / registered if registered else 0.0


def summary(t: Texts, e: Edition, s: EditionStats, today: date) -> str:
    lines = [
        t.STATS_HEADER.format(year=s.year, start=t.fmt_date(e.start), end=t.fmt_date(e.end)),
        "",
        t.STATS_BODY.format(
            registered=t.fmt_number(s.registered),
            participants=t.fmt_number(s.participants),
            rate=t.fmt_percent(s.rate),
            checkins=t.fmt_number(s.checkins),
            minutes=t.fmt_minutes(s.minutes),
            average=t.fmt_minutes(round(s.average_minutes)),
        ),
    ]
    for d in s.by_day:
        if d.date == today:
            lines += [
                "",
                t.STATS_TODAY.format(
                    date=t.fmt_date(today),
                    participants=t.fmt_number(d.participants),
                    checkins=t.fmt_number(d.checkins),
                    minutes=t.fmt_minutes(d.minutes),
                ),
            ]
    return "\n".join(lines)


def by_day(t: Texts, s: EditionStats) -> str:
    lines = [t.BY_DAY_HEADER.format(year=s.year), ""]
    for d in s.by_day:
        lines.append(
            t.BY_DAY_LINE.format(
                weekday=t.fmt_weekday(d.date),
                date=t.fmt_date(d.date),
                participants=t.fmt_number(d.participants),
                checkins=t.fmt_number(d.checkins),
                minutes=t.fmt_minutes(d.minutes),
            )
        )
    return "\n".join(lines)


def by_unit(t: Texts, s: EditionStats) -> str:
    """Every unit, best participation first; long lists are split by the sender, never cut."""
    if not s.by_unit:
        return t.BY_UNIT_EMPTY
    lines = [t.BY_UNIT_HEADER.format(year=s.year), ""]
    ordered = sorted(s.by_unit, key=lambda u: (-_rate(u.participants, u.registered), u.unit))
    for u in ordered:
        lines.append(
            t.BY_UNIT_LINE.format(
                unit=escape(u.unit),
                participants=t.fmt_number(u.participants),
                registered=t.fmt_number(u.registered),
                rate=t.fmt_percent(_rate(u.participants, u.registered)),
                minutes=t.fmt_minutes(u.minutes),
            )
        )
    return "\n".join(lines)


def top(t: Texts, year: int, learners: Sequence[Learner]) -> str:
    if not learners:
        return t.TOP_EMPTY
    lines = [t.TOP_HEADER.format(year=year), ""]
    for rank, x in enumerate(learners, 1):
        lines.append(
            t.TOP_LINE.format(
                rank=rank,
                name=escape(x.full_name),
                unit=escape(x.unit),
                minutes=t.fmt_minutes(x.minutes),
                days=x.days,
            )
        )
    return "\n".join(lines)
