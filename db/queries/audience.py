"""Who receives a planned message: registered officials, segments, subscribed groups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, case, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Checkin, GroupChat, User
from db.queries.outbox import Recipient
from db.session import upsert_insert

_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")  # any SELECT: rows or counts


def _segment(
    query: _Query,
    *,
    without_checkin_on: date | None = None,
    without_checkin_since: date | None = None,
    unit_id: int | None = None,
) -> _Query:
    """`query` narrowed to registered officials of one segment (see `officials`)."""
    query = query.where(User.registered_at.is_not(None))
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
    return query


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
    query = _segment(
        select(User.id, User.chat_id, User.language_code).where(User.is_active.is_(True)),
        without_checkin_on=without_checkin_on,
        without_checkin_since=without_checkin_since,
        unit_id=unit_id,
    )
    if reminders_only:
        query = query.where(User.reminders_enabled.is_(True))
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


async def admins(session: AsyncSession, admin_ids: Iterable[int]) -> list[Recipient]:
    """The admins' private chats (a private chat's id is its person's Telegram id), with their
    users.id and language once they have written to the bot."""
    ids = sorted(set(admin_ids))
    if not ids:
        return []
    rows = await session.execute(
        select(User.telegram_id, User.id, User.language_code).where(User.telegram_id.in_(ids))
    )
    known = {telegram_id: (user_id, language) for telegram_id, user_id, language in rows}
    return [Recipient(i, *known.get(i, (None, None))) for i in ids]


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Officials of a broadcast's audience it does not reach, or reaches despite an opt-out."""

    blocked: int = 0  # blocked the bot: not sent to
    reminders_off: int = 0  # turned reminders off: a broadcast still reaches them


def _broadcast_segment(
    audience: str, unit_id: int | None, today: date, week_start: date
) -> dict[str, Any] | None:
    """The `officials` filters of a broadcast audience of officials; None for the groups.

    Raises ValueError for a unit audience without its unit: officials(unit_id=None) is every
    official, never what "one unit" means."""
    if audience == "groups":
        return None
    if audience == "unit":
        if unit_id is None:
            raise ValueError("a unit audience without its unit")
        return {"unit_id": unit_id}
    if audience == "today":
        return {"without_checkin_on": today}
    if audience == "week":
        return {"without_checkin_since": week_start}
    return {}


async def broadcast_recipients(
    session: AsyncSession, audience: str, *, unit_id: int | None, today: date, week_start: date
) -> list[Recipient]:
    """The recipients of a broadcast's audience (see db/queries/broadcasts.py AUDIENCES) as of
    `today`; "week" means no check-in from `week_start` on. Reads inside the caller's
    transaction, so that choosing them and queueing them can be one step."""
    try:
        segment = _broadcast_segment(audience, unit_id, today, week_start)
    except ValueError:
        return []
    if segment is None:
        return await groups(session)
    return await officials(session, reminders_only=False, **segment)


async def broadcast_left_out(
    session: AsyncSession, audience: str, *, unit_id: int | None, today: date, week_start: date
) -> LeftOut:
    """Who of a broadcast audience's officials it leaves out (blocked the bot), and how many
    of those it reaches turned reminders off, counted as `broadcast_recipients` chooses."""
    try:
        segment = _broadcast_segment(audience, unit_id, today, week_start)
    except ValueError:
        return LeftOut()
    if segment is None:
        return LeftOut()
    active = User.is_active.is_(True)
    counts = _segment(
        select(
            func.coalesce(func.sum(case((~active, 1), else_=0)), 0),
            func.coalesce(
                func.sum(case((active & User.reminders_enabled.is_(False), 1), else_=0)), 0
            ),
        ).select_from(User),
        **segment,
    )
    blocked, reminders_off = (await session.execute(counts)).one()
    return LeftOut(int(blocked), int(reminders_off))


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
