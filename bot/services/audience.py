"""Who a broadcast reaches: its audience's recipients, chosen at the moment it starts.

The query itself is db/queries/audience.py `broadcast_recipients` (today and the week passed
in); `audience_of` is the thin path bot/services/broadcasts.py still calls with a Calendar
until it passes plain values too.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import Clock, local_today
from bot.core.editions import Editions
from bot.core.progress import study_window
from db.queries import audience
from db.queries.audience import LeftOut
from db.queries.broadcasts import Info
from db.queries.outbox import Recipient


class Calendar(Protocol):
    """What choosing an audience needs to know about time: today, and the edition's week
    (Deps is one)."""

    @property
    def clock(self) -> Clock: ...

    @property
    def editions(self) -> Editions: ...


def _when(calendar: Calendar) -> dict[str, date]:
    today = local_today(calendar.clock)
    return {"today": today, "week_start": study_window(calendar.editions, today).start}


async def audience_of(session: AsyncSession, calendar: Calendar, info: Info) -> list[Recipient]:
    """The recipients of a broadcast's audience, as of now (inside the caller's transaction,
    so that choosing them and queueing them is one step)."""
    return await audience.broadcast_recipients(
        session, info.audience or "all", unit_id=info.unit_id, **_when(calendar)
    )


async def left_out_of(session: AsyncSession, calendar: Calendar, info: Info) -> LeftOut:
    """Who of the broadcast's audience it would leave out now (blocked the bot), and how many
    it reaches who turned reminders off."""
    return await audience.broadcast_left_out(
        session, info.audience or "all", unit_id=info.unit_id, **_when(calendar)
    )
