"""What registration says: the confirmation of a stored profile (with the staff list's
spelling of the name and the next step), and the answer to a unit the list does not have."""

from __future__ import annotations

from datetime import date
from html import escape

from telegram import InlineKeyboardMarkup

from bot.core.editions import Editions
from bot.services.profile import Registration
from bot.ui import keyboards, render
from bot.ui.texts import Texts


def saved(
    t: Texts, done: Registration, editions: Editions, today: date, *, next_step: bool = True
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The name and unit stored; the name as the staff list spells it (when it replaced the
    typed one); the roster link; and what to do next: check in during the week (with the
    button), or when the coming week starts. After the last week known, nothing more."""
    profile = done.profile
    assert profile is not None
    lines = [render.profile_saved(t, profile.full_name or "", profile.unit_name or "")]
    if done.typed_name is not None:
        name, typed = escape(profile.full_name or ""), render.echo(done.typed_name)
        lines.append(t.NAME_FROM_ROSTER.format(name=name, typed=typed))
    if done.on_roster:
        lines.append(t.ON_ROSTER.format(unit=escape(profile.unit_name or "")))
    markup = None
    if next_step:
        coming = sorted(e.start for e in editions.known(today) if e.start > today)
        if editions.running(today) is not None:
            lines.append(t.NEXT_CHECKIN)
            markup = keyboards.checkin_button(t)
        elif coming:
            lines.append(t.NEXT_WEEK_STARTS.format(start=t.fmt_long_date(coming[0])))
    return "\n".join(lines), markup


def not_listed(t: Texts, shown: str, misses: int, contact: str | None) -> str:
    """A typed unit (`shown`, escaped) the list does not have, the `misses`-th time in a
    row: choose or type again; since the unit may really be missing, whom to tell (the
    PRIVACY_CONTACT setting, else a neutral sentence) and how to stop. From the second miss
    on it opens differently, so that nobody reads the same sentence over and over."""
    lead = (t.UNIT_NOT_LISTED if misses <= 1 else t.UNIT_STILL_NOT_LISTED).format(unit=shown)
    if contact:
        return lead + "\n" + t.UNIT_MISSING_CONTACT.format(contact=escape(contact))
    return lead + "\n" + t.UNIT_MISSING_NO_CONTACT
