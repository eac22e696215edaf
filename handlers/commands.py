"""Command names, their Vietnamese aliases and the chat filters: spelled once, used by all."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.ext import CommandHandler, filters

from bot.context import BotContext
from bot.core.cancel_words import is_cancel

# CommandHandler also fires on edited messages by default; an edit must never store anything.
NEW = filters.UpdateType.MESSAGE
PRIVATE = filters.ChatType.PRIVATE & NEW
GROUPS = filters.ChatType.GROUPS & NEW
TEXT = PRIVATE & filters.TEXT & ~filters.COMMAND


class _CancelWords(filters.MessageFilter):
    """Text that only asks to stop: "hủy", "huỷ đi", "thôi nhé", "dừng", "cancel"."""

    def filter(self, message: Message) -> bool:
        return message.text is not None and is_cancel(message.text)


CANCEL_WORDS = _CancelWords(name="CANCEL_WORDS")
CANCEL_TEXT = TEXT & CANCEL_WORDS  # stops any flow, at any typed step
STEP_TEXT = TEXT & ~CANCEL_WORDS  # what a flow's typed step reads as its answer

# Every command the bot answers, English name first (the one in the menu), then aliases.
COMMANDS: dict[str, tuple[str, ...]] = {
    "start": ("start",),
    "help": ("help", "trogiup"),
    "week": ("week", "tuanle"),
    "theme": ("theme", "chude"),
    "dates": ("dates", "thoigian"),
    "ceremony": ("ceremony", "khaimac"),
    "me": ("me", "cuatoi"),
    # Not /huy: "hủy" is what every Cancel button says, so /huy stops a flow (below).
    "undo": ("undo", "hoantac"),
    "profile": ("profile", "hoso"),
    "checkin": ("checkin", "diemdanh"),
    "cancel": ("cancel", "huy"),
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
