"""/start and /help, the menu's entry points."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.context import BotContext
from bot.ui import keyboards
from handlers.common import answer_button, send, texts_for


async def start(update: Update, context: BotContext) -> None:
    """Greeting with the main menu."""
    t = texts_for(update)
    user = update.effective_user
    name = escape(user.first_name) if user and user.first_name else t.FRIEND
    await send(update, t.GREETING.format(name=name), keyboards.main_menu(t))


async def help_command(update: Update, context: BotContext) -> None:
    t = texts_for(update)
    await send(update, t.HELP, keyboards.main_menu(t))


async def expired_button(update: Update, context: BotContext) -> None:
    """A button from a finished conversation or an old message: say so, change nothing."""
    await answer_button(update, texts_for(update).EXPIRED_BUTTON)
