"""Admin report messages: the summary and its By day / By unit / Top learners views."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.editions import Edition
from bot.core.textnorm import natural_key
from bot.ui.buttons import ReportView
from bot.ui.texts import Texts
from db.queries.stats import EditionStats, Learner, UnitRow


def _rate(t: Texts, rate: float | None) -> str:
    """A rate, or a dash when its basis is 0 (a unit nobody on the roster belongs to)."""
    return t.RATE_UNKNOWN if rate is None else t.fmt_percent(rate)


def unit_order(u: UnitRow) -> tuple[float, tuple[tuple[int, int | str], ...], str]:
    """Best participation first (a unit without a basis last), then by name as people read
    it ("Phòng số 2" before "Phòng số 10"): By unit, the workbook and the chart."""
    return (-(u.rate if u.rate is not None else -1.0), natural_key(u.unit), u.unit)


def other_edition(t: Texts, meant: int, shown: int) -> str:
    """Why another year's figures are shown: the year meant has no edition (yet)."""
    return t.REPORT_OTHER_EDITION.format(meant=meant, year=shown)


def no_edition(t: Texts, year: int, years: Sequence[int]) -> tuple[str, InlineKeyboardMarkup]:
    """A year without an edition: the years there are, and a button for each."""
    known = sorted(years)
    text = t.STATS_NO_EDITION.format(year=year, years=", ".join(str(y) for y in known))
    buttons = [
        InlineKeyboardButton(
            t.BTN_STATS_YEAR.format(year=y), callback_data=ReportView("sum", y).pack()
        )
        for y in known
    ]
    return text, InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])


def summary(
    t: Texts,
    e: Edition,
    s: EditionStats,
    today: date,
    previous: int | None = None,
    roster_later: bool = False,
) -> str:
    """The /stats summary; before the week, says so (and where last year's figures are);
    `roster_later`: the staff list came after this edition, so its figures do not use it."""
    lines = [
        t.STATS_HEADER.format(year=s.year, start=t.fmt_date(e.start), end=t.fmt_date(e.end)),
        "",
    ]
    if today < e.start:
        lines.append(t.STATS_NOT_STARTED.format(date=t.fmt_date(e.start)))
        if previous is not None:
            lines.append(t.STATS_PREVIOUS.format(year=previous))
        lines.append("")
    if s.headcount is None:
        lines.append(_body(t, s))
        if roster_later:
            lines.append(t.STATS_ROSTER_LATER.format(year=s.year))
        if not s.registered:
            lines += ["", t.STATS_NOBODY_REGISTERED]
    else:
        headcount = t.STATS_HEADCOUNT.format(
            headcount=t.fmt_number(s.headcount), unregistered=t.fmt_number(s.unregistered or 0)
        )
        lines += [headcount, _body(t, s), t.STATS_RATE_ON_ROSTER]
    for d in s.by_day:
        if d.date == today:
            lines += [
                "",
                t.STATS_TODAY.format(
                    date=t.fmt_date(today),
                    participants=t.fmt_count(d.participants, "person"),
                    checkins=t.fmt_count(d.checkins, "checkin"),
                    minutes=t.fmt_minutes(d.minutes),
                ),
            ]
    return "\n".join(lines)


def _body(t: Texts, s: EditionStats) -> str:
    """Registered, took part and the rate, check-ins, time; with a staff list, who is off it
    is said apart (why the counts do not add up) and never in the rate."""
    # An average over nobody means nothing: said only when someone took part.
    average = (
        t.STATS_AVERAGE.format(average=t.fmt_minutes(round(s.average_minutes)))
        if s.participants
        else ""
    )
    basis = s.registered if s.headcount is None else s.headcount
    rate = t.fmt_percent(s.rate) if basis else t.RATE_UNKNOWN
    figures = {
        "registered": t.fmt_number(s.registered),
        "rate": rate,
        "checkins": t.fmt_number(s.checkins),
        "minutes": t.fmt_minutes(s.minutes),
        "average": average,
    }
    if s.headcount is None:
        return t.STATS_BODY.format(participants=t.fmt_number(s.participants), **figures)
    off_registered = (
        t.STATS_REGISTERED_OFF_ROSTER.format(count=t.fmt_number(s.registered_off_roster))
        if s.registered_off_roster
        else ""
    )
    off = t.STATS_OFF_ROSTER.format(count=t.fmt_number(s.off_roster)) if s.off_roster else ""
    return t.STATS_BODY_ROSTER.format(
        participants=t.fmt_number(s.on_roster or 0),
        headcount=t.fmt_number(s.headcount),
        registered_off=off_registered,
        off_roster=off,
        **figures,
    )


def by_day(t: Texts, s: EditionStats) -> str:
    lines = [t.BY_DAY_HEADER.format(year=s.year), ""]
    for d in s.by_day:
        lines.append(
            t.BY_DAY_LINE.format(
                weekday=t.fmt_weekday(d.date),
                date=t.fmt_date(d.date),
                participants=t.fmt_count(d.participants, "person"),
                checkins=t.fmt_count(d.checkins, "checkin"),
                minutes=t.fmt_minutes(d.minutes),
            )
        )
    return "\n".join(lines)


def by_unit(t: Texts, s: EditionStats) -> str:
    """Every unit, best participation first; long lists are split by the sender, never cut."""
    if not s.by_unit:
        return t.BY_UNIT_EMPTY
    roster = s.headcount is not None
    header = t.BY_UNIT_HEADER_ROSTER if roster else t.BY_UNIT_HEADER
    lines = [header.format(year=s.year), ""]
    for u in sorted(s.by_unit, key=unit_order):
        if u.headcount is not None:
            lines.append(
                t.BY_UNIT_LINE_ROSTER.format(
                    unit=escape(u.unit),
                    participants=t.fmt_number(u.on_roster or 0),
                    headcount=t.fmt_count(u.headcount, "person"),
                    rate=_rate(t, u.rate),
                    minutes=t.fmt_minutes(u.minutes),
                    unregistered=t.fmt_number(u.unregistered or 0),
                )
                + (
                    t.BY_UNIT_OFF_ROSTER.format(count=t.fmt_number(u.off_roster))
                    if u.off_roster
                    else ""
                )
            )
        else:
            lines.append(
                t.BY_UNIT_LINE.format(
                    unit=escape(u.unit),
                    participants=t.fmt_number(u.participants),
                    registered=t.fmt_count(u.registered, "person"),
                    rate=_rate(t, u.rate),
                    minutes=t.fmt_minutes(u.minutes),
                )
            )
    return "\n".join(lines)


def top(t: Texts, year: int, learners: Sequence[Learner]) -> str:
    if not learners:
        return t.TOP_EMPTY
    header = t.TOP_HEADER_ONE if len(learners) == 1 else t.TOP_HEADER
    lines = [header.format(year=year, count=len(learners)), ""]
    for rank, x in enumerate(learners, 1):
        lines.append(
            t.TOP_LINE.format(
                rank=rank,
                name=escape(x.full_name),
                unit=escape(x.unit),
                minutes=t.fmt_minutes(x.minutes),
                days=t.fmt_count(x.days, "day"),
            )
        )
    return "\n".join(lines)
