"""Fill the text templates with data; every value from users or files is HTML-escaped here."""

from __future__ import annotations

from datetime import date, tzinfo
from html import escape

from bot.core.duration import DurationError
from bot.core.editions import Edition
from bot.core.inputs import InputError
from bot.core.progress import Window
from bot.services.reminders import Overview
from bot.ui import reminder_texts
from bot.ui.texts import Texts
from db.queries import broadcasts
from db.queries.admin import Person
from db.queries.checkins import CheckinInfo, Receipt

ECHO_LIMIT = 40  # characters of a person's input quoted back to them


def echo(sent: str, limit: int = ECHO_LIMIT) -> str:
    """What someone typed, quoted back in a reply: stripped, at most `limit` characters (then
    "…"), HTML-escaped. Every reply that repeats input uses this, so a 5,000-character
    argument never comes back whole (nor split over several messages)."""
    text = sent.strip()
    return escape(text if len(text) <= limit else text[:limit] + "…")


def window_label(t: Texts, window: Window) -> str:
    return t.WINDOW_WEEK.format(year=window.year) if window.year else t.WINDOW_ROLLING


def input_problem(t: Texts, field: str, error: InputError, sent: str = "") -> str:
    return t.PROBLEMS[error.problem.value].format(
        field=field, limit=error.limit, length=error.length or len(sent.strip())
    )


def duration_problem(t: Texts, error: DurationError, sent: str) -> str:
    return t.DURATION_PROBLEMS[error.problem.value].format(text=echo(sent))


def duration_which(t: Texts, error: DurationError) -> str:
    """ "2" alone: "Bạn học 2 giờ hay 2 phút?"; "1,5" alone: hours or minutes, as before."""
    if len(error.choices) == 2:
        hours, minutes = (t.fmt_minutes(m) for m in error.choices)
        return t.DURATION_WHICH.format(hours=hours, minutes=minutes)
    return duration_problem(t, error, error.said)


def checkin_details(t: Texts, c: CheckinInfo) -> str:
    lines = [
        t.CHECKIN_DETAILS.format(
            minutes=t.fmt_minutes(c.minutes),
            activity=t.ACTIVITIES.get(c.activity, c.activity),
            date=t.fmt_date(c.local_date),
        )
    ]
    if c.note:
        lines.append(t.CHECKIN_NOTE.format(note=escape(c.note)))
    return "\n".join(lines)


def receipt(
    t: Texts,
    r: Receipt,
    window: Window,
    today: date | None = None,
    outside: Edition | None = None,
) -> str:
    """The confirmation; the day's total is "today" unless the check-in is dated another day
    (sent before midnight and handled after it, or for a day named: "hôm qua"). `outside`:
    the edition whose week the day is not in, said plainly (it does not count toward it)."""
    head = t.CHECKIN_SAVED if r.created else t.CHECKIN_ALREADY
    other_day = today is not None and r.checkin.local_date != today
    totals = (t.CHECKIN_TOTALS_ON if other_day else t.CHECKIN_TOTALS).format(
        date=t.fmt_date(r.checkin.local_date),
        day=t.fmt_minutes(r.day_minutes),
        window=window_label(t, window),
        total=t.fmt_minutes(r.window_minutes),
    )
    text = f"{head}\n{checkin_details(t, r.checkin)}\n\n{totals}"
    if outside is not None and outside.end < r.checkin.local_date:  # the last one is over
        note = t.CHECKIN_NO_WEEK.format(
            name=t.fmt_edition(outside.year, escape(outside.name)), end=t.fmt_date(outside.end)
        )
        text += f"\n\n{note}"
    elif outside is not None:
        note = t.CHECKIN_OUTSIDE.format(
            date=t.fmt_date(r.checkin.local_date),
            name=t.fmt_edition(outside.year, escape(outside.name)),
            start=t.fmt_date(outside.start),
            end=t.fmt_date(outside.end),
        )
        text += f"\n\n{note}"
    return text


def day_refused(t: Texts, refusal: str, day: date, back: int) -> str:
    """Why a check-in for `day` was not stored (bot.services.checkins.DayRefusal's value)."""
    return t.DAY_REFUSED[refusal].format(date=t.fmt_date(day), back=back)


def repeat_question(t: Texts, earlier: CheckinInfo, tz: tzinfo) -> str:
    """ "You just logged 30 minutes at 20:01. Log another one?"""
    when = earlier.created_at.astimezone(tz).strftime("%H:%M")
    return t.AGAIN_ASK.format(minutes=t.fmt_minutes(earlier.minutes), time=when)


def day_limit(t: Texts, day_minutes: int, day: date, today: date) -> str:
    minutes = t.fmt_minutes(day_minutes)
    if day == today:
        return t.DAY_LIMIT.format(day=minutes)
    return t.DAY_LIMIT_ON.format(day=minutes, date=t.fmt_date(day))


def elapsed_limit(t: Texts, elapsed: int, day_minutes: int) -> str:
    """Today cannot hold more than the time since midnight (`elapsed` minutes)."""
    clock = f"{elapsed // 60:02d}:{elapsed % 60:02d}"
    text = t.OVER_ELAPSED.format(time=clock, limit=t.fmt_minutes(elapsed))
    if day_minutes:
        text += " " + t.OVER_ELAPSED_HAVE.format(day=t.fmt_minutes(day_minutes))
    return text


def profile_saved(t: Texts, name: str, unit: str) -> str:
    return t.PROFILE_SAVED.format(name=escape(name), unit=escape(unit))


def schedule(t: Texts, overview: Overview, tz_name: str) -> str:
    """The /schedule listing: one line per reminder, figures under the ones already planned."""
    lines = [t.SCHEDULE_HEADER.format(year=overview.year, tz=escape(tz_name)), ""]
    return "\n".join(lines + reminder_texts.schedule_lines(t, overview))


def person(p: Person) -> str:
    """A person as shown to admins: full name, then @username or id."""
    ident = f"@{p.username}" if p.username else str(p.telegram_id)
    return f"{escape(p.full_name)} ({escape(ident)})" if p.full_name else escape(ident)


def progress_text(t: Texts, info: broadcasts.Info, tally: broadcasts.Tally) -> str:
    """A broadcast's figures: in progress, or the final report once nothing is pending."""
    template = t.BC_DONE if tally.pending == 0 else t.BC_PROGRESS
    return template.format(
        id=info.id,
        sent=t.fmt_number(tally.sent),
        total=t.fmt_number(info.total),
        failed=t.fmt_number(tally.failed),
        blocked=t.fmt_number(tally.blocked),
        unknown=t.fmt_number(tally.unknown),
        cancelled=t.fmt_number(tally.cancelled),
    )
