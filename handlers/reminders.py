"""Reminder preferences (/remind), group subscriptions and the organisers' /schedule."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.core.roles import Role
from bot.services.reminders import schedule_overview
from bot.ui import keyboards, render
from db.queries.admin import audit
from db.queries.audience import set_group_subscription
from db.queries.users import get_profile, set_reminders
from handlers.access import allowed
from handlers.commands import GROUPS, command
from handlers.common import answer_button, contact_of, send, texts_for, today
from handlers.receipts import reply_after_commit

ON_WORDS = {"on", "bat", "bật", "1"}
OFF_WORDS = {"off", "tat", "tắt", "0"}


def _wanted(args: list[str] | None) -> bool | None:
    word = args[0].lower() if args else ""
    return True if word in ON_WORDS else False if word in OFF_WORDS else None


async def remind(update: Update, context: BotContext) -> None:
    """/remind [on|off], /nhacnho [bat|tat] in a private chat."""
    t = texts_for(update)
    wanted = _wanted(context.args)
    async with context.sessions() as session, session.begin():
        profile = await get_profile(session, contact_of(update).telegram_id)
        if profile is None or not profile.registered:
            await send(update, t.NOT_REGISTERED)
            return
        if wanted is not None:
            await set_reminders(session, profile.telegram_id, wanted)
    if wanted is None:
        enabled = profile.reminders_enabled
        text = t.REMIND_IS_ON if enabled else t.REMIND_IS_OFF
        await send(update, text, keyboards.reminders(t, enabled))
    else:
        text = t.REMIND_TURNED_ON if wanted else t.REMIND_TURNED_OFF
        await reply_after_commit(update, context, text, edit=False)


async def remind_button(update: Update, context: BotContext) -> None:
    """The on/off buttons under /remind and /me."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = texts_for(update)
    await answer_button(update)
    wanted = query.data == keyboards.REMIND_ON
    async with context.sessions() as session, session.begin():
        known = await set_reminders(session, contact_of(update).telegram_id, wanted)
    if not known:
        await send(update, t.NOT_REGISTERED)
        return
    await reply_after_commit(update, context, t.REMIND_TURNED_ON if wanted else t.REMIND_TURNED_OFF)


async def remind_group(update: Update, context: BotContext) -> None:
    """/remind on|off in a group: organisers and admins (un)subscribe the group."""
    t = texts_for(update)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    if not await allowed(update, context, Role.ORGANISER):
        return
    wanted = _wanted(context.args)
    if wanted is None:
        await send(update, t.REMIND_USAGE)
        return
    async with context.sessions() as session, session.begin():
        now = context.clock.now()
        await set_group_subscription(session, chat.id, chat.title, user.id, wanted, now)
        params = {"chat_id": chat.id, "title": chat.title, "subscribed": wanted}
        await audit(session, user.id, "group_subscription", params, now)
    text = t.REMIND_GROUP_ON if wanted else t.REMIND_GROUP_OFF
    await reply_after_commit(update, context, text, edit=False)


async def schedule(update: Update, context: BotContext) -> None:
    """/schedule, /lichnhac: every reminder of the edition with its time and recipients."""
    t = texts_for(update)
    if not await allowed(update, context, Role.ORGANISER):
        return
    overview = await schedule_overview(context.deps, today(context))
    await send(update, render.schedule(t, overview, context.deps.settings.bot_timezone))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("remind", remind),
        command("schedule", schedule),
        # In groups, organisers subscribe the group to reminders.
        command("remind", remind_group, chats=GROUPS),
        CallbackQueryHandler(remind_button, pattern=f"^{keyboards.REMIND_PREFIX}"),
    ]
