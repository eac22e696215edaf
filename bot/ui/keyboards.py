"""Inline keyboards and the callback_data they carry (ASCII, well under 64 bytes)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.inputs import ACTIVITIES
from bot.ui.buttons import (
    MENU_INTENTS,
    Activity,
    BroadcastButton,
    BroadcastChoice,
    BroadcastUnit,
    Delete,
    Duration,
    Menu,
    ReceiptUndo,
    RemindButton,
    ReportView,
    RoleChange,
    Undo,
)
from bot.ui.texts import Texts
from db.queries.users import UnitInfo

CANCEL = "cancel"
SKIP_NOTE = "note:skip"
CUSTOM_DURATION = "dur:custom"
UNDO_KEEP = "undo:keep"
CONSENT_YES = "consent:yes"
CONSENT_NO = "consent:no"
CONSENT_BACK = "consent:back"
ROLE_CANCEL = f"{RoleChange.prefix}:cancel"  # not a RoleChange: unpacks to None
MENU_CHECKIN = "menu:checkin"
MENU_PROFILE = "menu:profile"  # the profile form, step by step (handlers/flow.py)
AGAIN_YES = "again:yes"  # store the check-in that repeats one just made
AGAIN_NO = "again:no"

DURATION_CHOICES = (15, 30, 45, 60, 90)


DELETE_ASK, DELETE_YES, DELETE_NO = (Delete(a).pack() for a in ("ask", "yes", "no"))


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def cancel_row(t: Texts) -> list[InlineKeyboardButton]:
    return [_button(t.BTN_CANCEL, CANCEL)]


def main_menu(t: Texts) -> InlineKeyboardMarkup:
    labels = {
        "theme": t.BTN_THEME,
        "dates": t.BTN_DATES,
        "opening": t.BTN_OPENING,
        "purpose": t.BTN_PURPOSE,
    }
    buttons = [_button(labels[i], Menu(i).pack()) for i in MENU_INTENTS]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:], [_button(t.BTN_CHECKIN, MENU_CHECKIN)]])


def cancel_only(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([cancel_row(t)])


def durations(t: Texts) -> InlineKeyboardMarkup:
    buttons = [
        _button(t.BTN_MINUTES.format(minutes=m), Duration(m).pack()) for m in DURATION_CHOICES
    ]
    return InlineKeyboardMarkup(
        [buttons[:3], [*buttons[3:], _button(t.BTN_CUSTOM, CUSTOM_DURATION)], cancel_row(t)]
    )


def activities(t: Texts) -> InlineKeyboardMarkup:
    buttons = [_button(t.ACTIVITIES[a], Activity(a).pack()) for a in ACTIVITIES]
    return InlineKeyboardMarkup([[b] for b in buttons] + [cancel_row(t)])


def note(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(t.BTN_SKIP, SKIP_NOTE)], cancel_row(t)])


def undo(t: Texts, checkin_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.BTN_UNDO_YES, Undo(checkin_id).pack()), _button(t.BTN_UNDO_NO, UNDO_KEEP)]]
    )


def receipt(t: Texts, checkin_id: int) -> InlineKeyboardMarkup:
    """Under a receipt: undo this very check-in (asks first)."""
    return InlineKeyboardMarkup(
        [[_button(t.BTN_RECEIPT_UNDO, ReceiptUndo("ask", checkin_id).pack())]]
    )


def receipt_undo(t: Texts, checkin_id: int) -> InlineKeyboardMarkup:
    yes = _button(t.BTN_UNDO_YES, ReceiptUndo("yes", checkin_id).pack())
    return InlineKeyboardMarkup([[yes, _button(t.BTN_UNDO_NO, UNDO_KEEP)]])


def again(t: Texts) -> InlineKeyboardMarkup:
    """Store a check-in that repeats one just made, or not."""
    return InlineKeyboardMarkup(
        [[_button(t.BTN_AGAIN_YES, AGAIN_YES), _button(t.BTN_AGAIN_NO, AGAIN_NO)]]
    )


def reminders(t: Texts, enabled: bool) -> InlineKeyboardMarkup:
    """One toggle: the button offers the opposite of the current setting."""
    if enabled:
        return InlineKeyboardMarkup([[_button(t.BTN_REMIND_OFF, RemindButton("off").pack())]])
    return InlineKeyboardMarkup([[_button(t.BTN_REMIND_ON, RemindButton("on").pack())]])


def broadcast_audiences(t: Texts, broadcast_id: int) -> InlineKeyboardMarkup:
    rows = [
        [_button(label, BroadcastChoice("aud", broadcast_id, key).pack())]
        for key, label in t.BC_AUDIENCES.items()
    ]
    return InlineKeyboardMarkup(
        [*rows, [_button(t.BTN_CANCEL, BroadcastButton("cancel", broadcast_id).pack())]]
    )


def broadcast_units(
    t: Texts, broadcast_id: int, choices: Sequence[UnitInfo]
) -> InlineKeyboardMarkup:
    rows = [[_button(u.name[:60], BroadcastUnit.of(broadcast_id, u.id).pack())] for u in choices]
    return InlineKeyboardMarkup(
        [*rows, [_button(t.BTN_CANCEL, BroadcastButton("cancel", broadcast_id).pack())]]
    )


def broadcast_confirm(t: Texts, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(t.BTN_SEND_NOW, BroadcastButton("send", broadcast_id).pack()),
                _button(t.BTN_SCHEDULE, BroadcastButton("sched", broadcast_id).pack()),
            ],
            [_button(t.BTN_CANCEL, BroadcastButton("cancel", broadcast_id).pack())],
        ]
    )


def broadcast_stop(t: Texts, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.BTN_STOP, BroadcastButton("stop", broadcast_id).pack())]]
    )


def broadcast_resend(t: Texts, broadcast_id: int, count: int) -> InlineKeyboardMarkup:
    """Under a finished broadcast's report: resend to the recipients in doubt (asks first)."""
    label = t.BTN_RESEND.format(count=t.fmt_number(count))
    return InlineKeyboardMarkup([[_button(label, BroadcastButton("redo", broadcast_id).pack())]])


def broadcast_resend_list(
    t: Texts, doubts: Sequence[tuple[int, int]]
) -> InlineKeyboardMarkup | None:
    """Under /broadcasts: one resend button per (broadcast id, count in doubt)."""
    rows = [
        [
            _button(
                t.BTN_RESEND_LIST.format(id=i, count=t.fmt_number(n)),
                BroadcastButton("redo", i).pack(),
            )
        ]
        for i, n in doubts
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def broadcast_resend_confirm(t: Texts, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(t.BTN_RESEND_YES, BroadcastButton("redook", broadcast_id).pack()),
                _button(t.BTN_RESEND_NO, BroadcastButton("redono", broadcast_id).pack()),
            ]
        ]
    )


def broadcast_cancel(t: Texts, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.BTN_CANCEL_SCHEDULE, BroadcastButton("cancel", broadcast_id).pack())]]
    )


def report(t: Texts, year: int, admin: bool) -> InlineKeyboardMarkup:
    """Views of /stats; the personal-data ones only for admins."""

    def b(label: str, view: str) -> InlineKeyboardButton:
        return _button(label, ReportView(view, year).pack())

    rows = [[b(t.BTN_BY_DAY, "day"), b(t.BTN_BY_UNIT, "unit")], [b(t.BTN_CHART, "chart")]]
    if admin:
        rows[1].insert(0, b(t.BTN_TOP, "top"))
        rows.append([b(t.BTN_EXPORT, "xlsx"), b(t.BTN_CSV, "csv")])
    return InlineKeyboardMarkup(rows)


def delete_confirm(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.BTN_DELETE_YES, DELETE_YES), _button(t.BTN_DELETE_NO, DELETE_NO)]]
    )


def consent(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.BTN_CONSENT_YES, CONSENT_YES)], [_button(t.BTN_CONSENT_NO, CONSENT_NO)]]
    )


def erase_or_back(t: Texts) -> InlineKeyboardMarkup:
    """Declined consent on stored data: erase it, or back to the question (no "keep")."""
    return InlineKeyboardMarkup(
        [[_button(t.BTN_DELETE_YES, DELETE_YES), _button(t.BTN_BACK, CONSENT_BACK)]]
    )


def withdraw(t: Texts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(t.BTN_WITHDRAW, DELETE_ASK)]])


def role_confirm(t: Texts, grant: bool, telegram_id: int) -> InlineKeyboardMarkup:
    """Confirm a grant or revocation of the person shown (by id: a username may move)."""
    label = t.BTN_CONFIRM_GRANT if grant else t.BTN_CONFIRM_REVOKE
    action = "grant" if grant else "revoke"
    return InlineKeyboardMarkup(
        [
            [
                _button(label, RoleChange(action, telegram_id).pack()),
                _button(t.BTN_CANCEL, ROLE_CANCEL),
            ]
        ]
    )


def checkin_button(t: Texts) -> InlineKeyboardMarkup:
    """One button that enters the check-in flow (the menu's own entry point)."""
    return InlineKeyboardMarkup([[_button(t.BTN_CHECKIN, MENU_CHECKIN)]])


def profile_button(t: Texts) -> InlineKeyboardMarkup:
    """One button that opens the profile form (an entry point of the same flow)."""
    return InlineKeyboardMarkup([[_button(t.BTN_PROFILE, MENU_PROFILE)]])


def open_private(t: Texts, bot_username: str, payload: str | None) -> InlineKeyboardMarkup:
    """From a group: one button that opens the bot's private chat (t.me deep link), where
    /start reads `payload` and goes straight to what was asked for."""
    url = f"https://t.me/{bot_username}" + (f"?start={payload}" if payload else "")
    return InlineKeyboardMarkup([[InlineKeyboardButton(t.BTN_OPEN_PRIVATE, url=url)]])


def declined(t: Texts) -> InlineKeyboardMarkup:
    """After "I do not agree": the notice again (to register after all), or the main menu."""
    again = [_button(t.BTN_CONSENT_AGAIN, CONSENT_BACK)]
    return InlineKeyboardMarkup([again, *main_menu(t).inline_keyboard])


# --- misc ---


def report_back(t: Texts, year: int) -> InlineKeyboardMarkup:
    """Under a view of /stats: back to the summary with all the views."""
    return InlineKeyboardMarkup([[_button(t.BTN_STATS_SUMMARY, ReportView("sum", year).pack())]])


def after_undo(t: Texts) -> InlineKeyboardMarkup:
    """After a check-in was removed: log it again (the check-in flow's entry)."""
    return InlineKeyboardMarkup([[_button(t.BTN_CHECKIN_AGAIN, MENU_CHECKIN)]])


def duration_choices(t: Texts, choices: Sequence[int]) -> InlineKeyboardMarkup:
    """ "2 giờ" / "2 phút": what a bare number may mean, one button each, and cancel."""
    row = [_button(t.fmt_minutes(m), Duration(m).pack()) for m in choices]
    return InlineKeyboardMarkup([row, cancel_row(t)])
