"""Organisers' broadcasts: compose, choose the audience, preview, send now or later, stop."""

from __future__ import annotations

from datetime import timedelta
from html import escape

from telegram import Message, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import keyboards, render
from bot.context import BotContext
from bot.dispatcher import audience_of, trigger_dispatch
from bot.inputs import WhenError, parse_when
from bot.outgoing import Outgoing, deliver
from bot.progress_report import progress_text
from bot.roles import Role
from bot.telegram_api import CAPTION, TEXT
from bot.tg_html import parsed_length
from db.queries import broadcasts
from db.queries.admin import audit
from db.queries.users import list_units
from handlers.access import allowed
from handlers.common import answer_button, conversation, replace_buttons, send, texts_for

COMPOSE, WHEN = range(10, 12)
SCHEDULE_KEY = "broadcast_to_schedule"
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
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


async def button(update: Update, context: BotContext) -> None:
    """Every broadcast button (bc:<action>:<id>[:<arg>]); the role is checked on each press."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if not await allowed(update, context, Role.ORGANISER):
        return
    await answer_button(update)
    t = texts_for(update)
    _, action, raw_id, *rest = [*query.data.split(":"), ""]
    if not raw_id.isdigit():
        return
    broadcast_id, arg = int(raw_id), rest[0]
    user = update.effective_user
    assert user is not None
    async with context.sessions() as session, session.begin():
        now = context.clock.now()
        info = await broadcasts.get(session, broadcast_id)
        if info is None:
            return
        if action in {"stop", "cancel"}:
            previous = await broadcasts.stop(session, broadcast_id, now)
            if previous is not None:
                await audit(session, user.id, "broadcast_stop" if previous == "sending"
                            else "broadcast_cancel", {"broadcast": broadcast_id}, now)  # fmt: skip
        elif info.status != "draft":
            previous = None
        elif action == "aud" and arg == "unit":
            units = await list_units(session, limit=30)
        elif action in {"aud", "unit"}:
            audience = "unit" if action == "unit" else arg
            if audience in broadcasts.AUDIENCES:
                unit_id = int(arg) if action == "unit" and arg.isdigit() else None
                await broadcasts.set_audience(session, broadcast_id, audience, unit_id)
        elif action == "send":
            recipients = await audience_of(session, context.deps, info)
            await broadcasts.start(session, broadcast_id, recipients, now, from_status="draft")
            await audit(session, user.id, "broadcast_send",
                        {"broadcast": broadcast_id, "audience": info.audience,
                         "unit": info.unit_id, "recipients": len(recipients)}, now)  # fmt: skip
        info = await broadcasts.get(session, broadcast_id)
    assert info is not None
    if action in {"stop", "cancel"}:
        done = previous is not None
        text = (t.BC_STOPPED if previous == "sending" else t.BC_CANCELLED) if done else t.BC_GONE
        text = text.format(id=broadcast_id)
        if previous == "sending":  # the final report: what went out before the stop
            async with context.sessions() as session:
                tally = await broadcasts.tally(session, broadcast_id)
            text += "\n\n" + progress_text(t.LANG, info, tally)
        await replace_buttons(update, text)
    elif info.status != "draft" and action != "send":
        await replace_buttons(update, t.BC_GONE)
    elif action == "aud" and arg == "unit":
        markup = keyboards.broadcast_units(t, broadcast_id, units)
        await replace_buttons(update, t.BC_ASK_UNIT if units else t.BC_NO_UNITS, markup)
    elif action in {"aud", "unit"}:
        await _preview(update, context, info)
    elif action == "send":
        await _started(update, context, info)


async def _started(update: Update, context: BotContext, info: broadcasts.Info) -> None:
    t = texts_for(update)
    await replace_buttons(update, t.BC_STARTED.format(id=info.id, count=info.total),
                          keyboards.broadcast_stop(t, info.id))  # fmt: skip
    query = update.callback_query
    if query is not None and query.message is not None:
        async with context.sessions() as session, session.begin():
            await broadcasts.set_progress_message(session, info.id, query.message.message_id)
    trigger_dispatch(context)


async def ask_time(update: Update, context: BotContext) -> int:
    """The Schedule… button: ask for a time (conversation entry)."""
    query = update.callback_query
    assert query is not None and query.data is not None and context.user_data is not None
    if not await allowed(update, context, Role.ORGANISER):
        return ConversationHandler.END
    await answer_button(update)
    context.user_data[SCHEDULE_KEY] = int(query.data.rsplit(":", 1)[1])
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
        text = t.BC_TIME_PROBLEMS[exc.problem].format(text=escape(message.text[:40]))
        await send(update, text)
        return WHEN
    broadcast_id = int(context.user_data.pop(SCHEDULE_KEY, 0))
    async with context.sessions() as session, session.begin():
        info = await broadcasts.get(session, broadcast_id)
        ok = info is not None and await broadcasts.schedule(session, broadcast_id, when)
        if ok and info is not None:
            count = len(await audience_of(session, context.deps, info))
            params = {"broadcast": broadcast_id, "at": when.isoformat()}
            await audit(session, user.id, "broadcast_schedule", params, context.clock.now())
    if not ok:
        await send(update, t.BC_GONE)
        return ConversationHandler.END
    text = t.BC_SCHEDULED.format(id=broadcast_id, when=t.fmt_moment(when), count=count)
    await send(update, text, keyboards.broadcast_cancel(t, broadcast_id))
    return ConversationHandler.END


async def recent(update: Update, context: BotContext) -> None:
    """/broadcasts: the latest broadcasts with their figures."""
    if not await allowed(update, context, Role.ORGANISER):
        return
    async with context.sessions() as session:
        rows = await broadcasts.recent(session)
    await send(update, render.broadcast_list(texts_for(update), rows, context.clock.tz))


def build_compose() -> ConversationHandler[BotContext]:
    """Typed steps of a broadcast (the message, a schedule time); buttons are global."""
    return conversation(
        entry_points=[
            CommandHandler(["broadcast", "thongbao"], start, filters=PRIVATE),
            CallbackQueryHandler(ask_time, pattern=rf"^{keyboards.BROADCAST_PREFIX}sched:\d+$"),
        ],
        states={
            COMPOSE: [MessageHandler(CONTENT, content)],
            WHEN: [MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, when_text)],
        },
        fallbacks=[
            CommandHandler("cancel", cancel),
            MessageHandler(PRIVATE & ~filters.COMMAND, unsupported),
        ],
        allow_reentry=True,
        conversation_timeout=timedelta(minutes=15),
        name="broadcast_compose",
    )
