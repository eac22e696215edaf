"""Telegram's command menu per role and language, and the bot's description.

Everyone gets the default menu; an organiser's or admin's private chat gets their own
(BotCommandScopeChat), set at start-up, on /start and on grant, and removed on revoke so the
default shows again. A menu that cannot be set is logged and skipped: it never stops
start-up, a grant or a revocation.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.context import Deps
from bot.core.roles import Role
from bot.services.admin import menu_holders
from bot.ui import menus
from bot.ui.texts import En, Texts, Vi
from handlers.commands import sections_for

log = logging.getLogger(__name__)

# Telegram's language for each catalogue; no code: everyone without a menu of their own
# language, who read Vietnamese (bot/ui/texts for_language).
DEFAULT_LANGUAGES: tuple[tuple[str | None, Texts], ...] = ((None, Vi), ("vi", Vi), ("en", En))
# A chat's menu is looked up before any default one, so its languages must cover everyone.
CHAT_LANGUAGES: tuple[tuple[str | None, Texts], ...] = ((None, Vi), ("en", En))


def commands(t: Texts, role: Role) -> list[BotCommand]:
    """The menu `role` sees in t's language, by the names /help teaches in it."""
    return [BotCommand(n, d) for n, d in menus.menu(t, sections_for(role, t.LANG))]


async def publish_defaults(bot: Bot) -> None:
    """Everyone's menu, and what a person sees before pressing Start, in each language."""
    try:
        for language, t in DEFAULT_LANGUAGES:
            await bot.set_my_commands(commands(t, Role.OFFICIAL), language_code=language)
        for language, t in CHAT_LANGUAGES:
            await bot.set_my_description(t.DESCRIPTION, language_code=language)
            await bot.set_my_short_description(t.SHORT_DESCRIPTION, language_code=language)
    except TelegramError as exc:
        log.warning("could not publish the default menu: %s", exc)


async def publish_for(bot: Bot, chat_id: int, role: Role) -> bool:
    """The menu of `role` in this person's private chat (an official: the default again);
    False, logged, if Telegram could not be reached or refused."""
    scope = BotCommandScopeChat(chat_id)
    try:
        for language, t in CHAT_LANGUAGES:
            if role > Role.OFFICIAL:
                await bot.set_my_commands(commands(t, role), scope=scope, language_code=language)
            else:
                await bot.delete_my_commands(scope=scope, language_code=language)
    except TelegramError as exc:
        log.warning("could not set the %s menu of a chat: %s", role.name.lower(), exc)
        return False
    return True


async def publish_all(bot: Bot, deps: Deps) -> None:
    """At start-up: the default menu, then each admin's and organiser's own."""
    await publish_defaults(bot)
    for chat_id, role in await menu_holders(deps.sessions, deps.settings.admin_ids):
        await publish_for(bot, chat_id, role)
