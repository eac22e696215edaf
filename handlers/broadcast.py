"""Organisers' broadcasts: compose, choose the audience, preview, send now or later, stop."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.core.inputs import WhenError, parse_when
from bot.core.numbers import parse_id
from bot.core.roles import Role
from bot.delivery.outbox_sender import audience_of
from bot.delivery.outgoing import Outgoing, deliver
from bot.ui import keyboards, render
from bot.ui.telegram_api import CAPTION, TEXT
from bot.ui.tg_html import parsed_length
from db.queries import broadcasts
from db.queries.admin import audit
from db.queries.broadcasts import Info
from db.queries.users import list_units
from handlers import broadcast_actions as actions
from handlers.access import allowed
from handlers.commands import PRIVATE, command
from handlers.commands import TEXT as TYPED_TEXT
from handlers.common import answer_button, conversation, replace_buttons, send, texts_for
from handlers.receipts import reply_after_commit

COMPOSE, WHEN = range(10, 12)
SCHEDULE_KEY = "broadcast_to_schedule"
CONTENT = PRIVATE & ((filters.TEXT & ~filters.COMMAND) | filters.PHOTO | filters.Document.ALL)


def _content(message: Message) -> broadcasts.Content | None:
    if message.text:
        return broadcasts.Content("text", message.text_html, None)
    if message.photo:
        return broadcasts.Content("photo", message.caption_html or "", message.photo[-1].file_id)
    if message.document:
        return broadcasts.Content("document", message.caption_html or "", message.document.file_id)
    return None


async def start(update: Update, context: BotContext) -> int:
    """/broadcast, /thongbao."""
    if not await allowed(update, context, Role.ORGANISER):
        return ConversationHandler.END
    await send(update, texts_for(update).BC_ASK_CONTENT)
    return COMPOSE


async def content(update: Update, context: BotContext) -> int:
    """The message to broadcast: stored as a draft, then the audience buttons."""
    t = texts_for(update)
    if not await allowed(update, context, Role.ORGANISER):
        return ConversationHandler.END
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    body = _content(message)
    if body is None:
        await send(update, t.BC_UNSUPPORTED)
        return COMPOSE
    limit = TEXT if body.kind == "text" else CAPTION
    length = parsed_length(body.text_html)
    if length > limit.high:
        await send(update, t.BC_TOO_LONG.format(length=length, limit=limit.high))
        return COMPOSE
    async with context.sessions() as session, session.begin():
        draft = await broadcasts.create_draft(
            session, user.id, message.chat_id, body, context.clock.now()
        )
    await send(update, t.BC_ASK_AUDIENCE, keyboards.broadcast_audiences(t, draft))
    return ConversationHandler.END


async def unsupported(update: Update, context: BotContext) -> int:
    await send(update, texts_for(update).BC_UNSUPPORTED)
    return COMPOSE


async def cancel(update: Update, context: BotContext) -> int:
    await send(update, texts_for(update).CANCELLED)
    return ConversationHandler.END


async def _preview(update: Update, context: BotContext, info: broadcasts.Info) -> None:
    """Show the message exactly as recipients get it, the audience and the count."""
    t = texts_for(update)
    async with context.sessions() as session:
        count = len(await audience_of(session, context.deps, info))
    label = t.BC_AUDIENCES.get(info.audience or "all", "")
    if count == 0:
        await replace_buttons(update, t.BC_NOBODY.format(audience=label),
                              keyboards.broadcast_audiences(t, info.id))  # fmt: skip
        return
    await replace_buttons(update, t.BC_ASK_AUDIENCE + " " + label)
    chat = update.effective_chat
    assert chat is not None
    await deliver(context.bot, chat.id, Outgoing.of(info.content))
    await send(update, t.BC_PREVIEW.format(audience=label, count=count),
               keyboards.broadcast_confirm(t, info.id))  # fmt: skip


def _parse(data: str) -> tuple[str, int, str] | None:
    """bc:<action>:<id>[:<arg>] -> (action, id, arg); None for anything else."""
    _, action, raw_id, *rest = [*data.split(":"), ""]
    broadcast_id = parse_id(raw_id)  # ASCII digits in the database's range, else None
    if broadcast_id is None:
        return None
    return action, broadcast_id, rest[0]


async def _mine(update: Update, context: BotContext, broadcast_id: int) -> Info | None:
    """The broadcast if the sender may act on it now; otherwise answers the button with a
    refusal (for another organiser's broadcast) and returns None."""
    user = update.effective_user
    assert user is not None
    async with context.sessions() as session:
        info = await broadcasts.get(session, broadcast_id)
        allowed_now = info is not None and await actions.may_act(session, context, user.id, info)
    if info is None or not allowed_now:
        await answer_button(update, None if info is None else texts_for(update).BC_NOT_YOURS)
        return None
    return info


async def button(update: Update, context: BotContext) -> None:
    """Every broadcast button (bc:<action>:<id>[:<arg>]): the role and the author are
    checked on each press, so forged button data cannot act on another's broadcast."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if not await allowed(update, context, Role.ORGANISER):
        return
    parsed = _parse(query.data)
    if parsed is None:
        await answer_button(update)
        return
    action, broadcast_id, arg = parsed
    info = await _mine(update, context, broadcast_id)
    if info is None:
        return
    await answer_button(update)
    t = texts_for(update)
    if action in {"stop", "cancel"}:
        await actions.stop(update, context, broadcast_id)
    elif action in {"redo", "redook", "redono"}:
        await actions.resend(update, context, action, info)
    elif info.status != "draft":
        await actions.show_state(update, context, info)
    elif action == "send":
        await actions.send_now(update, context, info)
    elif action == "aud" and arg == "unit":
        async with context.sessions() as session:
            units = await list_units(session, limit=30)
        markup = keyboards.broadcast_units(t, broadcast_id, units)
        await replace_buttons(update, t.BC_ASK_UNIT if units else t.BC_NO_UNITS, markup)
    elif action in {"aud", "unit"}:
        audience = "unit" if action == "unit" else arg
        if audience not in broadcasts.AUDIENCES:
            return
        unit_id = parse_id(arg) if action == "unit" else None
        async with context.sessions() as session, session.begin():
            changed = await broadcasts.set_audience(session, broadcast_id, audience, unit_id)
            fresh = await broadcasts.get(session, broadcast_id)
        assert fresh is not None
        if changed:
            await _preview(update, context, fresh)
        else:
            await actions.show_state(update, context, fresh)


async def ask_time(update: Update, context: BotContext) -> int:
    """The Schedule… button: ask for a time (conversation entry)."""
    query = update.callback_query
    assert query is not None and query.data is not None and context.user_data is not None
    if not await allowed(update, context, Role.ORGANISER):
        return ConversationHandler.END
    parsed = _parse(query.data)
    info = None if parsed is None else await _mine(update, context, parsed[1])
    if info is None:
        return ConversationHandler.END
    await answer_button(update)
    if info.status != "draft":
        await actions.show_state(update, context, info)
        return ConversationHandler.END
    context.user_data[SCHEDULE_KEY] = info.id
    await send(update, texts_for(update).BC_ASK_TIME)
    return WHEN


async def when_text(update: Update, context: BotContext) -> int:
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    assert context.user_data is not None
    t = texts_for(update)
    if not await allowed(update, context, Role.ORGANISER):
        return ConversationHandler.END
    try:
        when = parse_when(message.text, context.clock.now())
    except WhenError as exc:
        text = t.BC_TIME_PROBLEMS[exc.problem].format(text=render.echo(message.text))
        await send(update, text)
        return WHEN
    broadcast_id = int(context.user_data.pop(SCHEDULE_KEY, 0))
    async with context.sessions() as session, session.begin():
        info = await broadcasts.get(session, broadcast_id)
        # The author (or an admin) at this moment, as for every button.
        ok = info is not None and await actions.may_act(session, context, user.id, info)
        ok = ok and await broadcasts.schedule(session, broadcast_id, when)
        if ok and info is not None:
            count = len(await audience_of(session, context.deps, info))
            params = {"broadcast": broadcast_id, "at": when.isoformat()}
            await audit(session, user.id, "broadcast_schedule", params, context.clock.now())
    if not ok:
        await send(update, t.BC_GONE)
        return ConversationHandler.END
    text = t.BC_SCHEDULED.format(id=broadcast_id, when=t.fmt_moment(when), count=count)
    await reply_after_commit(
        update, context, text, keyboards.broadcast_cancel(t, broadcast_id), edit=False
    )
    return ConversationHandler.END


async def recent(update: Update, context: BotContext) -> None:
    """/broadcasts: the latest broadcasts with their figures."""
    if not await allowed(update, context, Role.ORGANISER):
        return
    user = update.effective_user
    assert user is not None
    t = texts_for(update)
    async with context.sessions() as session:
        rows = await broadcasts.recent(session)
        # Resend buttons for finished broadcasts with recipients in doubt that this person
        # may act on (their own; every one for an admin).
        doubts = [
            (info.id, n) for info, _ in rows
            if info.status == "done" and info.total
            and (n := await broadcasts.in_doubt(session, info.id))
            and await actions.may_act(session, context, user.id, info)
        ]  # fmt: skip
    text = render.broadcast_list(t, rows, context.clock.tz)
    await send(update, text, keyboards.broadcast_resend_list(t, doubts))


def build_compose() -> ConversationHandler[BotContext]:
    """Typed steps of a broadcast (the message, a schedule time); buttons are global."""
    return conversation(
        entry_points=[
            command("broadcast", start),
            CallbackQueryHandler(ask_time, pattern=rf"^{keyboards.BROADCAST_PREFIX}sched:[0-9]+$"),
        ],
        states={
            COMPOSE: [MessageHandler(CONTENT, content)],
            WHEN: [MessageHandler(TYPED_TEXT, when_text)],
        },
        fallbacks=[
            command("cancel", cancel),
            MessageHandler(PRIVATE & ~filters.COMMAND, unsupported),
        ],
        allow_reentry=True,
        conversation_timeout=timedelta(minutes=15),
        name="broadcast_compose",
    )


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        build_compose(),  # the typed steps; like the check-in flow, ahead of the free-text answerer
        command("broadcasts", recent),
        CallbackQueryHandler(button, pattern=f"^{keyboards.BROADCAST_PREFIX}"),
    ]
