"""/start (with its deep-link payloads) and /help, the menu's entry points."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import BotContext
from bot.core.roles import Role
from bot.services.access import current_role
from bot.ui import keyboards, menus
from bot.ui.answers import answer_fact
from handlers import certificates
from handlers.commands import command, sections_for
from handlers.common import send, today
from handlers.menus import publish_for
from handlers.reports import pick_edition

VERIFY_LINK = "xacthuc-"  # t.me/<bot>?start=xacthuc-<CODE> (bot/ui/files/certificate_pdf.py)


async def _role(update: Update, context: BotContext) -> Role:
    user = update.effective_user
    if user is None:
        return Role.OFFICIAL
    return await current_role(context.sessions, user.id, context.deps.settings.admin_ids)


async def _open(update: Update, context: BotContext, payload: str) -> bool:
    """Go straight to what a deep link asked for; False for a payload we do not know."""
    t, key = context.t, payload.lower()  # a link's words in any case; a code as it was written
    # "checkin" and "register" enter the conversation itself (handlers/flow.py's entry points).
    if key == "week":
        text = answer_fact("overview", context.deps.editions, None, today(context), t)
        await send(update, text, keyboards.main_menu(t))
    elif key == "help":
        await help_command(update, context)
    elif key == "chungnhan":  # /chungnhan typed in a group
        edition, _ = pick_edition(context, None)
        if edition is not None:
            await certificates.send_mine(update, context, edition)
    elif key == "xacthuc":  # /xacthuc typed in a group: how to send the code
        await certificates.verify_code(update, context, "")
    elif key.startswith(VERIFY_LINK):  # a certificate's QR code
        await certificates.verify_code(update, context, payload[len(VERIFY_LINK) :])
    else:
        return False
    return True


async def start(update: Update, context: BotContext) -> None:
    """Greeting with the main menu; a deep link's payload (t.me/<bot>?start=checkin) opens
    what it names instead. Organisers and admins get their own command menu here too (the
    first time an admin talks to the bot, Telegram knows their chat from now on)."""
    t = context.t
    args = context.args or []
    if args and await _open(update, context, args[0]):
        return
    user = update.effective_user
    name = escape(user.first_name) if user and user.first_name else t.FRIEND
    text = t.GREETING.format(name=name)
    if org := context.deps.settings.org_name:  # the agency (ORG_NAME) heads the greeting
        text = t.GREETING_ORG.format(org=escape(org)) + "\n" + text
    role = await _role(update, context)
    if role > Role.OFFICIAL and user is not None:
        await publish_for(context.bot, user.id, role)
        text += "\n\n" + t.STAFF_GREETING.format(role=menus.role_name(t, role))
    await send(update, text, keyboards.main_menu(t))


async def help_command(update: Update, context: BotContext) -> None:
    """What the bot does and the commands of the reader's role, by their menu's names."""
    t = context.t
    sections = sections_for(await _role(update, context), t.LANG)
    await send(update, menus.help_text(t, sections), keyboards.main_menu(t))


def handlers() -> list[BaseHandler[Any, BotContext, Any]]:
    """This feature's handlers in order, built fresh for each Application."""
    return [command("start", start), command("help", help_command)]
