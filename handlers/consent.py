"""Consent before registration: the data notice, "I agree" and "I do not agree".

Nothing about a person is stored in their profile before they agree: a one-line profile waits
in memory (user_data) for the answer, the step-by-step form starts only after it. Someone
registered before the notice existed is asked on their next check-in or profile change;
declining is withdrawing (Law 91/2025/QH15): it leads to the erasure of their data, with a
way back to the question, never to keeping it (README, "Consent").

The buttons answer the question that is open (states.CONSENT_OPEN). A press on a notice that
is no longer open — answered already, declined, erased, or forgotten by a restart — says so
and asks again (or says the consent is on record); it never claims to record anything.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import BotContext
from bot.core.inputs import consent_reply
from bot.services import privacy as privacy_service
from bot.services import profile as profiles
from bot.services.privacy import Declined
from bot.services.profile import Standing
from bot.ui import keyboards
from bot.ui.answers import FACT_INTENTS, answer
from bot.ui.texts import Texts
from handlers import checkin, profile, states
from handlers.common import answer_button, contact_of, replace_buttons, send, today
from handlers.receipts import reply_after_commit

# Free text while the question is open that is answered as a question would be elsewhere.
ANSWERED_INTENTS = FACT_INTENTS | {"greeting", "help"}


async def _standing(update: Update, context: BotContext) -> Standing:
    return await profiles.standing(context.sessions, contact_of(update).telegram_id)


def _agreed_in_flow(context: BotContext) -> bool:
    """Agreed earlier in this flow: the consent waits in memory to be stored with the profile."""
    return context.user_data is not None and context.user_data.get(states.CONSENT_AT) is not None


async def on_record(update: Update, context: BotContext) -> bool:
    """The sender agreed to the current notice (on record, or earlier in this flow)."""
    return _agreed_in_flow(context) or (await _standing(update, context)).consented


async def _question(
    update: Update, context: BotContext, t: Texts, standing: Standing | None = None
) -> str:
    """The notice, after a line saying why it is asked now; the question is open from here.
    `standing`: where the sender stands, if the caller has just read it."""
    assert context.user_data is not None
    if standing is None:
        standing = await _standing(update, context)
    lead = ""
    if standing.earlier_notice:  # they agreed before; the notice has changed since
        lead = t.CONSENT_LEAD_CHANGED
    elif standing.registered:
        lead = t.CONSENT_LEAD_EXISTING
    elif context.user_data.get(states.THEN_CHECKIN):
        lead = t.CONSENT_LEAD_CHECKIN
    context.user_data[states.CONSENT_OPEN] = True
    return lead + notice(t, context)


async def ask(update: Update, context: BotContext, standing: Standing | None = None) -> int:
    """Show the notice with its two buttons; what was asked for waits in user_data."""
    t = context.t
    await send(update, await _question(update, context, t, standing), keyboards.consent(t))
    return states.CONSENT


def controller(t: Texts, context: BotContext) -> str:
    """Who controls the data and whom to contact (PRIVACY_CONTACT), as HTML."""
    return escape(context.deps.settings.privacy_contact or t.PRIVACY_CONTACT_DEFAULT)


def notice(t: Texts, context: BotContext) -> str:
    days = context.deps.settings.inbox_retention_days
    return t.CONSENT_NOTICE.format(days=days, controller=controller(t, context))


async def waiting(update: Update, context: BotContext) -> int | None:
    """Text typed while the notice waits for an answer: it is not stored in a profile.

    A typed "đồng ý" / "không đồng ý" answers it like the buttons. A question about the data
    is answered with the notice, one about the week from the data; the buttons come again.
    """
    t = context.t
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None
    reply = consent_reply(message.text)
    if reply is not None:
        return await (agree if reply else decline)(update, context)
    match = context.deps.matcher.match(message.text)
    if match.intent == "privacy":
        await send(update, notice(t, context))
        await send(update, t.CONSENT_STILL_OPEN, keyboards.consent(t))
    elif match.intent in ANSWERED_INTENTS:
        name = user.first_name if user else ""
        answered = answer(match, context.deps.editions, today(context), t, name)
        await send(update, answered.text)
        await send(update, t.CONSENT_STILL_OPEN, keyboards.consent(t))
    else:
        await send(update, t.CONSENT_PRESS, keyboards.consent(t))
    assert context.user_data is not None
    context.user_data[states.CONSENT_OPEN] = True  # the buttons just sent answer it
    return states.CONSENT


async def _stale(update: Update, context: BotContext, agreeing: bool) -> int | None:
    """A press on a notice that is not open: say so truthfully. With consent on record (or
    given earlier in this flow) nothing changes, whatever the person is doing goes on (None
    keeps the conversation's state); otherwise the question is asked afresh."""
    t = context.t
    standing = None if _agreed_in_flow(context) else await _standing(update, context)
    if standing is None or standing.consented:
        await _still_agreed(update, context, agreeing)
        return None
    await replace_buttons(update, t.CONSENT_EXPIRED)
    return await ask(update, context, standing)


async def _still_agreed(update: Update, context: BotContext, agreeing: bool) -> None:
    """The consent is on record (or given in this flow): nothing changes."""
    t = context.t
    await replace_buttons(update, t.CONSENT_ALREADY if agreeing else t.CONSENT_WITHDRAW_HOW)


async def back(update: Update, context: BotContext) -> int:
    """ "Back" under the erasure offer: the consent question again."""
    t = context.t
    await answer_button(update)
    await replace_buttons(update, await _question(update, context, t), keyboards.consent(t))
    return states.CONSENT


async def agree(update: Update, context: BotContext) -> int | None:
    """Record the consent, then carry on with what the person had asked for."""
    assert context.user_data is not None
    t = context.t
    await answer_button(update)
    # Read, and closed only after the commit: a database outage makes the update run again,
    # and the question must still be open then.
    if not context.user_data.get(states.CONSENT_OPEN, False):
        return await _stale(update, context, agreeing=True)
    now = context.clock.now()
    data = context.user_data
    # Registered before the notice: their data exists, so the consent is stored at once.
    existing = await privacy_service.agree(context.sessions, contact_of(update).telegram_id, now)
    data.pop(states.CONSENT_OPEN, None)
    if not existing:
        data[states.CONSENT_AT] = now  # stored with the profile, the moment it is saved
    # The buttons go at once: what follows may be a new message (the next question). Only a
    # stored consent is worth a later receipt: a chat row must not outlive someone who has
    # stored nothing yet.
    await reply_after_commit(update, context, t.CONSENT_RECORDED, later=existing)
    name, unit = data.get(states.FULL_NAME), data.get(states.UNIT_NAME)
    if isinstance(name, str) and isinstance(unit, str):
        return await profile.save(update, context, name, unit)
    if isinstance(name, str):  # "/hoso Lê Minh": the name waits, the unit comes next
        return await profile.ask_unit(update, context, name)
    if existing and data.get(states.THEN_CHECKIN):
        return await checkin.after_registration(update, context)
    if existing:
        return await profile.ask_name(update, context)
    # The notice said why (CONSENT_LEAD_CHECKIN): the form itself need not say it again.
    await send(update, t.ASK_NAME, keyboards.cancel_only(t))
    return states.NAME


async def decline(update: Update, context: BotContext) -> int | None:
    """Nothing is stored; what the person typed for it is purged from the raw inbox.

    Someone registered before the notice is told that without consent their data is erased,
    and offered the erasure or the question again — never keeping their data without consent
    (a slip of the finger must not erase, hence the second step).
    """
    assert context.user_data is not None
    t = context.t
    await answer_button(update)
    is_open = bool(context.user_data.get(states.CONSENT_OPEN))
    if not is_open and _agreed_in_flow(context):
        await _still_agreed(update, context, agreeing=False)
        return None
    contact = contact_of(update)
    declined = await privacy_service.decline(
        context.sessions,
        contact.telegram_id,
        context.clock.now(),
        keep_consent=not is_open,  # a press on a notice no longer open changes nothing
        username=contact.username,
        current_update=update.update_id,
    )
    if declined is Declined.ON_RECORD:
        await _still_agreed(update, context, agreeing=False)
        return None
    if declined is Declined.REGISTERED:
        # What was asked for stays in user_data: "Back" (an entry point) reopens the question
        # and carries on from there. The conversation ends meanwhile, so that the erasure
        # button (outside it) leaves no conversation waiting behind.
        context.user_data.pop(states.CONSENT_OPEN, None)
        await replace_buttons(update, t.CONSENT_DECLINED_EXISTING, keyboards.erase_or_back(t))
        return ConversationHandler.END
    states.clear_flow(context.user_data)
    # Not queued for later: a notice row would keep the chat id of someone just erased.
    markup = keyboards.declined(t)  # the notice again (a flow entry point), or the menu
    await reply_after_commit(update, context, t.CONSENT_DECLINED, markup, later=False)
    return ConversationHandler.END
