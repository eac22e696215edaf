"""The text of each planned reminder, rendered at send time in the recipient's language."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.core.editions import Editions
from bot.core.schedule import ReminderData
from bot.services.reminders import Summary
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
