"""/followup's messages: totals, then each unit's counts (organisers) or names (admins)."""

from __future__ import annotations

from html import escape

from bot.services.followup import FollowUp, Pending, UnitFollowUp
from bot.ui.texts import Texts

# Above this many names, the names travel as an Excel file (an admin phoning people works
# from a sheet they can sort, filter and tick off), and the chat keeps the counts.
NAMES_IN_CHAT = 50


def as_file(found: FollowUp) -> bool:
    """Whether the names go out as a file rather than as messages."""
    return found.names and found.people > NAMES_IN_CHAT


def _totals(t: Texts, found: FollowUp) -> str | None:
    """The totals line; None when it would only say 0 (nobody registered, no list)."""
    if found.roster and not found.started:
        return t.FOLLOWUP_TOTALS_BEFORE.format(unregistered=t.fmt_number(found.unregistered or 0))
    if found.roster:
        return t.FOLLOWUP_TOTALS_ROSTER.format(
            unregistered=t.fmt_number(found.unregistered or 0),
            absent=t.fmt_number(found.absent),
        )
    if not found.started or not found.registered:
        return None
    return t.FOLLOWUP_TOTALS.format(absent=t.fmt_number(found.absent))


def _counts(t: Texts, found: FollowUp, u: UnitFollowUp) -> str:
    if u.unregistered is not None and not found.started:
        return t.FOLLOWUP_UNIT_COUNTS_BEFORE.format(
            unit=escape(u.unit), unregistered=t.fmt_number(u.unregistered)
        )
    if u.unregistered is not None:
        return t.FOLLOWUP_UNIT_COUNTS_ROSTER.format(
            unit=escape(u.unit),
            unregistered=t.fmt_number(u.unregistered),
            absent=t.fmt_number(u.absent),
        )
    return t.FOLLOWUP_UNIT_COUNTS.format(unit=escape(u.unit), absent=t.fmt_number(u.absent))


def _nobody(t: Texts, found: FollowUp) -> str:
    """Why the lists are empty: each case says what is true, never a 🎉 over nobody."""
    if found.roster:
        return t.FOLLOWUP_NONE if found.started else t.FOLLOWUP_NONE_BEFORE
    if not found.registered:
        return t.FOLLOWUP_NOBODY_REGISTERED.format(year=found.year)
    return t.FOLLOWUP_NONE_NO_ROSTER if found.started else t.FOLLOWUP_NOTHING_YET


def _name(t: Texts, p: Pending) -> str:
    line = t.FOLLOWUP_NAME.format(name=escape(p.full_name))
    if p.staff_code:
        line += t.FOLLOWUP_CODE.format(code=escape(p.staff_code))
    if p.username:
        line += t.FOLLOWUP_USERNAME.format(username=escape(p.username))
    return line


def _names(t: Texts, u: UnitFollowUp) -> list[str]:
    lines = ["", t.FOLLOWUP_UNIT.format(unit=escape(u.unit))]
    if u.unregistered_names:
        lines.append(t.FOLLOWUP_UNREGISTERED.format(count=t.fmt_number(u.unregistered or 0)))
        lines += [_name(t, p) for p in u.unregistered_names]
    if u.absent_names:
        lines.append(t.FOLLOWUP_ABSENT.format(count=t.fmt_number(u.absent)))
        lines += [_name(t, p) for p in u.absent_names]
    return lines


def follow_up(t: Texts, found: FollowUp) -> str:
    """The whole reply (the sender splits it at line ends, never over 4096 characters)."""
    lines = [t.FOLLOWUP_HEADER.format(year=found.year), ""]
    if not found.started and found.start is not None:
        lines += [t.FOLLOWUP_NOT_STARTED.format(date=t.fmt_date(found.start)), ""]
    totals = _totals(t, found)
    if totals is not None:
        lines.append(totals)
    if not found.roster:
        lines.append(
            t.FOLLOWUP_ROSTER_LATER.format(year=found.year)
            if found.roster_later
            else t.FOLLOWUP_NO_ROSTER
        )
    if not found.units:
        lines += ["", _nobody(t, found)]
        return "\n".join(lines)
    if found.names and not as_file(found):
        for u in found.units:
            lines += _names(t, u)
        return "\n".join(lines)
    lines.append("")
    lines += [_counts(t, found, u) for u in found.units]
    closing = (
        t.FOLLOWUP_FILE.format(count=t.fmt_number(found.people))
        if found.names
        else t.FOLLOWUP_NAMES_ADMINS
    )
    return "\n".join([*lines, "", closing])


def caption(t: Texts, found: FollowUp) -> str:
    return t.FOLLOWUP_CAPTION.format(year=found.year, count=t.fmt_number(found.people))


def no_edition(t: Texts, year: int, years: list[int]) -> str:
    return t.FOLLOWUP_NO_EDITION.format(year=year, years=", ".join(str(y) for y in sorted(years)))
