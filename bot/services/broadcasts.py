"""Organisers' broadcasts: draft, audience, schedule, send now, stop, resend, list.

Every function owns its transaction and returns plain values; the caller (handlers/broadcast
and broadcast_actions) checks the role, and these check the author on each use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.roles import Role
from bot.services.access import role_of
from bot.services.audience import Calendar, audience_of
from db.queries import broadcasts
from db.queries.admin import audit
from db.queries.broadcasts import AUDIENCES, Content, Info, Tally
from db.queries.privacy import ERASED_ID
from db.queries.users import UnitInfo, list_units

Sessions = async_sessionmaker[AsyncSession]

__all__ = ["AUDIENCES", "Content", "Info", "Tally"]


@dataclass(frozen=True, slots=True)
class Access:
    """A broadcast as seen by someone pressing its button: None if it does not exist."""

    info: Info | None
    allowed: bool


@dataclass(frozen=True, slots=True)
class Chosen:
    changed: bool  # False: no longer a draft, the audience stays as it was
    info: Info


@dataclass(frozen=True, slots=True)
class Standing:
    tally: Tally
    doubt: int  # recipients in doubt, not resent to yet


@dataclass(frozen=True, slots=True)
class Stopped:
    previous: str | None  # the status it had; None if there was nothing to stop
    info: Info
    tally: Tally


@dataclass(frozen=True, slots=True)
class Started:
    started: bool  # False: pressed twice, or no longer a draft
    info: Info


@dataclass(frozen=True, slots=True)
class Recent:
    rows: list[tuple[Info, Tally]]
    doubts: list[tuple[int, int]]  # (broadcast id, in doubt) that this person may resend


async def _may_act(
    session: AsyncSession, user_id: int, info: Info, admin_ids: frozenset[int]
) -> bool:
    """A broadcast is its author's: other organisers may see it, only admins may act on it."""
    if info.created_by == user_id:
        return True
    return await role_of(session, user_id, admin_ids) >= Role.ADMIN


def author_erased(info: Info) -> bool:
    """Its author erased their data, and the broadcast's content with it."""
    return info.created_by == ERASED_ID


async def access(
    sessions: Sessions, broadcast_id: int, user_id: int, admin_ids: frozenset[int]
) -> Access:
    """The broadcast, and whether this person may act on it at this moment."""
    async with sessions() as session:
        info = await broadcasts.get(session, broadcast_id)
        allowed = info is not None and await _may_act(session, user_id, info, admin_ids)
    return Access(info, allowed)


async def create_draft(
    sessions: Sessions, user_id: int, chat_id: int, content: Content, now: datetime
) -> int:
    async with sessions() as session, session.begin():
        return await broadcasts.create_draft(session, user_id, chat_id, content, now)


async def audience_size(sessions: Sessions, calendar: Calendar, info: Info) -> int:
    """How many it would reach if sent now (the preview's count)."""
    async with sessions() as session:
        return len(await audience_of(session, calendar, info))


async def units(sessions: Sessions) -> list[UnitInfo]:
    """The units to offer as an audience, largest first."""
    async with sessions() as session:
        return await list_units(session, limit=30)


async def choose_audience(
    sessions: Sessions, broadcast_id: int, audience: str, unit_id: int | None
) -> Chosen:
    async with sessions() as session, session.begin():
        changed = await broadcasts.set_audience(session, broadcast_id, audience, unit_id)
        fresh = await broadcasts.get(session, broadcast_id)
    assert fresh is not None
    return Chosen(changed, fresh)


async def schedule(
    sessions: Sessions,
    calendar: Calendar,
    broadcast_id: int,
    user_id: int,
    admin_ids: frozenset[int],
    when: datetime,
) -> int | None:
    """Schedule a draft for `when`; returns how many it would reach now, or None if it is
    gone, no longer a draft, or not this person's to act on."""
    async with sessions() as session, session.begin():
        info = await broadcasts.get(session, broadcast_id)
        # The author (or an admin) at this moment, as for every button.
        ok = info is not None and await _may_act(session, user_id, info, admin_ids)
        ok = ok and await broadcasts.schedule(session, broadcast_id, when)
        if not ok or info is None:
            return None
        count = len(await audience_of(session, calendar, info))
        params = {"broadcast": broadcast_id, "at": when.isoformat()}
        await audit(session, user_id, "broadcast_schedule", params, calendar.clock.now())
    return count


async def standing(sessions: Sessions, broadcast_id: int) -> Standing:
    async with sessions() as session:
        tally = await broadcasts.tally(session, broadcast_id)
        doubt = await broadcasts.in_doubt(session, broadcast_id)
    return Standing(tally, doubt)


async def stop(sessions: Sessions, broadcast_id: int, user_id: int, now: datetime) -> Stopped:
    """Stop a broadcast being sent, or cancel a draft or a scheduled one (once)."""
    async with sessions() as session, session.begin():
        previous = await broadcasts.stop(session, broadcast_id, now)
        if previous is not None:
            action = "broadcast_stop" if previous == "sending" else "broadcast_cancel"
            await audit(session, user_id, action, {"broadcast": broadcast_id}, now)
        info = await broadcasts.get(session, broadcast_id)
        tally = await broadcasts.tally(session, broadcast_id)
    assert info is not None
    return Stopped(previous, info, tally)


async def send_now(sessions: Sessions, calendar: Calendar, info: Info, user_id: int) -> Started:
    """Send a draft now: recipients are chosen at this moment, and only once."""
    async with sessions() as session, session.begin():
        now = calendar.clock.now()
        started = False
        if info.status == "draft":
            recipients = await audience_of(session, calendar, info)
            started = await broadcasts.start(session, info.id, recipients, now, "draft")
        if started:
            params = {
                "broadcast": info.id,
                "audience": info.audience,
                "unit": info.unit_id,
                "recipients": len(recipients),
            }
            await audit(session, user_id, "broadcast_send", params, now)
        fresh = await broadcasts.get(session, info.id)
    assert fresh is not None
    return Started(started, fresh)


async def set_progress_message(sessions: Sessions, broadcast_id: int, message_id: int) -> None:
    async with sessions() as session, session.begin():
        await broadcasts.set_progress_message(session, broadcast_id, message_id)


async def in_doubt(sessions: Sessions, broadcast_id: int) -> int:
    async with sessions() as session:
        return await broadcasts.in_doubt(session, broadcast_id)


async def resend(sessions: Sessions, broadcast_id: int, user_id: int, now: datetime) -> int:
    """Queue the recipients in doubt once more; 0 if there is none (or it was done already)."""
    async with sessions() as session, session.begin():
        count = await broadcasts.resend_in_doubt(session, broadcast_id, now)
        if count:
            params = {"broadcast": broadcast_id, "recipients": count}
            await audit(session, user_id, "broadcast_resend", params, now)
    return count


async def recent(sessions: Sessions, user_id: int, admin_ids: frozenset[int]) -> Recent:
    """The latest broadcasts with their figures, and which of them this person may resend."""
    async with sessions() as session:
        rows = await broadcasts.recent(session)
        # Finished broadcasts with recipients in doubt that this person may act on (their
        # own; every one for an admin).
        doubts = [
            (info.id, n)
            for info, _ in rows
            if info.status == "done"
            and info.total
            and (n := await broadcasts.in_doubt(session, info.id))
            and await _may_act(session, user_id, info, admin_ids)
        ]
    return Recent(rows, doubts)
