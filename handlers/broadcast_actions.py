"""The broadcast buttons: one switch over the actions on a broadcast once it exists (choose
its audience, send, stop, see where it stands, resend to the recipients in doubt). The role
is checked on each press (@requires) and the author by the service, so forged button data
cannot act on another's broadcast."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.core.numbers import parse_id
from bot.core.roles import Role
from bot.delivery.outbox_sender import trigger_dispatch
from bot.delivery.outgoing import Outgoing, deliver
from bot.delivery.progress_messages import progress_text
from bot.services import broadcasts as service
from bot.services.broadcasts import Info
from bot.ui import keyboards
from bot.ui.buttons import BroadcastButton, BroadcastChoice
from handlers.access import requires
from handlers.common import answer_button, replace_buttons, send
from handlers.receipts import reply_after_commit


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
async def button(update: Update, context: BotContext) -> None:
    """Every broadcast button: bc:<action>:<id> and bc:aud|unit:<id>:<choice>."""
    query = update.callback_query
    assert query is not None
    payload = BroadcastButton.unpack(query.data) or BroadcastChoice.unpack(query.data)
    if payload is None:  # forged or from an older bot: just stop the spinner
        await answer_button(update)
        return
    info = await mine(update, context, payload.broadcast_id)
    if info is None:
        return
    await answer_button(update)
    action = payload.action
    if action in {"stop", "cancel"}:
        await stop(update, context, info.id)
    elif action in {"redo", "redook", "redono"}:
        await resend(update, context, action, info)
    elif info.status != "draft":
        await show_state(update, context, info)
    elif action == "send":
        await send_now(update, context, info)
    elif isinstance(payload, BroadcastChoice):
        await choose(update, context, info, payload)


async def choose(update: Update, context: BotContext, info: Info, payload: BroadcastChoice) -> None:
    """An audience button: the unit list, or the audience set and the preview."""
    t = context.t
    if payload.action == "aud" and payload.choice == "unit":
        units = await service.units(context.sessions)
        markup = keyboards.broadcast_units(t, info.id, units)
        await replace_buttons(update, t.BC_ASK_UNIT if units else t.BC_NO_UNITS, markup)
        return
    audience = "unit" if payload.action == "unit" else payload.choice
    if audience not in service.AUDIENCES:
        return
    unit_id = parse_id(payload.choice) if payload.action == "unit" else None
    chosen = await service.choose_audience(context.sessions, info.id, audience, unit_id)
    if chosen.changed:
        await preview(update, context, chosen.info)
    else:
        await show_state(update, context, chosen.info)


async def preview(update: Update, context: BotContext, info: Info) -> None:
    """Show the message exactly as recipients get it, the audience and the count."""
    t = context.t
    count = await service.audience_size(context.sessions, context.deps, info)
    label = t.BC_AUDIENCES.get(info.audience or "all", "")
    if count == 0:
        await replace_buttons(
            update, t.BC_NOBODY.format(audience=label), keyboards.broadcast_audiences(t, info.id)
        )
        return
    await replace_buttons(update, t.BC_ASK_AUDIENCE + " " + label)
    chat = update.effective_chat
    assert chat is not None
    await deliver(context.bot, chat.id, Outgoing.of(info.content))
    await send(
        update,
        t.BC_PREVIEW.format(audience=label, count=count),
        keyboards.broadcast_confirm(t, info.id),
    )


async def show_state(update: Update, context: BotContext, info: Info) -> None:
    """Where a broadcast that is no longer a draft stands, with its figures and buttons."""
    t = context.t
    text = t.BC_STATE.get(info.status, t.BC_GONE).format(id=info.id)
    markup = None
    if info.status in {"sending", "done", "stopped"}:
        standing = await service.standing(context.sessions, info.id)
        text += "\n\n" + progress_text(t.LANG, info, standing.tally)
        if info.status == "sending":
            markup = keyboards.broadcast_stop(t, info.id)
        elif info.status == "done" and standing.doubt:
            markup = keyboards.broadcast_resend(t, info.id, standing.doubt)
    await replace_buttons(update, text, markup)


async def stop(update: Update, context: BotContext, broadcast_id: int) -> None:
    """Stop a broadcast being sent, or cancel a draft or a scheduled one."""
    t, user = context.t, update.effective_user
    assert user is not None
    stopped = await service.stop(context.sessions, broadcast_id, user.id, context.clock.now())
    previous, tally = stopped.previous, stopped.tally
    if previous is None:
        await show_state(update, context, stopped.info)
        return
    text = (t.BC_STOPPED if previous == "sending" else t.BC_CANCELLED).format(id=broadcast_id)
    if previous == "sending":  # the final report: what went out before the stop
        text += "\n\n" + progress_text(t.LANG, stopped.info, tally)
        if tally.pending:  # requests already made: they finish after this report
            text += "\n" + t.BC_STOPPED_IN_FLIGHT.format(count=t.fmt_number(tally.pending))
    await reply_after_commit(update, context, text)


async def send_now(update: Update, context: BotContext, info: Info) -> None:
    """Send now: recipients are chosen at this moment. A second press says where it stands."""
    user = update.effective_user
    assert user is not None
    result = await service.send_now(context.sessions, context.deps, info, user.id)
    if not result.started:  # pressed twice, or already sent, stopped, cancelled, scheduled
        await show_state(update, context, result.info)
        return
    await _progress_message(
        update, context, result.info.id, context.t.BC_STARTED, result.info.total
    )


async def _progress_message(
    update: Update, context: BotContext, broadcast_id: int, template: str, count: int
) -> None:
    """The confirmation, which becomes the live progress message. If Telegram fails it, none
    is recorded and the dispatcher sends the progress message anew: a correct receipt."""
    t = context.t
    text = template.format(id=broadcast_id, count=t.fmt_number(count))
    markup = keyboards.broadcast_stop(t, broadcast_id)
    shown = await reply_after_commit(update, context, text, markup, later=False)
    query = update.callback_query
    if shown and query is not None and query.message is not None:
        await service.set_progress_message(context.sessions, broadcast_id, query.message.message_id)
    trigger_dispatch(context)


async def resend(update: Update, context: BotContext, action: str, info: Info) -> None:
    """redo: how many are in doubt, and a confirm button; redook: requeue them (once);
    redono: leave it."""
    t, user = context.t, update.effective_user
    assert user is not None
    if action == "redono":
        await replace_buttons(update, t.BC_RESEND_KEPT)
        return
    if service.author_erased(info):  # its author erased their data, and its content with it
        await send(update, t.BC_RESEND_NONE.format(id=info.id))
        return
    if action == "redo":
        doubt = await service.in_doubt(context.sessions, info.id)
        if info.status != "done" or not doubt:
            await send(update, t.BC_RESEND_NONE.format(id=info.id))
            return
        text = t.BC_RESEND_ASK.format(id=info.id, count=t.fmt_number(doubt))
        await send(update, text, keyboards.broadcast_resend_confirm(t, info.id))
        return
    count = await service.resend(context.sessions, info.id, user.id, context.clock.now())
    if not count:  # pressed twice: leave the message (now the progress report) as it is
        await send(update, t.BC_RESEND_NONE.format(id=info.id))
        return
    await _progress_message(update, context, info.id, t.BC_RESENDING, count)
