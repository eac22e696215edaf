"""What an organiser reads about a broadcast's audience: which unit, how many it reaches, and
who it leaves out (the preview, /broadcasts and the stop report)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta, tzinfo
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.broadcasts import Listed
from bot.ui.buttons import BroadcastButton
from bot.ui.texts import Texts
from db.queries.audience import LeftOut
from db.queries.broadcasts import Info


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


def _reach(t: Texts, info: Info, count: int) -> str:
    """ "<b>3</b> recipients", "<b>1</b> group": the audience's size, singular or plural."""
    kind = ("groups" if info.audience == "groups" else "people") + ("_one" if count == 1 else "")
    return t.BC_RECIPIENTS[kind].format(count=t.fmt_number(count))


def preview(t: Texts, info: Info, count: int, found: LeftOut) -> str:
    """Under the preview: whom it goes to, how many, who is left out."""
    return t.BC_PREVIEW.format(
        audience=audience_label(t, info),
        recipients=_reach(t, info, count),
        left_out=left_out(t, found),
    )


def scheduled(t: Texts, info: Info, count: int, when: str) -> str:
    """The confirmation of a schedule: when, and to whom as the preview names them."""
    return t.BC_SCHEDULED.format(
        id=info.id, when=when, audience=audience_label(t, info), recipients=_reach(t, info, count)
    )


def nobody(t: Texts, info: Info, found: LeftOut) -> str:
    """The audience reaches nobody now: which one, and who it would have left out."""
    return t.BC_NOBODY.format(audience=audience_label(t, info), left_out=left_out(t, found))


def _listed(t: Texts, row: Listed, tz: tzinfo) -> str:
    info, tally = row.info, row.tally
    when = t.fmt_moment((info.scheduled_at or info.created_at).astimezone(tz))
    audience = audience_label(t, info) if info.audience else ""
    if info.status == "draft":
        if not info.audience:
            return t.BC_LIST_DRAFT.format(id=info.id, when=when)
        return t.BC_LIST_DRAFT_READY.format(id=info.id, when=when, audience=audience)
    if info.status == "scheduled":
        count = recipients(t, info, row.recipients)
        return t.BC_LIST_SCHEDULED.format(id=info.id, when=when, audience=audience, count=count)
    if info.status == "cancelled" and not info.total:
        return t.BC_LIST_CANCELLED.format(id=info.id, when=when)
    return t.BC_LIST_LINE.format(
        id=info.id,
        when=when,
        status=t.BC_STATUS.get(info.status, info.status),
        audience=audience or "—",
        sent=t.fmt_number(tally.sent),
        total=t.fmt_number(info.total),
        failed=t.fmt_number(tally.failed),
        blocked=t.fmt_number(tally.blocked),
        unknown=t.fmt_number(tally.unknown),
    )


def recipients(t: Texts, info: Info, count: int) -> str:
    """ "3 recipients" / "1 group": people or group chats, as the audience reaches."""
    return t.fmt_count(count, "group" if info.audience == "groups" else "recipient")


def _button(t: Texts, row: Listed) -> InlineKeyboardButton | None:
    """The action this person may take on a listed broadcast, as the buttons elsewhere."""
    info = row.info
    if row.action == "redo":
        label = t.BTN_RESEND_LIST.format(id=info.id, count=t.fmt_number(row.doubt))
    elif row.action == "stop":
        label = t.BTN_LIST_STOP.format(id=info.id)
    elif row.action == "cancel":
        draft = info.status == "draft"
        label = (t.BTN_LIST_DELETE_DRAFT if draft else t.BTN_LIST_CANCEL_SCHEDULE).format(
            id=info.id
        )
    else:
        return None
    return InlineKeyboardButton(label, callback_data=BroadcastButton(row.action, info.id).pack())


def broadcast_list(
    t: Texts, rows: Sequence[Listed], tz: tzinfo
) -> tuple[str, InlineKeyboardMarkup | None]:
    """/broadcasts: the latest broadcasts, each with its audience (by unit name) and figures,
    and a button for each one this person can act on; with none, how to make one."""
    if not rows:
        return t.BC_LIST_EMPTY, None
    lines = [t.BC_LIST_HEADER, ""] + [_listed(t, row, tz) for row in rows]
    buttons = [[b] for row in rows if (b := _button(t, row)) is not None]
    return "\n".join(lines), InlineKeyboardMarkup(buttons) if buttons else None


def time_example(now: datetime) -> str:
    """A schedule time to show as an example: tomorrow at 08:00, always ahead of `now`."""
    moment = datetime.combine(now.date() + timedelta(days=1), time(8), tzinfo=now.tzinfo)
    return moment.strftime("%H:%M %d/%m/%Y")


def cancel_button(t: Texts, broadcast_id: int) -> InlineKeyboardMarkup:
    """Under the time prompt: cancel the broadcast (its draft's own cancel button)."""
    data = BroadcastButton("cancel", broadcast_id).pack()
    return InlineKeyboardMarkup([[InlineKeyboardButton(t.BTN_CANCEL, callback_data=data)]])
