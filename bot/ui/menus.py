"""The commands a role sees, rendered twice from one list: Telegram's menu and /help."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.roles import Role
from bot.ui.texts import Texts

# One section per role: (the role that may use them, [(command key, name shown)]), as
# handlers/commands.py `sections_for` gives them in the reader's language.
Sections = Sequence[tuple[Role, Sequence[tuple[str, str]]]]

SECTION_KEYS = {Role.OFFICIAL: "official", Role.ORGANISER: "organiser", Role.ADMIN: "admin"}


def role_name(t: Texts, role: Role) -> str:
    """ "ban tổ chức", "quản trị viên" (officials have no title)."""
    return t.ROLE_NAMES.get(SECTION_KEYS[role], "")


def menu(t: Texts, sections: Sections) -> list[tuple[str, str]]:
    """(name, description) for setMyCommands, in the order /help lists them."""
    return [(name, t.COMMANDS[key]) for _, entries in sections for key, name in entries]


def help_text(t: Texts, sections: Sections) -> str:
    """What the bot answers and, section by section, the commands the reader may use, by
    the same names as their menu."""
    parts = [t.HELP]
    for role, entries in sections:
        lines = [t.HELP_SECTIONS[SECTION_KEYS[role]]]
        for key, name in entries:
            line = t.HELP_LINE.format(name=name, description=t.COMMANDS[key])
            hint = t.HELP_HINTS.get(key)
            lines.append(f"{line} ({hint.format(name=name)})" if hint else line)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
