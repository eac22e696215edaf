"""/start and /help, the menu's entry points."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.ui import keyboards
from handlers.commands import command
from handlers.common import send


async def start(update: Update, context: BotContext) -> None:
    """Greeting with the main menu."""
    t = context.t
    user = update.effective_user
    name = escape(user.first_name) if user and user.first_name else t.FRIEND
    await send(update, t.GREETING.format(name=name), keyboards.main_menu(t))


async def help_command(update: Update, context: BotContext) -> None:
    t = context.t
    await send(update, t.HELP, keyboards.main_menu(t))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [command("start", start), command("help", help_command)]
