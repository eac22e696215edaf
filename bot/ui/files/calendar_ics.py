"""The week in a calendar file (RFC 5545, with the `icalendar` library): the week as an
all-day event over its days, and the opening as its own event, timed only when the notice
gives its hour.

Only facts of the edition go in. The UIDs depend on the year alone, so importing a newer file
updates the events instead of adding copies; a timed opening carries the bot's time zone as a
VTIMEZONE, which Google Calendar and Outlook both need for a TZID they do not assume.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from bot.core.editions import Edition
from bot.ui.texts import Texts

PRODID = "-//Tuan le hoc tap suot doi//Telegram bot//VI"
UID_DOMAIN = "tuan-le-hoc-tap-suot-doi.bot"


def uid(edition: Edition, what: str) -> str:
    """Stable per edition and event: "tuan-le-2023-week@…", "tuan-le-2023-opening@…"."""
    return f"tuan-le-{edition.year}-{what}@{UID_DOMAIN}"


def _description(t: Texts, e: Edition, *extra: str) -> str:
    lines = [t.CAL_THEME.format(theme=e.theme), t.CAL_ORGANISER.format(organiser=e.organiser)]
    if e.plan_number:
        lines.append(
            t.CAL_PLAN_DATE.format(number=e.plan_number, date=t.fmt_date(e.plan_date))
            if e.plan_date
            else t.CAL_PLAN.format(number=e.plan_number)
        )
    lines.extend(extra)
    lines.append(t.CAL_SOURCE.format(source=e.source))
    return "\n".join(lines)


def _text(text: str) -> str:
    """Without control characters, which RFC 5545 text may not hold (line breaks stay)."""
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def _line(text: str) -> str:
    """A one-line value (a title, a place): calendars show them on one line, and an X- name
    is not escaped as text, so a line break typed into a notice would break the file."""
    return _text(" ".join(text.split()))


def _event(e: Edition, what: str, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid(e, what))
    event.add("dtstamp", stamp)
    event.add("summary", _line(summary))
    event.add("description", _text(description.replace("\r\n", "\n").replace("\r", "\n")))
    if _line(e.venue):
        event.add("location", _line(e.venue))
    return event


def build_ics(t: Texts, edition: Edition, tz: ZoneInfo, now: datetime) -> bytes:
    """The calendar as bytes; `tz` is the bot's time zone (the opening's hour is local time
    there), `now` when the file was made (DTSTAMP, in UTC)."""
    e = edition
    stamp = now.astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _line(e.name))
    cal.add("x-wr-timezone", tz.key)

    week = _event(e, "week", f"{e.name} — {e.theme}", _description(t, e), stamp)
    week.add("dtstart", e.start)  # a date: VALUE=DATE, all day
    week.add("dtend", e.end + timedelta(days=1))  # exclusive end: the day after the last
    week.add("transp", "TRANSPARENT")  # a week of self-study does not make anyone busy
    cal.add_component(week)

    extra = [t.CAL_HOST.format(host=e.ceremony_host)] if e.ceremony_host else []
    if e.opening_time is None:
        extra.append(t.CAL_NO_TIME)
    opening = _event(
        e, "opening", t.CAL_OPENING.format(name=e.name), _description(t, e, *extra), stamp
    )
    if e.opening_time is not None:
        # No DTEND: the notice gives when it starts, not how long it lasts (RFC 5545: an
        # event with a DTSTART and no end takes up that moment).
        opening.add("dtstart", datetime.combine(e.opening, e.opening_time, tzinfo=tz))
    else:
        opening.add("dtstart", e.opening)
        opening.add("dtend", e.opening + timedelta(days=1))
    cal.add_component(opening)
    cal.add_missing_timezones()  # the VTIMEZONE of a timed opening's TZID
    data: bytes = cal.to_ical()
    return data
