"""My record: /me shows the week so far (or the last week's result) and deletes any check-in
of the running week; /undo withdraws the last one."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import BotContext
from bot.services import checkins
from bot.ui import buttons, keyboards, me_view, render
from handlers.commands import command
from handlers.common import answer_button, contact_of, replace_buttons, send, today
from handlers.receipts import reply_after_commit


async def me(update: Update, context: BotContext) -> None:
    """/me, /cuatoi."""
    t = context.t
    week = await checkins.my_week(
        context.sessions, contact_of(update).telegram_id, context.deps.editions, today(context)
    )
    if week is None:
        await send(update, t.NOT_REGISTERED)
        return
    await send(update, me_view.summary(t, week), me_view.keyboard(t, week))


async def undo(update: Update, context: BotContext) -> None:
    """/undo, /huy: show the last check-in with a confirm button."""
    t = context.t
    last = await checkins.last(context.sessions, contact_of(update).telegram_id)
    if last is None:
        await send(update, t.UNDO_NOTHING)
        return
    text = t.UNDO_CONFIRM.format(details=render.checkin_details(t, last))
    await send(update, text, keyboards.undo(t, last.id))


async def undo_button(update: Update, context: BotContext) -> None:
    """Confirm (undo:<id>) or keep (undo:keep). Only the owner's own check-in can go."""
    query = update.callback_query
    assert query is not None and query.data is not None
    t = context.t
    await answer_button(update)
    if query.data == keyboards.UNDO_KEEP:
        await replace_buttons(update, t.UNDO_KEPT)
        return
    button = buttons.Undo.unpack(query.data)
    if button is None:  # not a button the bot made
        await replace_buttons(update, t.EXPIRED_BUTTON)
        return
    removed = await checkins.undo(
        context.sessions, contact_of(update).telegram_id, button.checkin_id, context.clock.now()
    )
    if removed is None:
        await reply_after_commit(update, context, t.UNDO_GONE)
    else:
        details = render.checkin_details(t, removed)
        text, markup = t.UNDONE.format(details=details), keyboards.after_undo(t)
        await reply_after_commit(update, context, text, markup)


async def _tell(update: Update, button: buttons.MyEntry, text: str) -> None:
    """Answer a press: under /me's own message in a new message (the summary stays), under
    the confirmation by rewriting it (its buttons go)."""
    if button.action == "ask":
        await send(update, text)
    else:
        await replace_buttons(update, text)


async def entry_button(update: Update, context: BotContext) -> None:
    """A delete button under /me (mine:ask:<id>), its confirmation (mine:yes:<id>) or keep
    (mine:keep:<id>). The service checks ownership and the running week at the press."""
    query = update.callback_query
    assert query is not None
    t = context.t
    await answer_button(update)
    button = buttons.MyEntry.unpack(query.data)
    if button is None:  # not a button the bot made
        await replace_buttons(update, t.EXPIRED_BUTTON)
        return
    if button.action == "keep":
        await replace_buttons(update, t.UNDO_KEPT)
        return
    who, clock, editions = contact_of(update).telegram_id, context.clock, context.deps.editions
    if button.action == "ask":
        found = await checkins.own_entry(
            context.sessions,
            who,
            button.checkin_id,
            now=clock.now(),
            tz=clock.tz,
            editions=editions,
        )
    else:
        found = await checkins.delete_own(
            context.sessions, who, button.checkin_id, clock.now(), tz=clock.tz, editions=editions
        )
    if found.outcome is checkins.Removal.GONE or found.checkin is None:
        await _tell(update, button, t.ME_DELETE_GONE)
    elif found.outcome is checkins.Removal.CLOSED:
        await _tell(update, button, t.ME_DELETE_CLOSED)
    elif found.outcome is checkins.Removal.READY:
        details = render.checkin_details(t, found.checkin)
        markup = me_view.confirm(t, button.checkin_id)
        await send(update, t.ME_DELETE_CONFIRM.format(details=details), markup)
    else:
        details = render.checkin_details(t, found.checkin)
        text, markup = t.ME_DELETED.format(details=details), keyboards.after_undo(t)
        await reply_after_commit(update, context, text, markup)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("me", me),
        command("undo", undo),
        CallbackQueryHandler(undo_button, pattern=buttons.Undo.pattern()),
        CallbackQueryHandler(entry_button, pattern=buttons.MyEntry.pattern()),
    ]
