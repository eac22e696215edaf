"""Turn an understood question into an answer from the editions data (HTML text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from bot.core.editions import Edition, Editions, Phase, week_status
from bot.core.matcher import Match
from bot.ui.texts import Texts
from bot.ui.texts.en import Count

FACT_INTENTS = frozenset(
    {
        "theme",
        "dates",
        "opening",
        "purpose",
        "organiser",
        "plan",
        "ministry",
        "movement",
        "status",
        "today",
        "overview",
    }
)


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer and whether the main menu should come with it."""

    text: str
    with_menu: bool = False


def _fact(intent: str, e: Edition, today: date, t: Texts, newer: bool = False) -> str:
    y = e.year
    if intent == "theme":
        return t.THEME.format(year=y, theme=escape(e.theme))
    if intent == "dates":
        start, end = t.fmt_range(e.start, e.end)
        return t.DATES.format(year=y, start=start, end=end, days=Count(e.days))
    if intent == "opening":
        when = t.OPENING.format(
            year=y, weekday=t.fmt_weekday(e.opening), date=t.fmt_long_date(e.opening)
        )
        hour = (
            t.OPENING_TIME.format(time=e.opening_time.strftime("%H:%M"))
            if e.opening_time
            else t.OPENING_TIME_UNKNOWN
        )
        return f"{when}\n{hour}"
    if intent == "purpose":
        if not e.purposes:
            return t.PURPOSE_UNKNOWN.format(year=y)
        items = "\n".join(f"• {escape(p)}" for p in e.purposes)
        return t.PURPOSE.format(year=y, items=items)
    if intent == "organiser":
        text = t.ORGANISER.format(year=y, organiser=escape(e.organiser))
        return text + ("\n" + t.AUDIENCE.format(audience=escape(e.audience)) if e.audience else "")
    if intent == "plan":
        if not e.plan_number or e.plan_date is None:
            return t.PLAN_UNKNOWN.format(year=y)
        return t.PLAN.format(
            year=y,
            number=escape(e.plan_number),
            date=t.fmt_long_date(e.plan_date),
            title=escape(e.plan_title),
        )
    if intent == "ministry":
        if not e.ministry_launch:
            unknown = t.MINISTRY_UNKNOWN.format(year=y)
            if not e.related_decision:  # else the nearest fact the notice does give
                return unknown
            decision = t.DECISION.format(year=y, decision=escape(e.related_decision))
            return f"{unknown}\n\n{t.CHAT_NEAREST}\n{decision}"
        return t.MINISTRY.format(year=y, text=escape(e.ministry_launch))
    if intent == "movement":
        parts = []
        if e.movement:
            parts.append(t.MOVEMENT.format(year=y, movement=escape(e.movement)))
        if e.related_decision:
            parts.append(t.DECISION.format(year=y, decision=escape(e.related_decision)))
        return "\n\n".join(parts) or t.MOVEMENT_UNKNOWN.format(year=y)
    if intent in ("status", "today"):
        return status_line(e, today, t, newer)
    return overview(e, today, t, newer)


def status_line(e: Edition, today: date, t: Texts, newer: bool = False) -> str:
    """Before / during / after the edition, counted in the bot's local days. `newer`: a later
    edition is known, so an ended one must not say the next is unannounced."""
    s = week_status(e, today)
    name = t.fmt_edition(e.year, escape(e.name))
    if s.phase is Phase.BEFORE:
        opening = t.fmt_long_date(e.opening)
        if s.days_until_opening == 1:
            return t.STATUS_TOMORROW.format(name=name, date=opening)
        return t.STATUS_BEFORE.format(name=name, date=opening, days=Count(s.days_until_opening))
    if s.phase is Phase.DURING:
        if s.days_left == 0:
            return t.STATUS_LAST_DAY.format(name=name, day=s.day_number, total=e.days)
        left = Count(s.days_left)
        return t.STATUS_DURING.format(name=name, day=s.day_number, total=e.days, left=left)
    after = t.STATUS_AFTER_PAST if newer else t.STATUS_AFTER
    return after.format(name=name, end=t.fmt_long_date(e.end))


def overview(e: Edition, today: date, t: Texts, newer: bool = False) -> str:
    start, end = t.fmt_range(e.start, e.end)
    lines = [
        t.OVERVIEW.format(
            name=t.fmt_edition(e.year, escape(e.name)),
            theme=escape(e.theme),
            start=start,
            end=end,
            opening=t.fmt_long_date(e.opening),
            organiser=escape(e.organiser),
        )
    ]
    if e.plan_number and e.plan_date:
        lines.append(
            t.OVERVIEW_PLAN.format(number=escape(e.plan_number), date=t.fmt_long_date(e.plan_date))
        )
    lines.append("")
    lines.append(status_line(e, today, t, newer))
    return "\n".join(lines)


def answer_fact(intent: str, editions: Editions, year: int | None, today: date, t: Texts) -> str:
    """One fact of the edition for `year` (today's year when None), honest about gaps."""
    lookup = editions.lookup(year, today)
    newer = any(other.year > lookup.edition.year for other in editions.all)
    body = _fact(intent, lookup.edition, today, t, newer)
    parts = []
    # "What day is it" is about today, whatever edition the data holds.
    if intent == "today":
        weekday = t.fmt_weekday(today, inline=True)  # "Hôm nay là thứ Ba"
        parts.append(t.TODAY.format(weekday=weekday, date=t.fmt_long_date(today)))
    elif not lookup.exact:
        parts.append(t.NO_INFO_YEAR.format(year=lookup.requested_year, latest=lookup.edition.year))
    parts.append(body)
    if intent not in ("status", "today"):
        parts.append(source_line(lookup.edition, t))
    return "\n\n".join(parts)


def source_line(e: Edition, t: Texts) -> str:
    """Where the facts come from, in the reader's language (names stay as the notice has them)."""
    return t.SOURCE.format(
        source=t.fmt_source(escape(e.source), escape(e.organiser), e.notice_date)
    )


def answer(match: Match, editions: Editions, today: date, t: Texts, first_name: str) -> Reply:
    """The reply to a free-text question the matcher has read."""
    if match.intent in FACT_INTENTS:
        year = match.year
        if year is None and match.relative_year is not None:
            year = today.year + match.relative_year
        return Reply(answer_fact(match.intent, editions, year, today, t))
    if match.intent == "greeting":
        return Reply(t.GREETING.format(name=escape(first_name or t.FRIEND)), with_menu=True)
    if match.intent == "help":
        return Reply(t.HELP)
    if match.intent == "checkin":
        return Reply(t.CHECKIN_HINT)
    if match.intent == "register":
        return Reply(t.REGISTER_HINT)
    return Reply(t.FALLBACK, with_menu=True)
