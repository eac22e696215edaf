"""Replies to free text that is not a fact card (issue 13): small talk, and questions about
facts the notices do not give — said so plainly, with the nearest fact they do give."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from bot.core.editions import Edition, Editions
from bot.core.matcher import Match
from bot.core.schedule import CLOSING_KINDS, DAYS, ReminderSpec
from bot.ui.answers import answer_fact, source_line
from bot.ui.texts import Texts

# Unanswerable intent -> (the Edition field that would hold it, the nearest fact intent).
UNANSWERABLE: dict[str, tuple[str, str]] = {
    "venue": ("venue", "opening"),
    "host": ("ceremony_host", "organiser"),
    "mandatory": ("participation", "organiser"),  # the organiser card names the audience
    "prize": ("prizes", "movement"),
    "deadline": ("deadline", "dates"),
    "fee": ("fee", "organiser"),
    "contact": ("contact", "organiser"),
}

# Small-talk intent -> whether the check-in button comes with the reply as its next step.
# The greeting is not here: it keeps its own reply, with the menu.
SMALLTALK: dict[str, bool] = {
    "thanks": True,
    "ack": False,
    "bye": False,
    "identity": False,
    "capabilities": True,
    "pleasantry": True,
}


def asked_year(match: Match, today: date) -> int | None:
    """The year a message names, explicitly or relative to today; None for today's."""
    if match.year is not None:
        return match.year
    if match.relative_year is not None:
        return today.year + match.relative_year
    return None


def smalltalk(intent: str, t: Texts) -> str:
    return t.CHAT_SMALLTALK[intent]


def unanswerable(intent: str, editions: Editions, year: int | None, today: date, t: Texts) -> str:
    """From the edition's data if it holds the fact; else "the notice does not say" and the
    nearest fact it does give, so the reply never looks like an answer it is not."""
    field, nearest = UNANSWERABLE[intent]
    lookup = editions.lookup(year, today)
    edition = lookup.edition
    value = getattr(edition, field)
    if value:
        parts = []
        if not lookup.exact:
            parts.append(t.NO_INFO_YEAR.format(year=lookup.requested_year, latest=edition.year))
        title = t.CHAT_TOPIC_TITLES[intent]
        parts.append(t.CHAT_STATED.format(title=title, year=edition.year, value=escape(value)))
        parts.append(source_line(edition, t))
        return "\n\n".join(parts)
    head = t.CHAT_NOT_STATED.format(year=edition.year, topic=t.CHAT_TOPICS[intent])
    return f"{head}\n\n{t.CHAT_NEAREST}\n{answer_fact(nearest, editions, year, today, t)}"


def reminder_times(t: Texts, edition: Edition, specs: tuple[ReminderSpec, ...], tz: str) -> str:
    """When the reminders of `edition` come: one line per kind, from the schedule's data;
    `tz` is the zone in words (bot.ui.staff_texts.zone_words)."""
    days = {
        "eve": edition.opening - timedelta(days=1),
        "opening": edition.opening,
        "last": edition.end,
    }
    lines = [t.CHAT_REMIND_TIMES.format(year=edition.year, tz=escape(tz))]
    # The closing messages (certificates, the admins' files) are not reminders: /nhacnho
    # does not turn them off, and the admins' are not the asker's business.
    reminders = [s for s in specs if s.kind not in CLOSING_KINDS]
    for spec in sorted(reminders, key=lambda s: (DAYS.index(s.day), s.time)):
        day = days.get(spec.day, edition.start)
        when = t.CHAT_REMIND_DAYS[spec.day].format(
            time=spec.time.strftime("%H:%M"),
            date=t.fmt_date(day),
            start=t.fmt_date(edition.start),
            end=t.fmt_date(edition.end),
        )
        label = t.REMINDER_LABELS.get(spec.kind, spec.kind)
        lines.append(t.CHAT_REMIND_LINE.format(label=escape(label), when=when))
    return "\n".join([*lines, "", t.CHAT_REMIND_HOW])
