"""Invite links: the code of every active unit (given once, kept across renames), for the
links t.me/<bot>?start=u-<code> an organiser hands out; the links themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.roles import Role
from bot.core.textnorm import natural_key
from bot.core.unit_code import PREFIX, unit_code
from bot.services.access import role_of
from db.queries.admin import audit
from db.queries.invite_codes import ensure_codes
from db.session import Sessions

GENERAL_PAYLOAD = "register"  # t.me/<bot>?start=register: registration, any unit


@dataclass(frozen=True, slots=True)
class UnitInvite:
    unit: str
    code: str

    @property
    def payload(self) -> str:
        return PREFIX + self.code


@dataclass(frozen=True, slots=True)
class Invites:
    units: tuple[UnitInvite, ...]
    assigned: int  # codes given just now
    by_admin: bool = False  # asked by an admin (who can import the staff list, add units)


def link(bot_username: str, payload: str = GENERAL_PAYLOAD) -> str:
    """The t.me deep link that opens the bot's chat with /start <payload>."""
    return f"https://t.me/{bot_username}?start={payload}"


async def unit_invites(
    sessions: Sessions,
    actor_id: int | None,
    now: datetime,
    admin_ids: frozenset[int] = frozenset(),
) -> Invites:
    """Every active unit with its code, by name (numbers by value: "Phòng số 2" before "Phòng
    số 10"), giving codes to units without one; one transaction,
    audited as "invite_codes" (how many units and codes, no names) when a person asked.

    `actor_id` None: the command line on the server (no Telegram id to name; like the other
    CLI commands, the server's operator is not in the bot's audit log)."""
    async with sessions() as session, session.begin():
        rows, assigned = await ensure_codes(session, unit_code)
        by_admin = False
        if actor_id is not None:
            params = {"units": len(rows), "assigned": assigned}
            await audit(session, actor_id, "invite_codes", params, now)
            by_admin = await role_of(session, actor_id, admin_ids) >= Role.ADMIN
    ordered = sorted(rows, key=lambda row: natural_key(row[0]))
    return Invites(tuple(UnitInvite(name, code) for name, code in ordered), assigned, by_admin)
