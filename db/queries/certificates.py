"""Participation certificates: the people of an edition with their figures, and the
certificates issued to them.

Who took part, with which unit, is the one rule of the figures and the commendation list
(db/queries/commendations.py `person_weeks`, over db/queries/edition_people.py); whether they
earned a certificate is bot/core/bar.py's, applied by the service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Certificate, DailyTotal, User
from db.queries.commendations import PersonWeek, person_weeks
from db.queries.edition_people import Window
from db.queries.outbox import Recipient
from db.session import upsert_insert

# Rows per statement: PostgreSQL's driver takes at most 32,767 parameters (9 per certificate).
CHUNK = 1000
T = TypeVar("T")


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


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


async def people(
    session: AsyncSession, w: Window, user_ids: Iterable[int] | None = None
) -> list[PersonWeek]:
    """Everyone who took part in the edition, with a name (only `user_ids` when given)."""
    found = await person_weeks(session, w, None if user_ids is None else list(user_ids))
    return sorted((p for p in found if p.full_name), key=lambda p: (p.full_name, p.user_id))


async def studied_on(session: AsyncSession, user_id: int, day: date) -> bool:
    """Whether the person has a check-in counted on `day`."""
    found = await session.scalar(
        select(DailyTotal.checkins).where(
            DailyTotal.user_id == user_id, DailyTotal.local_date == day
        )
    )
    return bool(found)


async def chats(session: AsyncSession, user_ids: Sequence[int]) -> list[Recipient]:
    """The private chats of these people who still hear from the bot (reminders on or off:
    a certificate is not a reminder)."""
    found: list[Recipient] = []
    for part in _chunks(sorted(user_ids)):
        rows = await session.execute(
            select(User.chat_id, User.id, User.language_code)
            .where(User.id.in_(part), User.is_active.is_(True))
            .order_by(User.id)
        )
        found += [Recipient(chat, uid, lang) for chat, uid, lang in rows]
    return found


async def issue(
    session: AsyncSession,
    year: int,
    earners: Sequence[PersonWeek],
    now: datetime,
    new_code: Callable[[], str],
) -> list[Issued]:
    """The certificates of `earners` for `year`, in their order, issued now where missing.

    An issued certificate keeps its name and unit for good: a name changed later never moves
    its code onto the new name. Its figures change only when the record no longer bears
    them out (a check-in deleted since): it is re-issued with the lower figures, dated now,
    so the paper handed out and /xacthuc agree again. More study later changes nothing."""
    ids = [p.user_id for p in earners]
    have = {c.user_id: c for c in await _of(session, year, ids)}
    fresh = [p for p in earners if p.user_id not in have]
    for part in _chunks(fresh):
        # Another replica issuing at the same moment: its row wins, ours is dropped. Only that
        # conflict: a new code equal to another's fails loudly rather than losing a certificate.
        await session.execute(
            upsert_insert(session)(Certificate)
            .values([_row(p, year, now) | {"code": new_code(), "issued_at": now} for p in part])
            .on_conflict_do_nothing(index_elements=["user_id", "edition_year"])
        )
    shrunk = [p for p in earners if p.user_id in have and _overstates(have[p.user_id], p)]
    for p in shrunk:
        await session.execute(
            update(Certificate)
            .where(Certificate.user_id == p.user_id, Certificate.edition_year == year)
            .values(days=p.days, minutes=p.minutes, issued_at=now, updated_at=now)
        )
    if fresh or shrunk:
        have = {c.user_id: c for c in await _of(session, year, ids)}
    return [have[i] for i in ids if i in have]


def _overstates(c: Issued, p: PersonWeek) -> bool:
    """The certificate states more than the person's record now holds."""
    return c.days > p.days or c.minutes > p.minutes


def _row(p: PersonWeek, year: int, now: datetime) -> dict[str, object]:
    return {
        "user_id": p.user_id,
        "edition_year": year,
        "full_name": p.full_name,
        "unit": p.unit,
        "days": p.days,
        "minutes": p.minutes,
        "updated_at": now,
    }


async def _of(session: AsyncSession, year: int, user_ids: Sequence[int]) -> list[Issued]:
    found: list[Issued] = []
    for part in _chunks(user_ids):
        rows = await session.scalars(
            select(Certificate).where(
                Certificate.edition_year == year, Certificate.user_id.in_(part)
            )
        )
        found += [_issued(c) for c in rows]
    return found


def _issued(c: Certificate) -> Issued:
    return Issued(
        c.code, c.user_id, c.edition_year, c.full_name, c.unit, c.days, c.minutes, c.issued_at
    )


async def by_code(session: AsyncSession, code: str) -> Issued | None:
    found = await session.scalar(select(Certificate).where(Certificate.code == code))
    return None if found is None else _issued(found)
