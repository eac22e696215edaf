"""Organisers' broadcasts: draft, audience, schedule, send now, stop, resend, list.

Every function owns its transaction and returns plain values; the caller (handlers/broadcast
and broadcast_actions) checks the role, and these check the author on each use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.roles import Role
from bot.services.access import role_of
from bot.services.audience import Calendar, audience_of, left_out_of
from db.queries import broadcasts
from db.queries.admin import audit
from db.queries.audience import LeftOut
from db.queries.broadcasts import AUDIENCES, Content, Info, Tally
from db.queries.privacy import ERASED_ID
from db.queries.users import UnitInfo, get_unit, list_units
from db.session import Sessions

__all__ = ["AUDIENCES", "Content", "Info", "LeftOut", "Tally"]

HAS_RECIPIENTS = frozenset({"sending", "done", "stopped"})
# A draft older than the compose conversation's timeout was abandoned: /broadcasts leaves it
# out (its buttons still work from the chat where it was composed).
DRAFT_TIMEOUT = timedelta(minutes=15)
NOBODY_LEFT_OUT = LeftOut()


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


class Outcome(Enum):
    """What a button on a broadcast came to (handlers/broadcast_actions.py says it)."""

    UNITS = "units"  # which unit? `units` are the choices (maybe none)
    PREVIEW = "preview"  # the audience is set; `count` is how many it would reach now
    NOBODY = "nobody"  # the audience is set, and it reaches nobody now
    STARTED = "started"  # `count` recipients queued (sent now, or resent)
    ASK = "ask"  # resend: `count` recipients in doubt, to confirm
    NOTHING = "nothing"  # resend: nobody (left) to resend to
    STOPPED = "stopped"  # was sending; `tally` is what went out before the stop
    CANCELLED = "cancelled"  # was a draft or scheduled
    REFUSED = "refused"  # a unit that is not there: nothing changes
    STATE = "state"  # not for now (no longer a draft, pressed twice): where it stands


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    info: Info
    count: int = 0
    units: tuple[UnitInfo, ...] = ()
    tally: Tally | None = None  # with STOPPED, and STATE once it has recipients
    doubt: int = 0  # with STATE: recipients in doubt, not resent to yet
    left_out: LeftOut = NOBODY_LEFT_OUT  # with PREVIEW and NOBODY: who the audience leaves out


@dataclass(frozen=True, slots=True)
class Listed:
    """One broadcast in /broadcasts: its figures, how many it reaches (planned for a
    scheduled one, as of now), and what this person may do to it (a button action)."""

    info: Info
    tally: Tally
    recipients: int
    action: str | None = None  # "cancel" (draft, scheduled), "stop" (sending), "redo"
    doubt: int = 0  # with "redo": recipients in doubt


@dataclass(frozen=True, slots=True)
class Recent:
    rows: tuple[Listed, ...]


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


async def units(sessions: Sessions) -> tuple[UnitInfo, ...]:
    """The units to offer as an audience, largest first."""
    async with sessions() as session:
        return await _units(session)


async def _units(session: AsyncSession) -> tuple[UnitInfo, ...]:
    return tuple(await list_units(session, limit=30))


def _check_audience(audience: str, unit_id: int | None) -> None:
    """Audience "unit" names its unit, the others none: a unit audience without its unit
    would otherwise be read as no filter at all, i.e. every official."""
    if audience not in AUDIENCES or (audience == "unit") != (unit_id is not None):
        raise ValueError(f"not an audience: {audience!r} with unit {unit_id!r}")


async def _state(session: AsyncSession, info: Info) -> Result:
    """Where a broadcast stands, with its figures once it has recipients."""
    if info.status not in HAS_RECIPIENTS:
        return Result(Outcome.STATE, info)
    tally = await broadcasts.tally(session, info.id)
    doubt = await broadcasts.in_doubt(session, info.id)
    return Result(Outcome.STATE, info, tally=tally, doubt=doubt)


async def _fresh(session: AsyncSession, broadcast_id: int) -> Info:
    info = await broadcasts.get(session, broadcast_id)
    assert info is not None  # broadcasts are never deleted
    return info


async def state(sessions: Sessions, info: Info) -> Result:
    """Where a broadcast stands (a button that no longer applies)."""
    async with sessions() as session:
        return await _state(session, info)


async def choose(
    sessions: Sessions, calendar: Calendar, info: Info, audience: str, unit_id: int | None
) -> Result:
    """An audience button on a draft: the audience "unit" without a unit asks which one
    (UNITS); otherwise the audience is set (PREVIEW, NOBODY), or it is too late (STATE).
    A unit that does not exist is REFUSED."""
    async with sessions() as session, session.begin():
        fresh = await _fresh(session, info.id)
        if unit_id is not None and await get_unit(session, unit_id) is None:
            return Result(Outcome.REFUSED, fresh)  # no such unit: a forged button
        if fresh.status != "draft":
            return await _state(session, fresh)
        if audience == "unit" and unit_id is None:
            return Result(Outcome.UNITS, fresh, units=await _units(session))
        _check_audience(audience, unit_id)
        if not await broadcasts.set_audience(session, info.id, audience, unit_id):
            return await _state(session, await _fresh(session, info.id))
        fresh = await _fresh(session, info.id)
        count = len(await audience_of(session, calendar, fresh))
        left_out = await left_out_of(session, calendar, fresh)
    outcome = Outcome.PREVIEW if count else Outcome.NOBODY
    return Result(outcome, fresh, count=count, left_out=left_out)


async def choose_audience(
    sessions: Sessions, broadcast_id: int, audience: str, unit_id: int | None
) -> Chosen:
    _check_audience(audience, unit_id)
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
) -> Result | None:
    """Schedule a draft for `when`; returns it with how many it would reach now (`count`),
    or None if it is gone, no longer a draft, or not this person's to act on."""
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
        fresh = await _fresh(session, broadcast_id)
    return Result(Outcome.STATE, fresh, count=count)


async def standing(sessions: Sessions, broadcast_id: int) -> Standing:
    async with sessions() as session:
        tally = await broadcasts.tally(session, broadcast_id)
        doubt = await broadcasts.in_doubt(session, broadcast_id)
    return Standing(tally, doubt)


async def stop(sessions: Sessions, broadcast_id: int, user_id: int, now: datetime) -> Result:
    """Stop a broadcast being sent (STOPPED), or cancel a draft or a scheduled one
    (CANCELLED), once; pressed again, where it stands (STATE)."""
    async with sessions() as session, session.begin():
        previous = await broadcasts.stop(session, broadcast_id, now)
        info = await _fresh(session, broadcast_id)
        if previous is None:
            return await _state(session, info)
        action = "broadcast_stop" if previous == "sending" else "broadcast_cancel"
        await audit(session, user_id, action, {"broadcast": broadcast_id}, now)
        tally = await broadcasts.tally(session, broadcast_id)
    outcome = Outcome.STOPPED if previous == "sending" else Outcome.CANCELLED
    return Result(outcome, info, tally=tally)


async def send_now(sessions: Sessions, calendar: Calendar, info: Info, user_id: int) -> Result:
    """Send a draft now: recipients are chosen at this moment, and only once (STARTED);
    pressed twice, or no longer a draft, where it stands (STATE)."""
    async with sessions() as session, session.begin():
        now = calendar.clock.now()
        started = False
        if info.status == "draft":
            recipients = await audience_of(session, calendar, info)
            started = await broadcasts.start(session, info.id, recipients, now, "draft")
        fresh = await _fresh(session, info.id)
        if not started:
            return await _state(session, fresh)
        params = {
            "broadcast": info.id,
            "audience": info.audience,
            "unit": info.unit_id,
            "recipients": len(recipients),
        }
        await audit(session, user_id, "broadcast_send", params, now)
    return Result(Outcome.STARTED, fresh, count=fresh.total)


async def in_doubt(sessions: Sessions, broadcast_id: int) -> int:
    async with sessions() as session:
        return await broadcasts.in_doubt(session, broadcast_id)


async def resend_offer(sessions: Sessions, info: Info) -> Result:
    """The resend button: how many are in doubt, to confirm (ASK), or NOTHING: none, not
    finished, or its author erased their data (and its content with it)."""
    async with sessions() as session:
        fresh = await _fresh(session, info.id)
        doubt = await broadcasts.in_doubt(session, info.id)
    if author_erased(fresh) or fresh.status != "done" or not doubt:
        return Result(Outcome.NOTHING, fresh)
    return Result(Outcome.ASK, fresh, count=doubt)


async def resend(sessions: Sessions, broadcast_id: int, user_id: int, now: datetime) -> Result:
    """Queue the recipients in doubt once more (STARTED with their count); NOTHING if there
    is none, it was done already, or its author erased their data."""
    async with sessions() as session, session.begin():
        info = await _fresh(session, broadcast_id)
        if author_erased(info):  # resending would send the erasure's marker
            return Result(Outcome.NOTHING, info)
        count = await broadcasts.resend_in_doubt(session, broadcast_id, now)
        if not count:
            return Result(Outcome.NOTHING, info)
        params = {"broadcast": broadcast_id, "recipients": count}
        await audit(session, user_id, "broadcast_resend", params, now)
    return Result(Outcome.STARTED, info, count=count)


async def recent(
    sessions: Sessions, calendar: Calendar, user_id: int, admin_ids: frozenset[int]
) -> Recent:
    """The latest broadcasts (abandoned drafts left out) with their figures, and for each the
    action this person may take on it: cancel a draft or schedule, stop a sending, resend to
    those in doubt (their own; every one for an admin)."""
    now = calendar.clock.now()
    listed = []
    async with sessions() as session:
        for info, tally in await broadcasts.recent(session, drafts_since=now - DRAFT_TIMEOUT):
            recipients, action, doubt = info.total, None, 0
            if info.status == "scheduled":  # chosen when it goes: as of now until then
                recipients = len(await audience_of(session, calendar, info))
            mine = await _may_act(session, user_id, info, admin_ids)
            if mine and info.status in {"draft", "scheduled"}:
                action = "cancel"
            elif mine and info.status == "sending":
                action = "stop"
            elif mine and info.status == "done" and info.total and not author_erased(info):
                doubt = await broadcasts.in_doubt(session, info.id)
                action = "redo" if doubt else None
            listed.append(Listed(info, tally, recipients, action, doubt))
    return Recent(tuple(listed))
