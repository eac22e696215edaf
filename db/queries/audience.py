"""Who receives a planned message: registered officials, segments, subscribed groups."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Checkin, GroupChat, User
from db.queries.outbox import Recipient
from db.session import upsert_insert

_REACHABLE = (User.registered_at.is_not(None), User.is_active.is_(True))


async def officials(
    session: AsyncSession,
    *,
    without_checkin_on: date | None = None,
    without_checkin_since: date | None = None,
    unit_id: int | None = None,
    reminders_only: bool = True,
) -> list[Recipient]:
    """Registered officials who have not blocked the bot (and, for reminders, not opted out).

    `without_checkin_on` keeps those with no check-in that day; `without_checkin_since`, those
    with none from that day to `without_checkin_on` (or ever after it, if that is None).
    """
    query = select(User.id, User.chat_id, User.language_code).where(*_REACHABLE)
    if reminders_only:
        query = query.where(User.reminders_enabled.is_(True))
    if unit_id is not None:
        query = query.where(User.unit_id == unit_id)
    if without_checkin_on is not None or without_checkin_since is not None:
        first = without_checkin_since or without_checkin_on
        done = exists().where(
            Checkin.user_id == User.id,
            Checkin.local_date >= first,
            Checkin.deleted_at.is_(None),
        )
        if without_checkin_on is not None:
            done = done.where(Checkin.local_date <= without_checkin_on)
        query = query.where(~done)
    rows = await session.execute(query.order_by(User.id))
    return [Recipient(chat_id, user_id, language) for user_id, chat_id, language in rows]


async def groups(session: AsyncSession) -> list[Recipient]:
    rows = await session.scalars(
        select(GroupChat.chat_id).where(GroupChat.subscribed.is_(True)).order_by(GroupChat.chat_id)
    )
    return [Recipient(chat_id, None, "vi") for chat_id in rows]


async def reminder_recipients(
    session: AsyncSession, *, without_checkin_on: date | None, with_groups: bool
) -> list[Recipient]:
    """Who one planned reminder goes to: officials who want reminders (only those with no
    check-in on `without_checkin_on`, when given), then the subscribed groups if `with_groups`.

    The one rule both the planner (bot/delivery/outbox_sender.py) and the organisers'
    /schedule counts use.
    """
    recipients = await officials(session, without_checkin_on=without_checkin_on)
    if with_groups:
        recipients += await groups(session)
    return recipients


async def broadcast_recipients(
    session: AsyncSession, audience: str, *, unit_id: int | None, today: date, week_start: date
) -> list[Recipient]:
    """The recipients of a broadcast's audience (see db/queries/broadcasts.py AUDIENCES) as of
    `today`; "week" means no check-in from `week_start` on. Reads inside the caller's
    transaction, so that choosing them and queueing them can be one step."""
    if audience == "groups":
        return await groups(session)
    if audience == "unit":
        if unit_id is None:  # officials(unit_id=None) is every official: never that
            return []
        return await officials(session, unit_id=unit_id, reminders_only=False)
    if audience == "today":
        return await officials(session, without_checkin_on=today, reminders_only=False)
    if audience == "week":
        return await officials(session, without_checkin_since=week_start, reminders_only=False)
    return await officials(session, reminders_only=False)


async def set_group_subscription(
    session: AsyncSession,
    chat_id: int,
    title: str | None,
    by: int,
    subscribed: bool,
    now: datetime,
) -> None:
    # One upsert, not get-then-add: two /nhacnho in a new group at once must not collide.
    values = {"title": title, "subscribed": subscribed, "subscribed_by": by, "updated_at": now}
    insert = upsert_insert(session)
    await session.execute(
        insert(GroupChat)
        .values(chat_id=chat_id, **values)
        .on_conflict_do_update(index_elements=["chat_id"], set_=values)
    )


async def mark_unreachable(session: AsyncSession, chat_id: int, user_id: int | None) -> None:
    """A chat answered Forbidden: the user blocked the bot, or the bot left the group."""
    if user_id is not None:
        await session.execute(update(User).where(User.id == user_id).values(is_active=False))
    else:
        await session.execute(
            update(GroupChat).where(GroupChat.chat_id == chat_id).values(subscribed=False)
        )
