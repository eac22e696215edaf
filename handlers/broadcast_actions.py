"""The broadcast buttons: one table from each action on a broadcast that exists (choose its
audience, send, stop, see where it stands, resend to the recipients in doubt) to the handler
that does it. The role is checked on each press (@requires) and the author by the service, so
forged button data cannot act on another's broadcast; the payload types refuse the rest."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.context import BotContext
from bot.core.roles import Role
from bot.delivery import progress_messages
from bot.delivery.outbox_sender import trigger_dispatch
from bot.delivery.outgoing import Outgoing, deliver
from bot.services import broadcasts as service
from bot.services.broadcasts import Info, Outcome, Result
from bot.ui import broadcast_texts, keyboards
from bot.ui.buttons import BroadcastButton, BroadcastChoice, BroadcastUnit
from bot.ui.render import progress_text
from handlers.access import requires
from handlers.common import answer_button, replace_buttons, send
from handlers.receipts import reply_after_commit

Payload = BroadcastButton | BroadcastChoice | BroadcastUnit
# A choice returns its Outcome, so the compose flow knows which buttons are now on offer.
Action = Callable[[Update, BotContext, Info, Payload], Awaitable[Outcome | None]]


async def mine(update: Update, context: BotContext, broadcast_id: int) -> Info | None:
    """The broadcast if the sender may act on it now; otherwise answers the button with a
    refusal (for another organiser's broadcast) and returns None."""
    user = update.effective_user
    assert user is not None
    admins = context.deps.settings.admin_ids
    found = await service.access(context.sessions, broadcast_id, user.id, admins)
    if found.info is None or not found.allowed:
        await answer_button(update, None if found.info is None else context.t.BC_NOT_YOURS)
        return None
    return found.info


@requires(Role.ORGANISER)
async def button(update: Update, context: BotContext) -> Outcome | None:
    """Every broadcast button: bc:<action>:<id>, bc:aud:<id>:<audience>, bc:unit:<id>:<unit>.
    Returns the Outcome of an audience choice, None for the other actions."""
    query = update.callback_query
    assert query is not None
    payload: Payload | None = (
        BroadcastButton.unpack(query.data)
        or BroadcastChoice.unpack(query.data)
        or BroadcastUnit.unpack(query.data)
    )
    action = None if payload is None else ACTIONS.get(payload.action)
    if payload is None or action is None:  # forged or from an older bot: stop the spinner
        await answer_button(update)
        return None
    info = await mine(update, context, payload.broadcast_id)
    if info is None:
        return None
    await answer_button(update)
    return await action(update, context, info, payload)


async def choose(update: Update, context: BotContext, info: Info, payload: Payload) -> Outcome:
    """An audience button (or its name typed in the compose flow): which unit, or the
    audience set and the preview."""
    assert isinstance(payload, BroadcastChoice | BroadcastUnit)
    t = context.t
    result = await service.choose(
        context.sessions, context.deps, info, payload.audience, payload.unit_id
    )
    fresh = result.info
    if result.outcome is Outcome.UNITS:
        if result.units:
            markup = keyboards.broadcast_units(t, fresh.id, result.units)
            await replace_buttons(update, t.BC_ASK_UNIT, markup)
        else:  # "choose another audience": with the audiences to choose from
            markup = keyboards.broadcast_audiences(t, fresh.id)
            await replace_buttons(update, t.BC_NO_UNITS, markup)
    elif result.outcome is Outcome.NOBODY:
        markup = keyboards.broadcast_audiences(t, fresh.id)
        await replace_buttons(update, broadcast_texts.nobody(t, fresh, result.left_out), markup)
    elif result.outcome is Outcome.PREVIEW:  # the message exactly as recipients get it
        label = broadcast_texts.audience_label(t, fresh)
        await replace_buttons(update, t.BC_ASK_AUDIENCE + " " + label)
        chat = update.effective_chat
        assert chat is not None
        await deliver(context.bot, chat.id, Outgoing.of(fresh.content))
        text = broadcast_texts.preview(t, fresh, result.count, result.left_out)
        await send(update, text, keyboards.broadcast_confirm(t, fresh.id))
    elif result.outcome is Outcome.STATE:
        await show_state(update, context, result)
    # REFUSED: no such unit (a forged button), already answered: nothing to say
    return result.outcome


async def show_state(update: Update, context: BotContext, result: Result) -> None:
    """Where a broadcast that is no longer a draft stands, with its figures and buttons."""
    t, info = context.t, result.info
    text = t.BC_STATE.get(info.status, t.BC_GONE).format(id=info.id)
    markup = None
    if result.tally is not None:
        text += "\n\n" + progress_text(t, info, result.tally)
        if info.status == "sending":
            markup = keyboards.broadcast_stop(t, info.id)
        elif info.status == "done" and result.doubt:
            markup = keyboards.broadcast_resend(t, info.id, result.doubt)
    await replace_buttons(update, text, markup)


async def stop(update: Update, context: BotContext, info: Info, payload: Payload) -> None:
    """Stop a broadcast being sent, or cancel a draft or a scheduled one."""
    t, user = context.t, update.effective_user
    assert user is not None
    result = await service.stop(context.sessions, info.id, user.id, context.clock.now())
    if result.outcome is Outcome.STATE:
        await show_state(update, context, result)
        return
    stopped = result.outcome is Outcome.STOPPED
    text = (t.BC_STOPPED if stopped else t.BC_CANCELLED).format(id=info.id)
    if result.info.audience:  # a draft cancelled before its audience was chosen has none
        audience = broadcast_texts.audience_label(t, result.info)
        text += "\n" + t.BC_AUDIENCE_LINE.format(audience=audience)
    if stopped and result.tally is not None:  # the final report: what went out before
        text += "\n\n" + progress_text(t, result.info, result.tally)
        if result.tally.pending:  # requests already made: they finish after this report
            pending = t.fmt_number(result.tally.pending)
            text += "\n" + t.BC_STOPPED_IN_FLIGHT.format(count=pending)
    await reply_after_commit(update, context, text)


async def send_now(update: Update, context: BotContext, info: Info, payload: Payload) -> None:
    """Send now: recipients are chosen at this moment. A second press says where it stands."""
    user = update.effective_user
    assert user is not None
    result = await service.send_now(context.sessions, context.deps, info, user.id)
    if result.outcome is not Outcome.STARTED:  # pressed twice, or no longer a draft
        await show_state(update, context, result)
        return
    await _progress_message(update, context, result, context.t.BC_STARTED)


async def _progress_message(
    update: Update, context: BotContext, result: Result, template: str
) -> None:
    """The confirmation, which becomes the live progress message. If Telegram fails it, none
    is recorded and the dispatcher sends the progress message anew: a correct receipt."""
    t, broadcast_id = context.t, result.info.id
    text = template.format(id=broadcast_id, count=t.fmt_count(result.count, "recipient"))
    markup = keyboards.broadcast_stop(t, broadcast_id)
    shown = await reply_after_commit(update, context, text, markup, later=False)
    query = update.callback_query
    if shown and query is not None and query.message is not None:
        message_id = query.message.message_id
        await progress_messages.adopt(context.sessions, broadcast_id, message_id)
    trigger_dispatch(context)


async def offer_resend(update: Update, context: BotContext, info: Info, payload: Payload) -> None:
    """redo: how many are in doubt, and a confirm button."""
    t = context.t
    result = await service.resend_offer(context.sessions, info)
    if result.outcome is not Outcome.ASK:
        await send(update, t.BC_RESEND_NONE.format(id=info.id))
        return
    text = t.BC_RESEND_ASK.format(id=info.id, count=t.fmt_number(result.count))
    await send(update, text, keyboards.broadcast_resend_confirm(t, info.id))


async def resend(update: Update, context: BotContext, info: Info, payload: Payload) -> None:
    """redook: requeue those in doubt (once)."""
    t, user = context.t, update.effective_user
    assert user is not None
    result = await service.resend(context.sessions, info.id, user.id, context.clock.now())
    if result.outcome is not Outcome.STARTED:  # pressed twice: the message is the report now
        await send(update, t.BC_RESEND_NONE.format(id=info.id))
        return
    await _progress_message(update, context, result, t.BC_RESENDING)


async def keep(update: Update, context: BotContext, info: Info, payload: Payload) -> None:
    """redono: leave it."""
    await replace_buttons(update, context.t.BC_RESEND_KEPT)


ACTIONS: dict[str, Action] = {
    "stop": stop,
    "cancel": stop,
    "send": send_now,
    "aud": choose,
    "unit": choose,
    "redo": offer_resend,
    "redook": resend,
    "redono": keep,
    # "sched" is the Schedule… conversation's entry (handlers/broadcast.py).
}
