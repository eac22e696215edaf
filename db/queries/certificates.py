"""Participation certificates: who has earned one, and the certificates issued.

Earned: a registered person with check-ins on at least `min_days` of the edition's days and
at least `min_minutes` in all (daily_totals, the same totals as the figures).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Certificate, DailyTotal, Unit, User
from db.queries.outbox import Recipient
from db.session import upsert_insert


@dataclass(frozen=True, slots=True)
class Earned:
    """A person's figures for the edition, as a certificate states them."""

    user_id: int
    full_name: str
    unit: str
    days: int
    minutes: int


@dataclass(frozen=True, slots=True)
class Issued:
    code: str
    user_id: int
    edition_year: int
    full_name: str
    unit: str
    days: int
    minutes: int
    issued_at: datetime


def _totals(start: date, end: date) -> tuple[ColumnElement[int], ColumnElement[int]]:
    return func.count(DailyTotal.local_date), func.coalesce(func.sum(DailyTotal.minutes), 0)


async def figures(
    session: AsyncSession, start: date, end: date, user_ids: Iterable[int] | None = None
) -> list[Earned]:
    """Registered people's days and minutes in [start, end] (those with any check-in there),
    by name; only `user_ids` when given."""
    days, minutes = _totals(start, end)
    query = (
        select(User.id, User.full_name, Unit.name, days, minutes)
        .join(DailyTotal, DailyTotal.user_id == User.id)
        .join(Unit, Unit.id == User.unit_id)
        .where(
            DailyTotal.local_date.between(start, end),
            DailyTotal.checkins > 0,
            User.full_name.is_not(None),
            User.registered_at.is_not(None),
        )
        .group_by(User.id, User.full_name, Unit.name)
        .order_by(User.full_name, User.id)
    )
    if user_ids is not None:
        query = query.where(User.id.in_(list(user_ids)))
    rows = await session.execute(query)
    return [Earned(i, n or "", u, int(d), int(m)) for i, n, u, d, m in rows]


def earned(people: Iterable[Earned], min_days: int, min_minutes: int) -> list[Earned]:
    return [p for p in people if p.days >= min_days and p.minutes >= min_minutes]


async def recipients(
    session: AsyncSession, start: date, end: date, min_days: int, min_minutes: int
) -> list[Recipient]:
    """The private chats of everyone who earned a certificate and still hears from the bot."""
    earners = {p.user_id for p in earned(await figures(session, start, end), min_days, min_minutes)}
    if not earners:
        return []
    rows = await session.execute(
        select(User.chat_id, User.id, User.language_code)
        .where(User.id.in_(earners), User.is_active.is_(True))
        .order_by(User.id)
    )
    return [Recipient(chat, uid, lang) for chat, uid, lang in rows]


async def issue(
    session: AsyncSession,
    year: int,
    people: list[Earned],
    now: datetime,
    new_code: Callable[[], str],
) -> list[Issued]:
    """The certificates of `people` for `year`: each keeps its code once issued; what it
    states is brought up to date. In the order given."""
    if not people:
        return []
    ids = [p.user_id for p in people]
    have = set(
        await session.scalars(
            select(Certificate.user_id).where(
                Certificate.edition_year == year, Certificate.user_id.in_(ids)
            )
        )
    )
    fresh = [p for p in people if p.user_id not in have]
    if fresh:
        # Another replica issuing at the same moment: its row wins, ours is dropped. (Only
        # that conflict: a new code equal to another's fails loudly rather than silently.)
        await session.execute(
            upsert_insert(session)(Certificate)
            .values(
                [
                    {
                        "code": new_code(),
                        "user_id": p.user_id,
                        "edition_year": year,
                        "full_name": p.full_name,
                        "unit": p.unit,
                        "days": p.days,
                        "minutes": p.minutes,
                        "issued_at": now,
                        "updated_at": now,
                    }
                    for p in fresh
                ]
            )
            .on_conflict_do_nothing(index_elements=["user_id", "edition_year"])
        )
    for p in people:
        if p.user_id in have:
            await session.execute(
                update(Certificate)
                .where(Certificate.user_id == p.user_id, Certificate.edition_year == year)
                .where(
                    (Certificate.full_name != p.full_name)
                    | (Certificate.unit != p.unit)
                    | (Certificate.days != p.days)
                    | (Certificate.minutes != p.minutes)
                )
                .values(
                    full_name=p.full_name,
                    unit=p.unit,
                    days=p.days,
                    minutes=p.minutes,
                    updated_at=now,
                )
            )
    found = {c.user_id: c for c in await _of(session, year, ids)}
    return [found[i] for i in ids if i in found]


async def _of(session: AsyncSession, year: int, user_ids: list[int]) -> list[Issued]:
    rows = await session.scalars(
        select(Certificate).where(
            Certificate.edition_year == year, Certificate.user_id.in_(user_ids)
        )
    )
    return [_issued(c) for c in rows]


def _issued(c: Certificate) -> Issued:
    return Issued(
        c.code, c.user_id, c.edition_year, c.full_name, c.unit, c.days, c.minutes, c.issued_at
    )


async def by_code(session: AsyncSession, code: str) -> Issued | None:
    found = await session.scalar(select(Certificate).where(Certificate.code == code))
    return None if found is None else _issued(found)
