"""Reminders: personal and group subscriptions, the summary a reminder shows, and what
organisers and admins see of them (the schedule and delivery figures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.editions import Edition, Editions
from bot.core.progress import Progress, progress
from bot.core.schedule import Closing, Item, ReminderData, expand, specs_for
from bot.services import certificates
from db.queries import audience
from db.queries import outbox as box
from db.queries.admin import audit
from db.queries.checkins import list_checkins
from db.queries.outbox import Recipient
from db.queries.users import get_profile, set_reminders
from db.session import Sessions

Summary = Progress  # the evening summary's figures for one person and one edition
Figures = box.Figures  # one planned reminder's delivery figures
# A reminder is planned by the dispatcher's next tick after its moment: until this much later,
# one not planned yet is still about to go, not missed.
PLANNING_MARGIN = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    kind: str
    due: datetime
    recipients: int  # planned (figures), or those it would reach now (future); 0 if missed
    figures: box.Figures | None  # None while the item is still in the future, or if missed
    missed: bool = False  # its moment is long past and it was never planned: nothing was sent


@dataclass(frozen=True, slots=True)
class Overview:
    year: int
    lines: tuple[Line, ...]
    meant: int | None = None  # this year, when it has no edition and another one is shown


@dataclass(frozen=True, slots=True)
class Personal:
    """Someone's reminder setting after /remind: None if they have not registered."""

    registered: bool
    enabled: bool


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
    """The person's figures for the edition up to `today` (bot.core.progress, as /me)."""
    async with sessions() as session:
        entries = await list_checkins(session, user_id, edition.start, edition.end)
    return progress(entries, edition, today)


async def recipients(
    session: AsyncSession, item: Item, edition: Edition, closing: Closing, tz: tzinfo
) -> list[Recipient]:
    """Who one schedule item goes to, by its audience: the one rule of the planner
    (bot/delivery/outbox_sender.py) and of the counts organisers see (/schedule)."""
    if item.audience == "admins":
        return await audience.admins(session, closing.admin_ids)
    if item.audience == "certified":
        return await certificates.recipients(session, edition, closing.bar(edition), tz)
    return await audience.reminder_recipients(
        session, without_checkin_on=item.without_checkin_on, with_groups=item.groups
    )


def _rule(item: Item) -> tuple[str, date | None, bool]:
    """Items with one rule share one audience (counted once)."""
    return item.audience, item.without_checkin_on, item.groups


async def schedule_overview(
    sessions: Sessions,
    editions: Editions,
    data: ReminderData,
    tz: tzinfo,
    today: date,
    now: datetime,
    closing: Closing,
) -> Overview:
    """Every reminder of the edition to show, with its recipients: those chosen when it was
    planned, those it would reach now (still in the future), or none (its moment passed and
    it was never planned: never an estimate for the past)."""
    edition = editions.to_show(today)
    meant = today.year if editions.get(today.year) is None else None
    items = expand(edition, specs_for(edition, data), tz)
    lines = []
    async with sessions() as session:
        figures = {f.key: f for f in await box.figures(session)}
        counts: dict[tuple[str, date | None, bool], int] = {}  # many items share one audience
        for item in items:
            done = figures.get(item.key)
            if done is None and item.due < now - PLANNING_MARGIN:
                lines.append(Line(item.key, item.kind, item.due, 0, None, missed=True))
                continue
            if done is not None:
                count = done.sent + done.failed + done.skipped_late + done.unknown + done.pending
            else:
                rule = _rule(item)
                if rule not in counts:
                    counts[rule] = len(await recipients(session, item, edition, closing, tz))
                count = counts[rule]
            lines.append(Line(item.key, item.kind, item.due, count, done))
    return Overview(edition.year, tuple(lines), meant)


async def delivery_figures(sessions: Sessions) -> tuple[Figures, ...]:
    """Per planned reminder, in due order: what was sent, failed, skipped, is unknown or pending."""
    async with sessions() as session:
        return tuple(await box.figures(session))
