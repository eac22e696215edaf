"""The text of each planned reminder, rendered at send time in the recipient's language."""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import Deps
from bot.core.progress import streak
from bot.ui import keyboards
from bot.ui.texts import Texts, for_language
from db.queries.checkins import checkin_days, list_checkins
from db.queries.outbox import Claimed


def _checkin_button(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t.BTN_CHECKIN_NOW, callback_data=keyboards.MENU_CHECKIN)]]
    )


async def render(deps: Deps, row: Claimed) -> tuple[str, InlineKeyboardMarkup | None]:
    """Text and buttons for one outbox row of kind "reminder".

    Only the personal summary reads the database; the others are built from data in memory.
    """
    p = row.payload
    t = for_language(p.get("language"))
    edition = deps.editions.get(int(p["year"]))
    if edition is None:  # the editions file changed under a planned reminder
        raise LookupError(f"edition {p['year']} is no longer in the editions file")
    name, theme = escape(edition.name), escape(edition.theme)
    kind, in_group = p["reminder"], row.user_id is None
    if kind == "eve":
        text = t.REMIND_EVE.format(
            name=name, theme=theme, start=t.fmt_date(edition.start), end=t.fmt_date(edition.end),
            opening=t.fmt_date(edition.opening),
        )  # fmt: skip
        return text, None
    if kind == "opening":
        return t.REMIND_OPENING.format(name=name, theme=theme), None
    if kind == "morning":
        tip = escape(deps.reminders.suggestion(t.LANG, int(p["day_number"])))
        text = t.REMIND_MORNING.format(day=p["day_number"], total=edition.days, suggestion=tip)
        if in_group:
            return f"{text}\n\n{t.REMIND_MORNING_GROUP}", None
        return text, _checkin_button(t)
    if kind == "nudge":
        return t.REMIND_NUDGE, _checkin_button(t)
    if kind == "summary" and row.user_id is not None:
        today = date.fromisoformat(p["day"])
        async with deps.sessions() as session:
            entries = await list_checkins(session, row.user_id, edition.start, edition.end)
            days = await checkin_days(session, row.user_id, today)
        text = t.REMIND_SUMMARY.format(
            total=t.fmt_minutes(sum(c.minutes for c in entries)),
            days=len({c.local_date for c in entries}), window_days=edition.days,
            streak=streak(days, today), name=name,
        )  # fmt: skip
        return text, None
    raise LookupError(f"no text for reminder kind {kind!r}")
