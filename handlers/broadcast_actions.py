"""What an organiser does to a broadcast once it exists: send, stop, see where it stands, and
resend to the recipients in doubt. Each function runs after the role and author checks of
handlers/broadcast.py."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot.context import BotContext
from bot.core.roles import Role
from bot.delivery.outbox_sender import audience_of, trigger_dispatch
from bot.delivery.progress_messages import progress_text
from bot.services.access import role_of
from bot.ui import keyboards
from db.queries import broadcasts
from db.queries.admin import audit
from db.queries.broadcasts import Info
from db.queries.privacy import ERASED_ID
from handlers.common import replace_buttons, send, texts_for
from handlers.receipts import reply_after_commit


async def may_act(session: AsyncSession, context: BotContext, user_id: int, info: Info) -> bool:
    """A broadcast is its author's: other organisers may see it, only admins may act on it."""
    if info.created_by == user_id:
        return True
    return await role_of(session, user_id, context.deps.settings.admin_ids) >= Role.ADMIN


async def show_state(update: Update, context: BotContext, info: Info) -> None:
    """Where a broadcast that is no longer a draft stands, with its figures and buttons."""
    t = texts_for(update)
    text = t.BC_STATE.get(info.status, t.BC_GONE).format(id=info.id)
    markup = None
    if info.status in {"sending", "done", "stopped"}:
        async with context.sessions() as session:
            tally = await broadcasts.tally(session, info.id)
            doubt = await broadcasts.in_doubt(session, info.id)
        text += "\n\n" + progress_text(t.LANG, info, tally)
        if info.status == "sending":
            markup = keyboards.broadcast_stop(t, info.id)
        elif info.status == "done" and doubt:
            markup = keyboards.broadcast_resend(t, info.id, doubt)
    await replace_buttons(update, text, markup)


async def stop(update: Update, context: BotContext, broadcast_id: int) -> None:
    """Stop a broadcast being sent, or cancel a draft or a scheduled one."""
    t, user = texts_for(update), update.effective_user
    assert user is not None
    async with context.sessions() as session, session.begin():
        now = context.clock.now()
        previous = await broadcasts.stop(session, broadcast_id, now)
        if previous is not None:
            action = "broadcast_stop" if previous == "sending" else "broadcast_cancel"
            await audit(session, user.id, action, {"broadcast": broadcast_id}, now)
        info = await broadcasts.get(session, broadcast_id)
        tally = await broadcasts.tally(session, broadcast_id)
    assert info is not None
    if previous is None:
        await show_state(update, context, info)
        return
    text = (t.BC_STOPPED if previous == "sending" else t.BC_CANCELLED).format(id=broadcast_id)
    if previous == "sending":  # the final report: what went out before the stop
        text += "\n\n" + progress_text(t.LANG, info, tally)
        if tally.pending:  # requests already made: they finish after this report
            text += "\n" + t.BC_STOPPED_IN_FLIGHT.format(count=t.fmt_number(tally.pending))
    await reply_after_commit(update, context, text)


async def send_now(update: Update, context: BotContext, info: Info) -> None:
    """Send now: recipients are chosen at this moment. A second press says where it stands."""
    user = update.effective_user
    assert user is not None
    async with context.sessions() as session, session.begin():
        now = context.clock.now()
        started = False
        if info.status == "draft":
            recipients = await audience_of(session, context.deps, info)
            started = await broadcasts.start(session, info.id, recipients, now, "draft")
        if started:
            params = {"broadcast": info.id, "audience": info.audience, "unit": info.unit_id,
                      "recipients": len(recipients)}  # fmt: skip
            await audit(session, user.id, "broadcast_send", params, now)
        fresh = await broadcasts.get(session, info.id)
    assert fresh is not None
    if not started:  # pressed twice, or already sent, stopped, cancelled, scheduled
        await show_state(update, context, fresh)
        return
    await _progress_message(update, context, fresh.id, texts_for(update).BC_STARTED, fresh.total)


async def _progress_message(
    update: Update, context: BotContext, broadcast_id: int, template: str, count: int
) -> None:
    """The confirmation, which becomes the live progress message. If Telegram fails it, none
    is recorded and the dispatcher sends the progress message anew: a correct receipt."""
    t = texts_for(update)
    text = template.format(id=broadcast_id, count=t.fmt_number(count))
    markup = keyboards.broadcast_stop(t, broadcast_id)
    shown = await reply_after_commit(update, context, text, markup, later=False)
    query = update.callback_query
    if shown and query is not None and query.message is not None:
        async with context.sessions() as session, session.begin():
            await broadcasts.set_progress_message(session, broadcast_id, query.message.message_id)
    trigger_dispatch(context)


async def resend(update: Update, context: BotContext, action: str, info: Info) -> None:
    """redo: how many are in doubt, and a confirm button; redook: requeue them (once);
    redono: leave it."""
    t, user = texts_for(update), update.effective_user
    assert user is not None
    if action == "redono":
        await replace_buttons(update, t.BC_RESEND_KEPT)
        return
    if info.created_by == ERASED_ID:  # its author erased their data, and its content with it
        await send(update, t.BC_RESEND_NONE.format(id=info.id))
        return
    if action == "redo":
        async with context.sessions() as session:
            doubt = await broadcasts.in_doubt(session, info.id)
        if info.status != "done" or not doubt:
            await send(update, t.BC_RESEND_NONE.format(id=info.id))
            return
        text = t.BC_RESEND_ASK.format(id=info.id, count=t.fmt_number(doubt))
        await send(update, text, keyboards.broadcast_resend_confirm(t, info.id))
        return
    async with context.sessions() as session, session.begin():
        now = context.clock.now()
        count = await broadcasts.resend_in_doubt(session, info.id, now)
        if count:
            params = {"broadcast": info.id, "recipients": count}
            await audit(session, user.id, "broadcast_resend", params, now)
    if not count:  # pressed twice: leave the message (now the progress report) as it is
        await send(update, t.BC_RESEND_NONE.format(id=info.id))
        return
    await _progress_message(update, context, info.id, t.BC_RESENDING, count)
