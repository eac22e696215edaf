"""Who a broadcast reaches: its audience's recipients, chosen at the moment it starts."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import Clock, local_today
from bot.core.editions import Editions
from bot.core.progress import study_window
from db.queries import audience
from db.queries.broadcasts import Info
from db.queries.outbox import Recipient


class Calendar(Protocol):
    """What choosing an audience needs to know about time: today, and the edition's week
    (Deps is one)."""

    @property
    def clock(self) -> Clock: ...

    @property
    def editions(self) -> Editions: ...


async def audience_of(session: AsyncSession, calendar: Calendar, info: Info) -> list[Recipient]:
    """The recipients of a broadcast's audience, as of now (inside the caller's transaction,
    so that choosing them and queueing them is one step)."""
    today = local_today(calendar.clock)
    if info.audience == "groups":
        return await audience.groups(session)
    if info.audience == "unit":
        if info.unit_id is None:  # officials(unit_id=None) is every official: never that
            return []
        return await audience.officials(session, unit_id=info.unit_id, reminders_only=False)
    if info.audience == "today":
        return await audience.officials(session, without_checkin_on=today, reminders_only=False)
    if info.audience == "week":
        window = study_window(calendar.editions, today)
        return await audience.officials(
            session, without_checkin_since=window.start, reminders_only=False
        )
    return await audience.officials(session, reminders_only=False)
