"""My record: /me shows this week's check-ins and streak; /undo withdraws the last one."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.core.numbers import parse_id
from bot.core.progress import streak, study_window
from bot.ui import keyboards, render
from db.queries.checkins import checkin_days, last_checkin, list_checkins, undo_checkin
from db.queries.users import get_profile
from handlers.commands import command
from handlers.common import answer_button, contact_of, replace_buttons, send, texts_for, today
from handlers.receipts import reply_after_commit


async def me(update: Update, context: BotContext) -> None:
    """/me, /cuatoi."""
    t = texts_for(update)
    day = today(context)
    window = study_window(context.deps.editions, day)
    async with context.sessions() as session:
        profile = await get_profile(session, contact_of(update).telegram_id)
        if profile is None or not profile.registered:
            await send(update, t.NOT_REGISTERED)
            return
        entries = await list_checkins(session, profile.user_id, window.start, window.end)
        days = await checkin_days(session, profile.user_id, day)
    text = render.me_summary(
        t,
        name=profile.full_name or "",
        unit=profile.unit_name or "",
        window=window,
        checkins=entries,
        streak=streak(days, day),
    )
    await send(update, text, keyboards.reminders(t, profile.reminders_enabled))


async def undo(update: Update, context: BotContext) -> None:
    """/undo, /huy: show the last check-in with a confirm button."""
    t = texts_for(update)
    async with context.sessions() as session:
        profile = await get_profile(session, contact_of(update).telegram_id)
        last = await last_checkin(session, profile.user_id) if profile else None
    if last is None:
        await send(update, t.UNDO_NOTHING)
        return
    text = t.UNDO_CONFIRM.format(details=render.checkin_details(t, last))
    await send(update, text, keyboards.undo(t, last.id))


async def undo_button(update: Update, context: BotContext) -> None:
    """Confirm (undo:<id>) or keep (undo:keep). Only the owner's own check-in can go."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = texts_for(update)
    await answer_button(update)
    if query.data == keyboards.UNDO_KEEP:
        await replace_buttons(update, t.UNDO_KEPT)
        return
    checkin_id = parse_id(query.data.removeprefix(keyboards.UNDO_PREFIX))
    if checkin_id is None:  # not a button the bot made
        await replace_buttons(update, t.EXPIRED_BUTTON)
        return
    async with context.sessions() as session, session.begin():
        profile = await get_profile(session, contact_of(update).telegram_id)
        removed = None
        if profile is not None:
            removed = await undo_checkin(session, profile.user_id, checkin_id, context.clock.now())
    if removed is None:
        await reply_after_commit(update, context, t.UNDO_GONE)
    else:
        details = render.checkin_details(t, removed)
        await reply_after_commit(update, context, t.UNDONE.format(details=details))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("me", me),
        command("undo", undo),
        CallbackQueryHandler(undo_button, pattern=f"^{keyboards.UNDO_PREFIX}"),
    ]
