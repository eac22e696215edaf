"""What an organiser reads about a broadcast's audience: which unit, how many it reaches, and
who it leaves out (the preview, /broadcasts and the stop report)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from html import escape

from bot.ui.texts import Texts
from db.queries.audience import LeftOut
from db.queries.broadcasts import Info, Tally


def audience_label(t: Texts, info: Info) -> str:
    """The audience as people say it: a one-unit audience by the unit's name (typed by
    people: escaped), never as "one unit"."""
    if info.audience == "unit":
        if info.unit_name is None:  # its last member erased their data
            return t.BC_AUDIENCE_UNIT_GONE
        return t.BC_AUDIENCE_UNIT.format(unit=escape(info.unit_name))
    return t.BC_AUDIENCES.get(info.audience or "all", "—")


def left_out(t: Texts, found: LeftOut) -> str:
    """ "; not sent to 2 who blocked the bot; 1 who turned reminders off still receive it",
    or "" when nobody is left out or in doubt."""
    parts = []
    if found.blocked:
        parts.append(t.BC_LEFT_OUT_BLOCKED.format(count=t.fmt_number(found.blocked)))
    if found.reminders_off:
        parts.append(t.BC_REMINDERS_OFF.format(count=t.fmt_number(found.reminders_off)))
    return "".join("; " + part for part in parts)


def preview(t: Texts, info: Info, count: int, found: LeftOut) -> str:
    """Under the preview: whom it goes to, how many, who is left out."""
    kind = "groups" if info.audience == "groups" else "people"
    return t.BC_PREVIEW.format(
        audience=audience_label(t, info),
        recipients=t.BC_RECIPIENTS[kind].format(count=t.fmt_number(count)),
        left_out=left_out(t, found),
    )


def nobody(t: Texts, info: Info, found: LeftOut) -> str:
    """The audience reaches nobody now: which one, and who it would have left out."""
    return t.BC_NOBODY.format(audience=audience_label(t, info), left_out=left_out(t, found))


def broadcast_list(t: Texts, rows: Sequence[tuple[Info, Tally]], tz: tzinfo) -> str:
    """/broadcasts: the latest broadcasts, each with its audience (by unit name) and figures."""
    if not rows:
        return t.BC_LIST_EMPTY
    lines = [t.BC_LIST_HEADER, ""]
    for info, tally in rows:
        lines.append(
            t.BC_LIST_LINE.format(
                id=info.id,
                when=t.fmt_moment((info.scheduled_at or info.created_at).astimezone(tz)),
                status=t.BC_STATUS.get(info.status, info.status),
                audience=audience_label(t, info) if info.audience else "—",
                sent=t.fmt_number(tally.sent),
                total=t.fmt_number(info.total),
                failed=t.fmt_number(tally.failed),
                blocked=t.fmt_number(tally.blocked),
                unknown=t.fmt_number(tally.unknown),
            )
        )
    return "\n".join(lines)
