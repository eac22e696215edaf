"""Self-study check-in: one-line `/checkin 45 đọc sách`, or step by step with buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.core.cancel_words import is_skip
from bot.core.duration import DurationError, parse_duration, split_duration, without_correction
from bot.core.inputs import NOTE_MAX, clean_note, detect_activity
from bot.services import checkins
from bot.services.checkins import DAYS_BACK, NewCheckin, Outcome
from bot.ui import buttons, keyboards, render
from handlers import checkin_line as line
from handlers import consent, states
from handlers.common import (
    answer_button,
    cleaned_text,
    contact_of,
    replace_buttons,
    send,
    source_of,
    today,
)
from handlers.receipts import reply_after_commit


async def save(update: Update, context: BotContext, pending: states.PendingCheckin) -> int:
    """Store the check-in, commit, and only then confirm it.

    An official who has not registered yet is sent through registration first.
    """
    t = context.t
    moment = pending.sent_at or context.clock.now()
    entry = NewCheckin(
        pending.minutes, pending.activity, pending.note, pending.source, pending.day, pending.again
    )
    result = await checkins.record(
        context.sessions,
        contact_of(update).telegram_id,
        entry,
        now=moment,
        tz=context.clock.tz,
        editions=context.deps.editions,
    )
    if result.outcome is Outcome.NOT_REGISTERED:  # nothing was written
        return await _register_first(update, context, pending)
    states.clear_flow(context.user_data)
    markup = None
    if result.outcome is Outcome.LOOKS_REPEATED:  # nothing was written: ask first
        assert result.earlier is not None and context.user_data is not None
        context.user_data[states.AGAIN_PENDING] = pending
        text = render.repeat_question(t, result.earlier, context.clock.tz)
        await replace_buttons(update, text, keyboards.again(t))
        return states.AGAIN
    if result.outcome is Outcome.DAY_REFUSED:
        assert result.refused is not None and result.day is not None
        text = render.day_refused(t, result.refused.value, result.day, DAYS_BACK)
    elif result.outcome is Outcome.OVER_ELAPSED:
        text = render.elapsed_limit(t, result.elapsed, result.day_minutes)
    elif result.outcome is Outcome.OVER_DAY_LIMIT:
        assert result.day is not None  # the day it would have counted on
        text = render.day_limit(t, result.day_minutes, result.day, today(context))
    else:
        assert result.receipt is not None and result.window is not None
        text = render.receipt(t, result.receipt, result.window, today(context), result.outside)
        markup = keyboards.receipt(t, result.receipt.checkin.id)
    await reply_after_commit(update, context, text, markup)
    return ConversationHandler.END


async def _register_first(
    update: Update, context: BotContext, pending: states.PendingCheckin | None
) -> int:
    """Consent and registration first, then the check-in carries on where it was."""
    assert context.user_data is not None
    context.user_data[states.THEN_CHECKIN] = True
    if pending is not None:
        context.user_data[states.PENDING] = pending
    return await consent.ask(update, context)


async def start(update: Update, context: BotContext) -> int:
    """/checkin, /diemdanh or the menu button."""
    t = context.t
    await answer_button(update)
    states.clear_flow(context.user_data)
    assert context.user_data is not None
    line.typed(update, context)
    pending = None
    if context.args:
        named = await line.study_day(update, context, " ".join(context.args))
        if named is None:
            return ConversationHandler.END
        try:
            parsed = split_duration(named.rest)
        except DurationError as exc:
            if exc.choices:  # "/diemdanh 2 đọc sách": 2 hours or 2 minutes? Ask.
                return await line.ask_which(update, context, exc, named.day)
            await send(update, render.duration_problem(t, exc, named.rest))
            return ConversationHandler.END
        pending = await line.one_line(update, context, parsed.minutes, parsed.rest, named.day)
        if pending is None:
            return ConversationHandler.END
    if pending is not None:
        return await save(update, context, pending)  # checks registration in its transaction
    if not await checkins.registered(context.sessions, contact_of(update).telegram_id):
        return await _register_first(update, context, None)
    return await ask_duration(update, context)


async def _minutes_known(update: Update, context: BotContext, minutes: int) -> int:
    """The duration step is answered: finish a one-line check-in waiting for it, else ask the
    activity."""
    assert context.user_data is not None
    draft = context.user_data.get(states.DRAFT)
    typed = draft.get("line") if isinstance(draft, dict) else None
    if not isinstance(typed, str):
        return await _ask_activity(update, context, minutes)
    pending = await line.one_line(update, context, minutes, typed, line.draft_day(context))
    if pending is None:
        states.clear_flow(context.user_data)
        return ConversationHandler.END
    return await save(update, context, pending)


async def ask_duration(update: Update, context: BotContext) -> int:
    t = context.t
    await send(update, t.ASK_DURATION, keyboards.durations(t))
    return states.DURATION


async def after_registration(update: Update, context: BotContext) -> int:
    """Called by the profile flow once a user who wanted to check in has registered."""
    assert context.user_data is not None
    pending = context.user_data.pop(states.PENDING, None)
    context.user_data.pop(states.THEN_CHECKIN, None)
    if isinstance(pending, states.PendingCheckin):
        return await save(update, context, pending)
    return await ask_duration(update, context)


async def duration_button(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None and context.user_data is not None
    t = context.t
    await answer_button(update)
    if query.data == keyboards.CUSTOM_DURATION:
        await replace_buttons(update, t.ASK_CUSTOM_DURATION, keyboards.cancel_only(t))
        return states.DURATION
    button = buttons.Duration.unpack(query.data)
    if button is None:  # not one of our buttons
        await replace_buttons(update, t.EXPIRED_BUTTON)
        return ConversationHandler.END
    return await _minutes_known(update, context, button.minutes)


async def duration_text(update: Update, context: BotContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    named = await line.study_day(update, context, message.text)
    if named is None:
        return states.DURATION
    line.keep_day(context, named.day)
    try:
        minutes = parse_duration(named.rest)
    except DurationError as exc:
        if exc.choices:  # "2": hours or minutes?
            return await line.ask_which(update, context, exc, line.draft_day(context))
        t = context.t  # the quick picks and cancel stay: no dead end after a typo
        await send(update, render.duration_problem(t, exc, named.rest), keyboards.durations(t))
        return states.DURATION
    line.typed(update, context)
    return await _minutes_known(update, context, minutes)


async def _ask_activity(update: Update, context: BotContext, minutes: int) -> int:
    """Minutes are known (button or typed): keep them and ask what was studied."""
    assert context.user_data is not None
    t = context.t
    draft = context.user_data.get(states.DRAFT)
    day = draft.get("day") if isinstance(draft, dict) else None  # named at the duration step
    context.user_data[states.DRAFT] = {"minutes": minutes} | ({"day": day} if day else {})
    text = t.ASK_ACTIVITY.format(minutes=t.fmt_minutes(minutes))
    await replace_buttons(update, text, keyboards.activities(t))
    return states.ACTIVITY


async def activity_button(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None and context.user_data is not None
    t = context.t
    await answer_button(update)
    button = buttons.Activity.unpack(query.data)
    draft = context.user_data.get(states.DRAFT)
    if button is None or not isinstance(draft, dict):
        await replace_buttons(update, t.EXPIRED_BUTTON)
        return ConversationHandler.END
    draft["activity"] = button.code
    await replace_buttons(update, t.ASK_NOTE.format(limit=NOTE_MAX), keyboards.note(t))
    return states.NOTE


async def activity_text(update: Update, context: BotContext) -> int:
    """Text typed instead of pressing an activity button.

    A duration ("45p", "à nhầm, 1 tiếng rưỡi") corrects the one given and asks the activity
    again. Anything else is the activity it names (✨ Khác if none) and, whole, the note:
    nothing typed is lost ("đọc sách về chuyển đổi số").
    """
    message = update.effective_message
    assert message is not None and message.text is not None and context.user_data is not None
    draft = context.user_data.get(states.DRAFT)
    if not isinstance(draft, dict):
        return ConversationHandler.END
    named = await line.study_day(update, context, message.text)
    if named is None:
        return states.ACTIVITY
    line.keep_day(context, named.day)
    line.typed(update, context)
    if not named.rest:  # only a day ("hôm qua"): still waiting for the activity
        await send(update, context.t.ASK_ACTIVITY_AGAIN, keyboards.activities(context.t))
        return states.ACTIVITY
    try:
        minutes = parse_duration(without_correction(named.rest))
    except DurationError as exc:
        if exc.choices and not exc.rest:  # "à nhầm, 2": hours or minutes?
            return await line.ask_which(update, context, exc, line.draft_day(context))
    else:
        return await _ask_activity(update, context, minutes)
    note = await cleaned_text(update, context, clean_note, context.t.FIELD_NOTE, named.rest)
    if note is None:
        return states.ACTIVITY
    draft["activity"] = detect_activity(note)
    return await _finish(update, context, note)


async def _finish(update: Update, context: BotContext, note: str | None) -> int:
    assert context.user_data is not None
    draft = context.user_data.get(states.DRAFT)
    if not isinstance(draft, dict) or "activity" not in draft:
        await replace_buttons(update, context.t.EXPIRED_BUTTON)
        return ConversationHandler.END
    pending = states.PendingCheckin(
        draft["minutes"],
        draft["activity"],
        note,
        source_of(update),
        line.moment(update, context),
        draft.get("day"),
    )
    return await save(update, context, pending)


async def note_text(update: Update, context: BotContext) -> int:
    """The note; a day named in it ("… hôm qua") is the day studied, not part of the note."""
    message = update.effective_message
    assert message is not None and message.text is not None
    named = await line.study_day(update, context, message.text)
    if named is None:
        return states.NOTE
    line.keep_day(context, named.day)
    if (named.day is not None and not named.rest) or is_skip(named.rest):
        return await _finish(update, context, None)  # only a day, or "bỏ qua": no note
    note = await cleaned_text(update, context, clean_note, context.t.FIELD_NOTE, named.rest)
    if note is None:
        return states.NOTE
    return await _finish(update, context, note)


async def note_skip(update: Update, context: BotContext) -> int:
    await answer_button(update)
    return await _finish(update, context, None)
