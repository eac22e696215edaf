"""Command names, their Vietnamese aliases and the chat filters: spelled once, used by all."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.context import BotContext

# CommandHandler also fires on edited messages by default; an edit must never store anything.
NEW = filters.UpdateType.MESSAGE
PRIVATE = filters.ChatType.PRIVATE & NEW
GROUPS = filters.ChatType.GROUPS & NEW
TEXT = PRIVATE & filters.TEXT & ~filters.COMMAND

# Every command the bot answers, English name first (the one in the menu), then aliases.
COMMANDS: dict[str, tuple[str, ...]] = {
    "start": ("start",),
    "help": ("help", "trogiup"),
    "week": ("week", "tuanle"),
    "theme": ("theme", "chude"),
    "dates": ("dates", "thoigian"),
    "ceremony": ("ceremony", "khaimac"),
    "me": ("me", "cuatoi"),
    "undo": ("undo", "huy"),
    "profile": ("profile", "hoso"),
    "checkin": ("checkin", "diemdanh"),
    "cancel": ("cancel",),
    "remind": ("remind", "nhacnho"),
    "schedule": ("schedule", "lichnhac"),
    "grant": ("grant", "capquyen"),
    "revoke": ("revoke", "thuhoi"),
    "roles": ("roles",),
    "audit": ("audit",),
    "broadcasts": ("broadcasts",),
    "broadcast": ("broadcast", "thongbao"),
    "stats": ("stats", "thongke"),
    "export": ("export",),
    "privacy": ("privacy", "baomat"),
    "deletemydata": ("deletemydata", "xoadulieu"),
}
EVERY_COMMAND = [name for names in COMMANDS.values() for name in names]

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]


def command(
    key: str, callback: Callback, chats: filters.BaseFilter = PRIVATE
) -> CommandHandler[BotContext, Any]:
    """The handler for COMMANDS[key] and its aliases; private chats unless told otherwise."""
    return CommandHandler(COMMANDS[key], callback, filters=chats)
