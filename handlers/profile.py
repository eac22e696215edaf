"""Registration: full name and unit, step by step or as `/profile Name | Unit`."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup, Update
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
from bot.services.profile import Outcome, Registration
from bot.ui import buttons, keyboards, registration_texts, render, unit_keyboards
from bot.ui.texts import Texts
from handlers import checkin, consent, states
from handlers.common import answer_button, cleaned_text, contact_of, replace_buttons, send, today
from handlers.receipts import reply_after_commit

# How many typed units in a row the list did not have (not kept across a restart: at worst
# the first answer again). Reset whenever the unit is asked afresh or stored.
UNIT_MISSES = "unit_misses"


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


async def _listing(update: Update, context: BotContext) -> profiles.UnitList:
    """The units to offer, with the one the staff list names for the name typed, if any."""
    assert context.user_data is not None
    name = context.user_data.get(states.FULL_NAME)
    telegram_id = contact_of(update).telegram_id
    full_name = name if isinstance(name, str) else None
    return await profiles.unit_list(context.sessions, telegram_id, full_name)


def _picker(t: Texts, listing: profiles.UnitList, page: int = 0) -> InlineKeyboardMarkup:
    return unit_keyboards.unit_picker(t, listing.units, page, listing.listed)


async def ask_unit(update: Update, context: BotContext, name: str) -> int:
    """The name is known: keep it and ask for the unit (its invite link's, or the picker,
    headed by the unit the staff list names for this name when it names one)."""
    assert context.user_data is not None
    t = context.t
    context.user_data[states.FULL_NAME] = name
    context.user_data.pop(UNIT_MISSES, None)
    preset = context.user_data.get(states.PRESET_UNIT)
    if isinstance(preset, int):  # came by a unit's invite link: the unit is chosen already
        return await save(update, context, name, preset)
    listing = await _listing(update, context)
    shown = escape(name)
    if listing.units:
        text = (t.ASK_UNIT_LISTED if listing.roster else t.ASK_UNIT_PICK).format(name=shown)
        if listing.listed is not None:
            text += "\n" + t.UNIT_PICK_LISTED.format(unit=escape(listing.listed.name))
        await send(update, text, _picker(t, listing))
    else:
        await send(update, t.ASK_UNIT_TYPE.format(name=shown), keyboards.cancel_only(t))
    return states.UNIT


async def unit_text(update: Update, context: BotContext) -> int:
    """Typed in the unit step: it filters the list (one match proposed, several shown);
    without a staff list, a unit nobody has yet is created as typed."""
    assert context.user_data is not None
    t = context.t
    if await _not_an_answer(update, context, t.UNIT_NOT_A_QUESTION, unit=True):
        return states.UNIT
    unit = await cleaned_text(update, context, clean_unit, t.FIELD_UNIT)
    if unit is None:
        return states.UNIT
    return await _offer(update, context, unit)


async def _offer(update: Update, context: BotContext, unit: str) -> int:
    """The units `unit` (typed) finds: its exact name is taken, else they are offered."""
    assert context.user_data is not None
    t = context.t
    listing = await _listing(update, context)
    found = listing.find(unit)
    exact = [u for u in found if profiles.unit_key(u.name) == profiles.unit_key(unit)]
    if exact:
        return await _save_pending_name(update, context, exact[0].id)
    if not found and not listing.roster:
        return await _save_pending_name(update, context, unit)  # a new unit, as typed
    shown = render.echo(unit)
    if not found:
        await send(update, _not_listed(context, shown), _picker(t, listing))
        return states.UNIT
    typed = None
    if not listing.roster:
        context.user_data[states.UNIT_TYPED] = unit
        typed = unit
    if len(found) == 1:
        text = t.UNIT_ONE_MATCH.format(unit=shown, found=escape(found[0].name))
    else:
        text = t.UNIT_SOME_MATCH.format(unit=shown, count=len(found))
    await send(update, text, unit_keyboards.unit_matches(t, found, typed))
    return states.UNIT


async def unit_button(update: Update, context: BotContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None
    t = context.t
    await answer_button(update)
    button = buttons.UnitChoice.unpack(query.data) or buttons.UnitSure.unpack(query.data)
    if button is None:  # not a button the bot made: as a unit that is gone
        await send(update, t.UNIT_GONE)
        return states.UNIT
    sure = isinstance(button, buttons.UnitSure)
    return await _save_pending_name(update, context, button.unit_id, sure=sure)


async def unit_new(update: Update, context: BotContext) -> int:
    """ "➕ <typed>": the unit as typed, a new one (offered only without a staff list)."""
    assert context.user_data is not None
    await answer_button(update)
    typed = context.user_data.get(states.UNIT_TYPED)
    if not isinstance(typed, str):
        await replace_buttons(update, context.t.EXPIRED_BUTTON)
        return ConversationHandler.END
    return await _save_pending_name(update, context, typed)


async def unit_page(update: Update, context: BotContext) -> int:
    """ "◀" / "▶" (or "the whole list"): another page of the units, in the same message."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await answer_button(update)
    button = buttons.UnitPage.unpack(query.data)
    listing = await _listing(update, context)
    page = 0 if button is None else button.page
    t = context.t
    markup = _picker(t, listing, page)
    pages = unit_keyboards.unit_pages(len(listing.units))
    text = t.UNITS_PAGE.format(page=min(page, pages - 1) + 1, pages=pages)
    await replace_buttons(update, text, markup)
    return states.UNIT


async def _save_pending_name(
    update: Update, context: BotContext, unit: str | int, *, sure: bool = False
) -> int:
    assert context.user_data is not None
    name = context.user_data.get(states.FULL_NAME)
    if not isinstance(name, str):
        await replace_buttons(update, context.t.EXPIRED_BUTTON)
        return ConversationHandler.END
    return await save(update, context, name, unit, sure=sure)


async def save(
    update: Update, context: BotContext, name: str, unit: str | int, *, sure: bool = False
) -> int:
    """Commit the profile, confirm it, then continue a check-in that was waiting for it.

    Without consent (on record or just given) nothing is stored: the name and unit wait in
    memory while the notice is shown. A unit not on the staff list, or a name the list has in
    another unit, is asked about first (nothing stored meanwhile).
    """
    t = context.t
    data = context.user_data
    assert data is not None
    agreed = data.get(states.CONSENT_AT)
    done = await profiles.enrol(
        context.sessions,
        contact_of(update),
        name,
        unit,
        context.clock.now(),
        consent_at=agreed,
        sure=sure,
    )
    if done.outcome is Outcome.CONSENT:  # no consent: nothing was stored
        data[states.FULL_NAME] = name
        if isinstance(unit, str):
            data[states.UNIT_NAME] = unit
        else:
            data[states.PRESET_UNIT] = unit
        return await consent.ask(update, context)
    data[states.FULL_NAME] = name  # the unit is asked again
    data.pop(states.UNIT_NAME, None)
    data.pop(states.PRESET_UNIT, None)
    if done.outcome is Outcome.ELSEWHERE:
        assert done.elsewhere is not None and done.chosen is not None
        text = t.UNIT_ELSEWHERE.format(
            name=escape(name), listed=escape(done.elsewhere.name), chosen=escape(done.chosen.name)
        )
        await send(update, text, unit_keyboards.unit_elsewhere(t, done.elsewhere, done.chosen))
        return states.UNIT
    if done.outcome is Outcome.UNLISTED and isinstance(unit, str):
        return await _offer(update, context, unit)
    if done.outcome is not Outcome.SAVED or done.profile is None:
        listing = await _listing(update, context)
        await send(update, t.UNIT_GONE_PICK, _picker(t, listing))
        return states.UNIT
    then_checkin = bool(data.get(states.THEN_CHECKIN))
    saved, markup = saved_text(context, done, next_step=not then_checkin)
    await reply_after_commit(update, context, saved, markup)
    for key in (states.FULL_NAME, states.UNIT_NAME, states.CONSENT_AT, states.UNIT_TYPED):
        data.pop(key, None)
    data.pop(UNIT_MISSES, None)
    if then_checkin:
        return await checkin.after_registration(update, context)
    states.clear_flow(data)
    return ConversationHandler.END


def _not_listed(context: BotContext, shown: str) -> str:
    """A typed unit the list does not have: counted, and said (bot.ui.registration_texts)."""
    assert context.user_data is not None
    misses = context.user_data.get(UNIT_MISSES, 0)
    misses = misses + 1 if isinstance(misses, int) else 1
    context.user_data[UNIT_MISSES] = misses
    contact = context.deps.settings.privacy_contact
    return registration_texts.not_listed(context.t, shown, misses, contact)


def saved_text(
    context: BotContext, done: Registration, *, next_step: bool = True
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The confirmation of a stored profile, with the next step (bot.ui.registration_texts)."""
    editions, day = context.deps.editions, today(context)
    return registration_texts.saved(context.t, done, editions, day, next_step=next_step)
