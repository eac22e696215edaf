"""The text of each planned reminder, rendered at send time in the recipient's language."""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup

from bot.core.editions import Editions
from bot.core.schedule import ReminderData
from bot.services.reminders import Figures, Overview, Summary
from bot.ui import keyboards
from bot.ui.texts import Texts, for_language
from db.queries.outbox import Claimed


def _checkin_button(t: Texts, in_group: bool, bot_username: str) -> InlineKeyboardMarkup | None:
    """A reminder's next step: check in. In a group, a check-in button would start the flow
    there; the link opens the private chat at the first step instead."""
    if not in_group:
        return keyboards.checkin_button(t)
    return keyboards.open_private(t, bot_username, "checkin") if bot_username else None


def needs_summary(row: Claimed) -> bool:
    """Only a personal summary shows figures read from the database."""
    return row.payload.get("reminder") == "summary" and row.user_id is not None


def render(
    row: Claimed,
    editions: Editions,
    reminders: ReminderData,
    summary: Summary | None,
    bot_username: str = "",
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Text and buttons for one outbox row of kind "reminder" (`summary`: the person's
    figures, when `needs_summary(row)`; `bot_username`: for the link to the private chat)."""
    p = row.payload
    t = for_language(p.get("language"))
    edition = editions.get(int(p["year"]))
    if edition is None:  # the editions file changed under a planned reminder
        raise LookupError(f"edition {p['year']} is no longer in the editions file")
    name, theme = escape(edition.name), escape(edition.theme)
    kind, in_group = p["reminder"], row.user_id is None
    if kind == "eve":
        text = t.REMIND_EVE.format(
            name=name,
            theme=theme,
            start=t.fmt_date(edition.start),
            end=t.fmt_date(edition.end),
            opening=t.fmt_date(edition.opening),
        )
        return text, None
    if kind == "opening":
        text = t.REMIND_OPENING.format(name=name, theme=theme)
        return text, _checkin_button(t, in_group, bot_username)
    if kind == "morning":
        tip = escape(reminders.suggestion(t.LANG, int(p["day_number"])))
        text = t.REMIND_MORNING.format(day=p["day_number"], total=edition.days, suggestion=tip)
        if in_group:
            text = f"{text}\n\n{t.REMIND_MORNING_GROUP}"
        return text, _checkin_button(t, in_group, bot_username)
    if kind == "nudge":
        return t.REMIND_NUDGE, _checkin_button(t, in_group, bot_username)
    if kind == "summary" and summary is not None:
        text = t.REMIND_SUMMARY.format(
            total=t.fmt_minutes(summary.minutes),
            days=summary.days_checked,
            window_days=edition.days,
            streak=summary.streaks.longest,  # the edition's longest run, not today's
            name=name,
        )
        return text, None
    raise LookupError(f"no text for reminder kind {kind!r}")


def _delivered(t: Texts, f: Figures) -> str:
    """What happened to a planned reminder, each status by its true name, zeros left out
    (a message skipped because it was too late was never sent, not sent late)."""
    counts = {
        "sent": f.sent,
        "failed": f.failed,
        "skipped_late": f.skipped_late,
        "unknown": f.unknown,
        "pending": f.pending,
    }
    parts = [
        t.SCHEDULE_STATUS[k].format(count=t.fmt_number(n))
        for k, n in counts.items()
        if n or k == "sent"
    ]
    return "  " + " · ".join(parts)


def schedule_lines(t: Texts, overview: Overview) -> list[str]:
    """/schedule under its header: which edition and why, then one line per reminder with
    what was delivered, "passed, not sent", or (still to come) whom it would reach now."""
    lines = []
    if overview.meant is not None:
        lines += [t.SCHEDULE_OTHER_EDITION.format(meant=overview.meant, year=overview.year), ""]
    for line in overview.lines:
        label = t.REMINDER_LABELS.get(line.kind, line.kind)
        when = t.fmt_moment(line.due)
        if line.missed:
            lines.append(t.SCHEDULE_MISSED.format(when=when, label=label))
            continue
        count = t.fmt_count(line.recipients, "recipient")
        lines.append(t.SCHEDULE_LINE.format(when=when, label=label, count=count))
        if line.figures is not None:
            lines.append(_delivered(t, line.figures))
    if any(line.figures is None and not line.missed for line in overview.lines):
        lines += ["", t.SCHEDULE_FUTURE]
    return lines


def when_due(t: Texts, editions: Editions, today: date) -> str:
    """What someone with reminders on hears next: nothing to add during a week; before one,
    its dates; after the last one, that none is due until a new week is announced."""
    if editions.running(today) is not None:
        return ""
    upcoming = sorted((e for e in editions.all if e.start > today), key=lambda e: e.start)
    if upcoming:
        e = upcoming[0]
        return t.REMIND_NEXT_WEEK.format(
            year=e.year, start=t.fmt_date(e.start), end=t.fmt_date(e.end)
        )
    return t.REMIND_NO_WEEK.format(year=editions.latest.year)
