"""/me: the running edition's week so far (each day ✅/—, today marked, the current streak),
else the last edition's result (its longest streak), and a delete button per recent entry."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.progress import Progress, Stage
from bot.services.checkins import MyWeek
from bot.ui import keyboards
from bot.ui.buttons import MyEntry
from bot.ui.texts import Texts
from bot.ui.texts.en import Count
from db.queries.checkins import CheckinInfo


def _days(t: Texts, figures: Progress) -> list[str]:
    lines = []
    for day in figures.days:
        fields = {"weekday": t.fmt_weekday(day.day), "date": t.fmt_date(day.day)}
        if day.done:
            line = t.ME_DAY_DONE.format(minutes=t.fmt_minutes(day.minutes), **fields)
        else:
            line = t.ME_DAY_MISSED.format(**fields)
        lines.append(line + (t.ME_TODAY if day.day == figures.today else ""))
    return lines


def _week_so_far(t: Texts, figures: Progress) -> list[str]:
    head = t.ME_WEEK_HEADER.format(
        year=figures.year,
        start=t.fmt_date(figures.start),
        end=t.fmt_date(figures.end),
        day=len(figures.days),
        days=figures.edition_days,
    )
    totals = t.ME_TOTALS.format(
        total=t.fmt_minutes(figures.minutes),
        days=figures.days_checked,
        window_days=figures.edition_days,
        streak=Count(figures.streaks.current),
    )
    empty = [t.ME_EMPTY] if figures.days_checked == 0 else []
    return [head, "", *_days(t, figures), *empty, "", totals]


def result(t: Texts, figures: Progress) -> list[str]:
    """An edition's result once it is over: its days, minutes and longest streak."""
    head = t.ME_RESULT_HEADER.format(
        year=figures.year, start=t.fmt_date(figures.start), end=t.fmt_date(figures.end)
    )
    totals = t.ME_RESULT_TOTALS.format(
        total=t.fmt_minutes(figures.minutes),
        days=figures.days_checked,
        window_days=figures.edition_days,
        streak=Count(figures.streaks.longest),
    )
    return [head, "", *_days(t, figures), "", totals]


def _note(t: Texts, week: MyWeek) -> str:
    view = week.outlook
    if view.stage is Stage.NEXT_KNOWN and view.upcoming is not None:
        return t.ME_NEXT_EDITION.format(
            year=view.upcoming.year, start=t.fmt_date(view.upcoming.start)
        )
    if view.stage is Stage.ENDED and view.shown is not None:
        return t.ME_EDITION_ENDED.format(year=view.shown.year, end=t.fmt_date(view.shown.end))
    return t.ME_NO_DATA.format(year=view.year)


def summary(t: Texts, week: MyWeek) -> str:
    """The text of /me."""
    name = week.profile.full_name or ""
    lines = [t.ME_NAME.format(name=escape(name), unit=escape(week.profile.unit_name or ""))]
    figures = week.progress
    if week.outlook.stage is Stage.DURING and figures is not None:
        lines += _week_so_far(t, figures)
        if week.recent:
            lines += ["", t.ME_DELETE_HINT]
        return "\n".join(lines)
    lines.append(_note(t, week))
    lines += ["", *result(t, figures)] if figures is not None else [t.ME_NO_RESULT]
    return "\n".join(lines)


def entry_label(t: Texts, c: CheckinInfo) -> str:
    return t.BTN_DELETE_ENTRY.format(
        date=t.fmt_date(c.local_date),
        minutes=t.fmt_minutes(c.minutes),
        activity=t.ACTIVITIES.get(c.activity, c.activity),
    )


def keyboard(t: Texts, week: MyWeek) -> InlineKeyboardMarkup:
    """Check in (while an edition runs), the reminders toggle, then one delete button per
    recent check-in of the running week."""
    rows = []
    if week.outlook.stage is Stage.DURING:
        rows += [list(row) for row in keyboards.checkin_button(t).inline_keyboard]
    rows += [
        list(row) for row in keyboards.reminders(t, week.profile.reminders_enabled).inline_keyboard
    ]
    for c in week.recent:
        rows.append(
            [InlineKeyboardButton(entry_label(t, c), callback_data=MyEntry("ask", c.id).pack())]
        )
    return InlineKeyboardMarkup(rows)


def confirm(t: Texts, checkin_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.BTN_ENTRY_DELETE, callback_data=MyEntry("yes", checkin_id).pack()
                ),
                InlineKeyboardButton(
                    t.BTN_UNDO_NO, callback_data=MyEntry("keep", checkin_id).pack()
                ),
            ]
        ]
    )
