"""Invite links: the code of every active unit (given once, kept across renames), for the
links t.me/<bot>?start=u-<code> an organiser hands out; the links themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.unit_code import PREFIX, unit_code
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


def link(bot_username: str, payload: str = GENERAL_PAYLOAD) -> str:
    """The t.me deep link that opens the bot's chat with /start <payload>."""
    return f"https://t.me/{bot_username}?start={payload}"


async def unit_invites(sessions: Sessions, actor_id: int | None, now: datetime) -> Invites:
    """Every active unit with its code, giving codes to units without one; one transaction,
    audited as "invite_codes" (how many units and codes, no names) when a person asked.

    `actor_id` None: the command line on the server (no Telegram id to name; like the other
    CLI commands, the server's operator is not in the bot's audit log)."""
    async with sessions() as session, session.begin():
        rows, assigned = await ensure_codes(session, unit_code)
        if actor_id is not None:
            params = {"units": len(rows), "assigned": assigned}
            await audit(session, actor_id, "invite_codes", params, now)
    return Invites(tuple(UnitInvite(name, code) for name, code in rows), assigned)
