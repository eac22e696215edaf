"""Reminders: personal and group subscriptions, the summary a reminder shows, and what
organisers and admins see of them (the schedule and delivery figures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.core.editions import Edition, Editions
from bot.core.progress import streak
from bot.core.schedule import ReminderData, expand, specs_for
from db.queries import audience
from db.queries import outbox as box
from db.queries.admin import audit
from db.queries.checkins import checkin_days, list_checkins
from db.queries.users import get_profile, set_reminders

Sessions = async_sessionmaker[AsyncSession]


class ReminderDeps(Protocol):
    """What the schedule view reads (bot.context.Deps is one; this module needs no more)."""

    @property
    def sessions(self) -> Sessions: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def editions(self) -> Editions: ...

    @property
    def reminders(self) -> ReminderData: ...


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    kind: str
    due: datetime
    recipients: int
    figures: box.Figures | None  # None while the item is still in the future


@dataclass(frozen=True, slots=True)
class Overview:
    year: int
    lines: list[Line]


@dataclass(frozen=True, slots=True)
class Personal:
    """Someone's reminder setting after /remind: None if they have not registered."""

    registered: bool
    enabled: bool


@dataclass(frozen=True, slots=True)
class Summary:
    """The evening summary's figures for one person and one edition."""

    minutes: int
    days: int
    streak: int


async def personal(sessions: Sessions, telegram_id: int, wanted: bool | None) -> Personal:
    """Turn someone's reminders on or off (`wanted`), or just read the setting (None)."""
    async with sessions() as session, session.begin():
        profile = await get_profile(session, telegram_id)
        if profile is None or not profile.registered:
            return Personal(False, False)
        if wanted is not None:
            await set_reminders(session, profile.telegram_id, wanted)
    return Personal(True, profile.reminders_enabled if wanted is None else wanted)


async def switch(sessions: Sessions, telegram_id: int, wanted: bool) -> bool:
    """The on/off button: False if the person is not known yet."""
    async with sessions() as session, session.begin():
        return await set_reminders(session, telegram_id, wanted)


async def subscribe_group(
    sessions: Sessions, chat_id: int, title: str | None, by: int, wanted: bool, now: datetime
) -> None:
    """(Un)subscribe a group chat to the reminders, audited."""
    async with sessions() as session, session.begin():
        await audience.set_group_subscription(session, chat_id, title, by, wanted, now)
        params = {"chat_id": chat_id, "title": title, "subscribed": wanted}
        await audit(session, by, "group_subscription", params, now)


async def summary(sessions: Sessions, user_id: int, edition: Edition, today: date) -> Summary:
    """Minutes and days logged in the edition, and the streak up to `today`."""
    async with sessions() as session:
        entries = await list_checkins(session, user_id, edition.start, edition.end)
        days = await checkin_days(session, user_id, today)
    return Summary(
        sum(c.minutes for c in entries), len({c.local_date for c in entries}), streak(days, today)
    )


def edition_to_show(deps: ReminderDeps, today: date) -> Edition:
    """The running edition, else the next one announced, else the latest."""
    upcoming = sorted((e for e in deps.editions.all if e.start > today), key=lambda e: e.start)
    return deps.editions.running(today) or (upcoming[0] if upcoming else deps.editions.latest)


async def schedule_overview(deps: ReminderDeps, today: date) -> Overview:
    edition = edition_to_show(deps, today)
    items = expand(edition, specs_for(edition, deps.reminders), deps.clock.tz)
    lines = []
    async with deps.sessions() as session:
        figures = {f.key: f for f in await box.figures(session)}
        everyone = len(await audience.officials(session))
        group_count = len(await audience.groups(session))
        for item in items:
            done = figures.get(item.key)
            if done is not None:
                count = done.sent + done.failed + done.skipped_late + done.unknown + done.pending
            elif item.audience == "without_checkin":
                count = len(await audience.officials(session, without_checkin_on=item.day))
            else:
                count = everyone + (group_count if item.groups else 0)
            lines.append(Line(item.key, item.kind, item.due, count, done))
    return Overview(edition.year, lines)


async def delivery_figures(deps: ReminderDeps) -> list[dict[str, object]]:
    """Per planned reminder: the `python -m bot reminders --json` rows."""
    async with deps.sessions() as session:
        rows = await box.figures(session)
    return [
        {
            "key": f.key,
            "due": f.due.astimezone(deps.clock.tz).isoformat(),
            "sent": f.sent,
            "failed": f.failed,
            "skipped_late": f.skipped_late,
            "unknown": f.unknown,
            "pending": f.pending,
        }
        for f in rows
    ]
