"""Registration: full name and unit, step by step or as `/profile Name | Unit`."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.core.inputs import (
    InputError,
    asks_something,
    clean_full_name,
    clean_unit,
    split_profile_line,
)
from bot.services import profile as profiles
from bot.ui import buttons, keyboards, render
from handlers import checkin, consent, states
from handlers.common import answer_button, cleaned_text, contact_of, replace_buttons, send
from handlers.receipts import reply_after_commit


async def start(update: Update, context: BotContext) -> int:
    """/profile, /hoso: one-line form with arguments, else ask for the name.

    "/hoso Lê Minh" (no "|") is the name: the unit is asked next, as in the step-by-step form.
    """
    t = context.t
    states.clear_flow(context.user_data)
    if context.args:
        line = " ".join(context.args)
        if "|" not in line:
            return await _name_only(update, context, line)
        try:
            name, unit = split_profile_line(line)
        except InputError as exc:
            field = t.FIELD_UNIT if exc.field == "unit" else t.FIELD_NAME
            await send(update, render.input_problem(t, field, exc, line))
            return ConversationHandler.END
        return await save(update, context, name, unit)
    if not await consent.on_record(update, context):
        return await consent.ask(update, context)
    return await ask_name(update, context)


async def ask_name(update: Update, context: BotContext) -> int:
    """The form's first step: the current profile if there is one, and the name prompt."""
    t = context.t
    profile = await profiles.current(context.sessions, contact_of(update).telegram_id)
    text = t.ASK_NAME
    if profile is not None and profile.registered:
        text = t.PROFILE_CURRENT.format(
            name=escape(profile.full_name or ""), unit=escape(profile.unit_name or "")
        )
    await send(update, text, keyboards.cancel_only(t))
    return states.NAME


async def _name_only(update: Update, context: BotContext, line: str) -> int:
    """The name from "/hoso Lê Minh"; after the notice if consent is not on record yet."""
    assert context.user_data is not None
    t = context.t
    try:
        name = clean_full_name(line)
    except InputError as exc:
        await send(update, render.input_problem(t, t.FIELD_NAME, exc, line))
        return ConversationHandler.END
    if not await consent.on_record(update, context):
        context.user_data[states.FULL_NAME] = name  # the unit is asked once they agree
        return await consent.ask(update, context)
    return await ask_unit(update, context, name)


async def _not_an_answer(
    update: Update, context: BotContext, waiting_for: str, *, unit: bool = False
) -> bool:
    """Say that the form waits for a name (or unit) if the text is a question or a request
    (never stored as one); True then."""
    message = update.effective_message
    assert message is not None and message.text is not None
    match = None if unit else context.deps.matcher.match(message.text)
    if not asks_something(message.text, match):
        return False
    t = context.t
    text = waiting_for.format(text=render.echo(message.text))
    await send(update, text, keyboards.cancel_only(t))
    return True


async def name_text(update: Update, context: BotContext) -> int:
    t = context.t
    if await _not_an_answer(update, context, t.NAME_NOT_A_QUESTION):
        return states.NAME
    name = await cleaned_text(update, context, clean_full_name, t.FIELD_NAME)
    if name is None:
        return states.NAME
    return await ask_unit(update, context, name)


async def ask_unit(update: Update, context: BotContext, name: str) -> int:
    """The name is known: keep it and ask for the unit (buttons if units are known)."""
    assert context.user_data is not None
    t = context.t
    context.user_data[states.FULL_NAME] = name
    choices = await profiles.unit_choices(context.sessions)
    shown = escape(name)
    if choices:
        await send(update, t.ASK_UNIT.format(name=shown), keyboards.units(t, choices))
    else:
        await send(update, t.ASK_UNIT_TYPE.format(name=shown), keyboards.cancel_only(t))
    return states.UNIT


async def unit_text(update: Update, context: BotContext) -> int:
    if await _not_an_answer(update, context, context.t.UNIT_NOT_A_QUESTION, unit=True):
        return states.UNIT
    unit = await cleaned_text(update, context, clean_unit, context.t.FIELD_UNIT)
    if unit is None:
        return states.UNIT
    return await _save_pending_name(update, context, unit)


async def unit_button(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None
    t = context.t
    await answer_button(update)
    button = buttons.UnitChoice.unpack(query.data)
    unit = None
    if button is not None:  # else not a button the bot made: as a unit that is gone
        unit = await profiles.unit_name(context.sessions, button.unit_id)
    if unit is None:
        await send(update, t.UNIT_GONE)
        return states.UNIT
    return await _save_pending_name(update, context, unit)


async def _save_pending_name(update: Update, context: BotContext, unit: str) -> int:
    assert context.user_data is not None
    name = context.user_data.get(states.FULL_NAME)
    if not isinstance(name, str):
        await replace_buttons(update, context.t.EXPIRED_BUTTON)
        return ConversationHandler.END
    return await save(update, context, name, unit)


async def save(update: Update, context: BotContext, name: str, unit: str) -> int:
    """Commit the profile, confirm it, then continue a check-in that was waiting for it.

    Without consent (on record or just given) nothing is stored: the name and unit wait in
    memory while the notice is shown.
    """
    t = context.t
    assert context.user_data is not None
    agreed = context.user_data.get(states.CONSENT_AT)
    profile = await profiles.register(
        context.sessions, contact_of(update), name, unit, context.clock.now(), consent_at=agreed
    )
    if profile is None:  # no consent: nothing was stored
        context.user_data[states.FULL_NAME], context.user_data[states.UNIT_NAME] = name, unit
        return await consent.ask(update, context)
    saved = render.profile_saved(t, profile.full_name or "", profile.unit_name or "")
    await reply_after_commit(update, context, saved)
    for key in (states.FULL_NAME, states.UNIT_NAME, states.CONSENT_AT):
        context.user_data.pop(key, None)
    if context.user_data.get(states.THEN_CHECKIN):
        return await checkin.after_registration(update, context)
    states.clear_flow(context.user_data)
    return ConversationHandler.END
