"""Facts about the week: commands, menu buttons and free-text questions."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler

from bot.context import BotContext
from bot.ui import buttons, keyboards
from bot.ui.answers import answer, answer_fact
from handlers import chat
from handlers.commands import TEXT, command
from handlers.common import answer_button, requested_year, send, today


async def _fact(update: Update, context: BotContext, intent: str) -> None:
    t = context.t
    ok, year = await requested_year(update, context, context.args)
    if ok:
        await send(update, answer_fact(intent, context.deps.editions, year, today(context), t))


async def week(update: Update, context: BotContext) -> None:
    """/week [year] — overview and where we are now."""
    await _fact(update, context, "overview")


async def theme(update: Update, context: BotContext) -> None:
    await _fact(update, context, "theme")


async def dates(update: Update, context: BotContext) -> None:
    await _fact(update, context, "dates")


async def ceremony(update: Update, context: BotContext) -> None:
    await _fact(update, context, "opening")


async def menu_button(update: Update, context: BotContext) -> None:
    """A fact button of the main menu (menu:theme, menu:dates, …)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    button = buttons.Menu.unpack(query.data)
    await answer_button(update)
    if button is not None:  # else not a fact button the bot made: nothing to say
        await _fact(update, context, button.intent)


async def question(update: Update, context: BotContext) -> None:
    """Any other text in a private chat: understand it and answer from the data, or start
    the action it asks for (handlers/chat.py)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    t = context.t
    user = update.effective_user
    match = context.deps.matcher.match(message.text)
    if await chat.respond(update, context, match):  # a request, small talk, or a gap
        return
    reply = answer(match, context.deps.editions, today(context), t, user.first_name if user else "")
    await send(update, reply.text, keyboards.main_menu(t) if reply.with_menu else None)


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [
        command("week", week),
        command("theme", theme),
        command("dates", dates),
        command("ceremony", ceremony),
        CallbackQueryHandler(menu_button, pattern=buttons.Menu.pattern()),
        # Free text in private chats is a question: registered after every conversation, which
        # owns the text typed while it waits for a name, a unit or a note.
        MessageHandler(TEXT, question),
    ]
