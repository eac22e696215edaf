"""Organisers' broadcasts: compose, schedule (typed steps) and the /broadcasts list; the
buttons are in handlers/broadcast_actions.py."""

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
from bot.core.choice import pick
from bot.core.roles import Role
from bot.core.when import WhenError, read_when
from bot.services import broadcasts as service
from bot.services.broadcasts import Content, Info, Outcome
from bot.ui import broadcast_texts, keyboards, render
from bot.ui.buttons import BroadcastButton, BroadcastChoice, BroadcastUnit
from bot.ui.telegram_api import CAPTION, TEXT
from bot.ui.tg_html import parsed_length
from handlers import broadcast_actions as actions
from handlers.access import requires
from handlers.commands import CANCEL_TEXT, PRIVATE, command
from handlers.commands import TEXT as TYPED_TEXT
from handlers.common import answer_button, conversation, or_end, send
from handlers.receipts import reply_after_commit

COMPOSE, WHEN, AUDIENCE, UNIT, CONFIRM = range(10, 15)
# The draft the flow works on: from the message on (its buttons), then the one to schedule.
SCHEDULE_KEY = "broadcast_to_schedule"
CONTENT = PRIVATE & ((filters.TEXT & ~filters.COMMAND) | filters.PHOTO | filters.Document.ALL)
END = ConversationHandler.END


def _content(message: Message) -> Content | None:
    if message.text:
        return Content("text", message.text_html, None)
    if message.photo:
        return Content("photo", message.caption_html or "", message.photo[-1].file_id)
    if message.document:
        return Content("document", message.caption_html or "", message.document.file_id)
    return None


@requires(Role.ORGANISER)
async def start(update: Update, context: BotContext) -> int:
    """/broadcast, /thongbao."""
    await send(update, context.t.BC_ASK_CONTENT)
    return COMPOSE


@requires(Role.ORGANISER)
async def content(update: Update, context: BotContext) -> int:
    """The message to broadcast: stored as a draft, then the audience buttons."""
    t = context.t
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
    draft = await service.create_draft(
        context.sessions, user.id, message.chat_id, body, context.clock.now()
    )
    assert context.user_data is not None
    context.user_data[SCHEDULE_KEY] = draft
    await send(update, t.BC_ASK_AUDIENCE, keyboards.broadcast_audiences(t, draft))
    return AUDIENCE


async def unsupported(update: Update, context: BotContext) -> int:
    await send(update, context.t.BC_UNSUPPORTED)
    return COMPOSE


async def cancel(update: Update, context: BotContext) -> int:
    await send(update, context.t.CANCELLED)
    return END


@requires(Role.ORGANISER)
async def ask_time(update: Update, context: BotContext) -> int:
    """The Schedule… button: ask for a time (conversation entry)."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    payload = BroadcastButton.unpack(query.data)
    info = None if payload is None else await actions.mine(update, context, payload.broadcast_id)
    if info is None:
        return END
    await answer_button(update)
    if info.status != "draft":
        await actions.show_state(update, context, await service.state(context.sessions, info))
        return END
    context.user_data[SCHEDULE_KEY] = info.id
    t = context.t
    text = t.BC_ASK_TIME.format(example=broadcast_texts.time_example(context.clock.now()))
    await send(update, text, broadcast_texts.cancel_button(t, info.id))
    return WHEN


@requires(Role.ORGANISER)
async def when_text(update: Update, context: BotContext) -> int:
    message, user = update.effective_message, update.effective_user
    assert message is not None and message.text is not None and user is not None
    assert context.user_data is not None
    t = context.t
    now = context.clock.now()
    try:
        when = read_when(message.text, now)
    except WhenError as exc:
        example = broadcast_texts.time_example(now)
        text = t.BC_TIME_PROBLEMS[exc.problem].format(
            text=render.echo(message.text), example=example
        )
        await send(update, text, broadcast_texts.cancel_button(t, context.user_data[SCHEDULE_KEY]))
        return WHEN
    broadcast_id = int(context.user_data.pop(SCHEDULE_KEY, 0))
    found = await service.schedule(
        context.sessions,
        context.deps,
        broadcast_id,
        user.id,
        context.deps.settings.admin_ids,
        when.moment,
    )
    if found is None:
        await send(update, t.BC_GONE)
        return END
    text = broadcast_texts.scheduled(t, found.info, found.count, t.fmt_moment(when.moment))
    if when.tomorrow:
        text += "\n" + t.BC_SCHEDULED_TOMORROW
    await reply_after_commit(
        update, context, text, keyboards.broadcast_cancel(t, broadcast_id), edit=False
    )
    return END


@requires(Role.ORGANISER)
async def recent(update: Update, context: BotContext) -> None:
    """/broadcasts: the latest broadcasts with their figures."""
    user = update.effective_user
    assert user is not None
    t = context.t
    admins = context.deps.settings.admin_ids
    found = await service.recent(context.sessions, context.deps, user.id, admins)
    text, markup = broadcast_texts.broadcast_list(t, found.rows, context.clock.tz)
    await send(update, text, markup)


# The buttons on offer after an audience choice; any other outcome ends the flow.
NEXT_STEP = {Outcome.UNITS: UNIT, Outcome.NOBODY: AUDIENCE, Outcome.PREVIEW: CONFIRM}


async def pressed(update: Update, context: BotContext) -> int | None:
    """A broadcast button while the flow waits for one: its action, then the step its
    outcome leads to (None, a refused choice, keeps the step)."""
    outcome = await actions.button(update, context)
    if outcome is Outcome.REFUSED:
        return None
    step = NEXT_STEP.get(outcome) if outcome is not None else None
    if step is None:
        return END
    query = update.callback_query
    data = None if query is None else query.data
    payload = BroadcastChoice.unpack(data) or BroadcastUnit.unpack(data)
    if payload is not None and context.user_data is not None:
        context.user_data[SCHEDULE_KEY] = payload.broadcast_id  # an older draft's buttons
    return step


async def _draft(update: Update, context: BotContext) -> Info | None:
    """The flow's draft while it is one; otherwise says where it stands and returns None."""
    assert context.user_data is not None
    broadcast_id = int(context.user_data.get(SCHEDULE_KEY, 0))
    info = await actions.mine(update, context, broadcast_id) if broadcast_id else None
    if info is None:
        await send(update, context.t.BC_GONE)
        return None
    if info.status != "draft":
        await actions.show_state(update, context, await service.state(context.sessions, info))
        return None
    return info


def _typed(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


async def _choose(
    update: Update, context: BotContext, info: Info, payload: BroadcastChoice | BroadcastUnit
) -> int:
    return NEXT_STEP.get(await actions.choose(update, context, info, payload), END)


@requires(Role.ORGANISER)
async def audience_text(update: Update, context: BotContext) -> int:
    """Typed at the audience buttons: an audience named without ambiguity, else the buttons
    again. Never the free-text answerer's: the flow is waiting for a choice."""
    t, info = context.t, await _draft(update, context)
    if info is None:
        return END
    names = {key: (label, *t.BC_AUDIENCE_WORDS[key]) for key, label in t.BC_AUDIENCES.items()}
    key = pick(_typed(update), names)
    if key is None:
        text = t.PICK_ONE + "\n" + t.BC_ASK_AUDIENCE
        await send(update, text, keyboards.broadcast_audiences(t, info.id))
        return AUDIENCE
    return await _choose(update, context, info, BroadcastChoice("aud", info.id, key))


@requires(Role.ORGANISER)
async def unit_text(update: Update, context: BotContext) -> int:
    """Typed at the unit buttons: a unit's name, with or without diacritics, or part of it."""
    t, info = context.t, await _draft(update, context)
    if info is None:
        return END
    units = await service.units(context.sessions)
    if not units:
        await send(update, t.BC_NO_UNITS, keyboards.broadcast_audiences(t, info.id))
        return AUDIENCE
    unit_id = pick(_typed(update), {u.id: (u.name,) for u in units})
    if unit_id is None:
        text = t.PICK_ONE + "\n" + t.BC_ASK_UNIT
        await send(update, text, keyboards.broadcast_units(t, info.id, units))
        return UNIT
    return await _choose(update, context, info, BroadcastUnit.of(info.id, unit_id))


@requires(Role.ORGANISER)
async def confirm_text(update: Update, context: BotContext) -> int:
    """Typed at Send now / Schedule… / Cancel: those buttons again."""
    t, info = context.t, await _draft(update, context)
    if info is None:
        return END
    audience = t.BC_AUDIENCE_LINE.format(audience=broadcast_texts.audience_label(t, info))
    await send(update, t.PICK_ONE + "\n" + audience, keyboards.broadcast_confirm(t, info.id))
    return CONFIRM


def build_compose() -> ConversationHandler[BotContext]:
    """A broadcast's steps: the message, its audience (and unit), send or schedule, the time.
    The buttons also work outside the flow (after a restart of the chat's flow, old
    messages): handlers() lists them after it."""
    return conversation(
        entry_points=[
            command("broadcast", start),
            CallbackQueryHandler(ask_time, pattern=BroadcastButton.pattern_of("sched")),
        ],
        states={
            # A typed "hủy", "thôi"… stops, as /cancel and /huy do; it is never the message.
            COMPOSE: [
                MessageHandler(CANCEL_TEXT, cancel),
                MessageHandler(CONTENT, or_end(content)),
            ],
            WHEN: [
                MessageHandler(CANCEL_TEXT, cancel),
                MessageHandler(TYPED_TEXT, or_end(when_text)),
                CallbackQueryHandler(pressed, pattern=BroadcastButton.pattern()),
            ],
            # Waiting for a button: the buttons, or what is typed read as one of them.
            **{
                step: [
                    MessageHandler(CANCEL_TEXT, cancel),
                    MessageHandler(PRIVATE & ~filters.COMMAND, or_end(typed)),
                    CallbackQueryHandler(pressed, pattern=BroadcastButton.pattern()),
                ]
                for step, typed in (
                    (AUDIENCE, audience_text),
                    (UNIT, unit_text),
                    (CONFIRM, confirm_text),
                )
            },
        },
        fallbacks=[
            command("cancel", cancel),
            MessageHandler(PRIVATE & ~filters.COMMAND, unsupported),
        ],
        allow_reentry=True,
        conversation_timeout=timedelta(minutes=15),
        name="broadcast_compose",
        persistent=True,  # kept in the database across restarts (bot/transport/persistence.py)
    )


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        build_compose(),  # the typed steps; like the check-in flow, ahead of the free-text answerer
        command("broadcasts", recent),
        CallbackQueryHandler(actions.button, pattern=BroadcastButton.pattern()),
    ]
