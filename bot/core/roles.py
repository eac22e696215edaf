"""Who may do what: admins (ADMIN_IDS), organisers (granted), officials (everyone else)."""

from __future__ import annotations

from enum import IntEnum

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
