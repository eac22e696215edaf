"""Command names, their Vietnamese aliases and the chat filters: spelled once, used by all."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.ext import CommandHandler, filters

from bot.context import BotContext
from bot.core.cancel_words import is_cancel
from bot.core.roles import Role

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

# Every command the bot answers: the English name first (the English menu's), then the
# Vietnamese one (the Vietnamese menu's, when there is one), then any other aliases.
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
    "cancel": ("cancel", "huy", "dunglai"),
    "remind": ("remind", "nhacnho"),
    "schedule": ("schedule", "lichnhac"),
    "grant": ("grant", "capquyen"),
    "revoke": ("revoke", "thuhoi"),
    "roles": ("roles", "phanquyen"),
    "audit": ("audit", "nhatky"),
    "roster": ("roster", "danhsach"),
    "units": ("units", "donvi"),
    "edition": ("edition", "tuanlemoi"),
    "broadcasts": ("broadcasts", "cacthongbao"),
    "broadcast": ("broadcast", "thongbao"),
    "stats": ("stats", "thongke"),
    "export": ("export", "xuatdulieu"),
    "followup": ("followup", "theodoi"),
    "privacy": ("privacy", "baomat"),
    "deletemydata": ("deletemydata", "xoadulieu"),
    "invite": ("invite", "moi"),
    "calendar": ("calendar", "lich"),
    "certificate": ("certificate", "chungnhan"),
    "verify": ("verify", "xacthuc"),
    "report": ("report", "baocao"),
    "commendations": ("commendations", "khenthuong"),
}
EVERY_COMMAND = [name for names in COMMANDS.values() for name in names]
KEY_OF = {name: key for key, names in COMMANDS.items() for name in names}

# /start's deep-link payloads (t.me/<bot>?start=<payload>), and the command each stands for
# when a group sends someone to the private chat.
START_PAYLOADS = {
    "checkin": "checkin",
    "week": "week",
    "profile": "register",
    "help": "help",
    "certificate": "chungnhan",
    "verify": "xacthuc",  # the code itself stays in the group: /start says how to send it
}

# Who sees which commands, in the menu and in /help alike, in the order shown: everyone's,
# then the organisers' tools, then the admins'. A person sees every section up to their role.
SECTIONS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (
        Role.OFFICIAL,
        (
            "start",
            "help",
            "week",
            "theme",
            "dates",
            "ceremony",
            "profile",
            "checkin",
            "me",
            "certificate",
            "verify",
            "calendar",
            "undo",
            "remind",
            "privacy",
            "deletemydata",
            "cancel",
        ),
    ),
    (Role.ORGANISER, ("stats", "followup", "broadcast", "broadcasts", "schedule", "invite")),
    (
        Role.ADMIN,
        (
            "edition",
            "roster",
            "units",
            "report",
            "commendations",
            "export",
            "grant",
            "revoke",
            "roles",
            "audit",
        ),
    ),
)

# A section's entries: (command key, the name shown in that language).
Entries = list[tuple[str, str]]


def shown_name(key: str, language: str) -> str:
    """The name a language's menu and /help teach: Vietnamese where there is one."""
    names = COMMANDS[key]
    return names[1] if language == "vi" and len(names) > 1 else names[0]


def sections_for(role: Role, language: str) -> list[tuple[Role, Entries]]:
    """The sections `role` sees, each with its commands' shown names."""
    return [
        (section, [(key, shown_name(key, language)) for key in keys])
        for section, keys in SECTIONS
        if section <= role
    ]


def closest_command(typed: str, role: Role) -> str | None:
    """The command `typed` was probably meant to be (/diemdnah -> diemdanh), among the
    names of the commands `role` may use; None if nothing is close."""
    keys = [key for section, keys in SECTIONS if section <= role for key in keys]
    names = [name for key in keys for name in COMMANDS[key]]
    found = difflib.get_close_matches(typed.lower(), names, n=1, cutoff=0.75)
    return found[0] if found else None


Callback = Callable[[Update, BotContext], Coroutine[Any, Any, Any]]


def command(
    key: str, callback: Callback, chats: filters.BaseFilter = PRIVATE
) -> CommandHandler[BotContext, Any]:
    """The handler for COMMANDS[key] and its aliases; private chats unless told otherwise."""
    return CommandHandler(COMMANDS[key], callback, filters=chats)
