"""Who may do what: admins (ADMIN_IDS), organisers (granted), officials (everyone else)."""

from __future__ import annotations

from enum import IntEnum

from bot.core.textnorm import fold

ORGANISER = "organiser"


class Role(IntEnum):
    OFFICIAL = 0
    ORGANISER = 1
    ADMIN = 2


def role_from(telegram_id: int, admin_ids: frozenset[int], stored: str | None) -> Role:
    """The role a person holds: ADMIN_IDS first, then the role stored on their profile."""
    if telegram_id in admin_ids:
        return Role.ADMIN
    return Role.ORGANISER if stored == ORGANISER else Role.OFFICIAL


# What an admin may type after /grant @name to name a role, folded (no diacritics, case or
# spaces): "ban tổ chức", "BTC", "organiser"… Admins exist only through ADMIN_IDS, but their
# words are known so that "/grant @name admin" gets an answer, not a usage line.
ROLE_WORDS: dict[Role, frozenset[str]] = {
    Role.ORGANISER: frozenset(
        {"organiser", "organizer", "organisers", "organizers", "bantochuc", "btc", "tochuc"}
    ),
    Role.ADMIN: frozenset({"admin", "administrator", "quantri", "quantrivien", "qtv"}),
}


def role_named(text: str) -> Role | None:
    """The role `text` names ("Ban tổ chức" -> ORGANISER), or None."""
    word = "".join(ch for ch in fold(text) if ch.isalnum())
    return next((role for role, words in ROLE_WORDS.items() if word in words), None)
