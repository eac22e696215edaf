"""Reminder preferences (/remind), group subscriptions and the organisers' /schedule."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.core.roles import Role
from bot.services import reminders
from bot.ui import keyboards, reminder_texts, render, staff_texts
from bot.ui.buttons import RemindButton
from handlers.access import requires
from handlers.commands import GROUPS, command
from handlers.common import answer_button, contact_of, send, today
from handlers.receipts import reply_after_commit

ON_WORDS = {"on", "bat", "bật", "1"}
OFF_WORDS = {"off", "tat", "tắt", "0"}


def _wanted(args: list[str] | None) -> bool | None:
    word = args[0].lower() if args else ""
    return True if word in ON_WORDS else False if word in OFF_WORDS else None


async def remind(update: Update, context: BotContext) -> None:
    """/remind [on|off], /nhacnho [bat|tat] in a private chat."""
    t = context.t
    wanted = _wanted(context.args)
    setting = await reminders.personal(context.sessions, contact_of(update).telegram_id, wanted)
    if not setting.registered:
        await send(update, t.NOT_REGISTERED, keyboards.profile_button(t))
    elif wanted is None:
        text = t.REMIND_IS_ON if setting.enabled else t.REMIND_IS_OFF
        text += _when_due(context) if setting.enabled else ""
        await send(update, text, keyboards.reminders(t, setting.enabled))
    else:
        text = t.REMIND_TURNED_ON + _when_due(context) if wanted else t.REMIND_TURNED_OFF
        await reply_after_commit(update, context, text, edit=False)


def _when_due(context: BotContext) -> str:
    """Outside a week: when reminders come next (or that none is due), on a new line."""
    note = reminder_texts.when_due(context.t, context.deps.editions, today(context))
    return "\n" + note if note else ""


async def remind_button(update: Update, context: BotContext) -> None:
    """The on/off buttons under /remind and /me."""
    query = update.callback_query
    assert query is not None
    t = context.t
    await answer_button(update)
    payload = RemindButton.unpack(query.data)
    # Anything but "remind:on" turned reminders off before the payloads were typed.
    wanted = payload is not None and payload.wanted
    known = await reminders.switch(context.sessions, contact_of(update).telegram_id, wanted)
    if not known:
        await send(update, t.NOT_REGISTERED, keyboards.profile_button(t))
        return
    text = t.REMIND_TURNED_ON + _when_due(context) if wanted else t.REMIND_TURNED_OFF
    await reply_after_commit(update, context, text)


@requires(Role.ORGANISER)
async def remind_group(update: Update, context: BotContext) -> None:
    """/remind on|off in a group: organisers and admins (un)subscribe the group."""
    t = context.t
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    wanted = _wanted(context.args)
    if wanted is None:
        await send(update, t.REMIND_USAGE)
        return
    await reminders.subscribe_group(
        context.sessions, chat.id, chat.title, user.id, wanted, context.clock.now()
    )
    text = t.REMIND_GROUP_ON if wanted else t.REMIND_GROUP_OFF
    await reply_after_commit(update, context, text, edit=False)


@requires(Role.ORGANISER)
async def schedule(update: Update, context: BotContext) -> None:
    """/schedule, /lichnhac: every reminder of the edition with its time and recipients."""
    deps = context.deps
    overview = await reminders.schedule_overview(
        context.sessions,
        deps.editions,
        deps.reminders,
        deps.clock.tz,
        today(context),
        context.clock.now(),
        deps.closing,
    )
    zone = staff_texts.zone_words(context.t, deps.settings.bot_timezone, context.clock.now())
    await send(update, render.schedule(context.t, overview, zone))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("remind", remind),
        command("schedule", schedule),
        # In groups, organisers subscribe the group to reminders.
        command("remind", remind_group, chats=GROUPS),
        CallbackQueryHandler(remind_button, pattern=RemindButton.pattern()),
    ]
