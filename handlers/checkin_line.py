"""The typed parts of a check-in: the day named in a text, a one-line "/diemdanh 30p …",
the "2 giờ hay 2 phút?" question, and the moment that dates a check-in (handlers/checkin.py
runs the steps)."""

from __future__ import annotations

from datetime import date, datetime

from telegram import Update

from bot.context import BotContext
from bot.core.duration import DurationError
from bot.core.inputs import InputError, clean_note, detect_activity
from bot.core.study_day import DayError, StudyDay, split_study_day
from bot.ui import keyboards, render
from handlers import states
from handlers.common import send, sent_at, source_of


async def one_line(
    update: Update, context: BotContext, minutes: int, rest: str, day: date | None
) -> states.PendingCheckin | None:
    """The check-in a one-line "/diemdanh 30p hôm qua đọc sách" makes once its minutes are
    known; None after saying what in `rest` cannot be stored."""
    t = context.t
    try:
        if day is None:  # "30p hôm qua đọc sách": the day just after the duration
            after = split_study_day(rest, sent_at(update, context).date())
            rest, day = after.rest, after.day
        note = clean_note(rest) if rest else None
    except DayError as exc:
        await send(update, t.DAY_UNKNOWN.format(text=render.echo(str(exc))))
        return None
    except InputError as exc:
        await send(update, render.input_problem(t, t.FIELD_NOTE, exc, rest))
        return None
    dated = moment(update, context)
    activity = detect_activity(rest)
    return states.PendingCheckin(minutes, activity, note, source_of(update), dated, day)


async def ask_which(
    update: Update, context: BotContext, error: DurationError, day: date | None
) -> int:
    """A bare "2" (or "1,5"): ask hours or minutes with a button each; what was typed after
    it waits in the draft (`line`) and completes the check-in once a button is pressed."""
    assert context.user_data is not None
    draft: dict[str, object] = {"day": day} if day else {}
    if error.rest:
        draft["line"] = error.rest
    context.user_data[states.DRAFT] = draft
    typed(update, context)
    t = context.t
    await send(
        update, render.duration_which(t, error), keyboards.duration_choices(t, error.choices)
    )
    return states.DURATION


async def study_day(update: Update, context: BotContext, text: str) -> StudyDay | None:
    """The day named in a typed text ("hôm qua", "thứ hai", "02/10") and the text without it;
    None after saying that a named day does not exist ("31/02")."""
    try:
        return split_study_day(text, sent_at(update, context).date())
    except DayError as exc:
        await send(update, context.t.DAY_UNKNOWN.format(text=render.echo(str(exc))))
        return None


def draft_day(context: BotContext) -> date | None:
    draft = (context.user_data or {}).get(states.DRAFT)
    day = draft.get("day") if isinstance(draft, dict) else None
    return day if isinstance(day, date) else None


def keep_day(context: BotContext, day: date | None) -> None:
    """A day named at a typed step holds for the check-in being made."""
    assert context.user_data is not None
    draft = context.user_data.setdefault(states.DRAFT, {})
    if day is not None and isinstance(draft, dict):
        draft["day"] = day


def typed(update: Update, context: BotContext) -> None:
    """Remember when the person last typed into this check-in (a command, a duration...)."""
    if update.message is not None and context.user_data is not None:
        context.user_data[states.TYPED_AT] = sent_at(update, context)


def moment(update: Update, context: BotContext) -> datetime:
    """The moment that dates a check-in finished by this update.

    A typed note dates it itself. A button press carries no time of its own, so the latest
    message typed into this check-in dates it (`/diemdanh` at 23:58, then buttons: that day),
    and with none typed (all buttons, from a reminder) the moment it is handled does.
    """
    if update.message is not None:
        return sent_at(update, context)
    typed = (context.user_data or {}).get(states.TYPED_AT)
    return typed if isinstance(typed, datetime) else context.clock.now()
