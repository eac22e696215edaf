"""Self-study check-ins: record one (idempotently), undo one, sum them up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Protocol

from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Checkin, DailyTotal
from db.session import upsert_insert


@dataclass(frozen=True, slots=True)
class CheckinInfo:
    id: int
    local_date: date
    created_at: datetime
    minutes: int
    activity: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Receipt:
    """What was saved, for the confirmation message."""

    checkin: CheckinInfo
    created: bool  # False when this update had already been recorded (a redelivery)
    day_minutes: int
    window_minutes: int


class Window(Protocol):
    """The days a receipt's running total covers (bot.core.progress.Window is one)."""

    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


class DailyLimitExceeded(Exception):
    """Adding the entry would put the day over its limit; nothing was stored."""

    def __init__(self, day_minutes: int) -> None:
        super().__init__(day_minutes)
        self.day_minutes = day_minutes


def _info(row: Checkin) -> CheckinInfo:
    return CheckinInfo(row.id, row.local_date, row.created_at, row.minutes, row.activity, row.note)


_LIVE = Checkin.deleted_at.is_(None)


async def _day_and_window(
    session: AsyncSession, user_id: int, day: date, window: Window
) -> tuple[int, int]:
    """Minutes logged on `day` and in `window`, in one read of the daily rollup."""
    on_day = case((DailyTotal.local_date == day, DailyTotal.minutes), else_=0)
    in_window = case(
        (DailyTotal.local_date.between(window.start, window.end), DailyTotal.minutes), else_=0
    )
    row = (
        await session.execute(
            select(func.coalesce(func.sum(on_day), 0), func.coalesce(func.sum(in_window), 0)).where(
                DailyTotal.user_id == user_id,
                DailyTotal.local_date.between(min(day, window.start), max(day, window.end)),
            )
        )
    ).one()
    return int(row[0]), int(row[1])


async def _existing(session: AsyncSession, user_id: int, source: str) -> Checkin | None:
    return await session.scalar(
        select(Checkin).where(Checkin.user_id == user_id, Checkin.source == source)
    )


async def record_checkin(
    session: AsyncSession,
    *,
    user_id: int,
    minutes: int,
    activity: str,
    note: str | None,
    source: str,
    now: datetime,
    tz: tzinfo,
    window: Window,
    day_limit: int,
    day: date | None = None,
) -> Receipt:
    """Store a check-in once per `source`; the caller commits before confirming it.

    `day_limit` is the most minutes a day may hold (the domain's rule, bot.core.duration:
    db imports nothing from bot, so the caller passes it in).

    Every check-in pays for these statements, so there are three: the day's and window's
    totals, the insert, the rollup (plus a read of the stored row for a redelivery).
    `day`: the day studied when it is not the local day of `now` (the caller checked it).
    """
    today = day if day is not None else now.astimezone(tz).date()
    day_before, window_before = await _day_and_window(session, user_id, today, window)
    if day_before + minutes > day_limit:
        existing = await _existing(session, user_id, source)
        if existing is None:
            raise DailyLimitExceeded(day_before)
        return await _receipt_again(session, existing, window)  # a redelivery, not a new entry
    insert = upsert_insert(session)
    new_id = await session.scalar(
        insert(Checkin)
        .values(
            user_id=user_id,
            local_date=today,
            minutes=minutes,
            activity=activity,
            note=note,
            source=source,
            created_at=now,
        )
        # A redelivered (or concurrently repeated) update loses quietly instead of failing.
        .on_conflict_do_nothing(index_elements=["user_id", "source"])
        .returning(Checkin.id)
    )
    if new_id is None:
        existing = await _existing(session, user_id, source)
        if existing is None:  # pragma: no cover - the conflict means the row is there
            raise RuntimeError("check-in vanished between insert and read")
        return await _receipt_again(session, existing, window)
    await _add_to_day(session, user_id, today, 1, minutes)
    info = CheckinInfo(new_id, today, now.astimezone(UTC), minutes, activity, note)
    in_window = window.start <= today <= window.end
    return Receipt(info, True, day_before + minutes, window_before + minutes * in_window)


async def _receipt_again(session: AsyncSession, row: Checkin, window: Window) -> Receipt:
    """The receipt for an update that had already been recorded."""
    day, in_window = await _day_and_window(session, row.user_id, row.local_date, window)
    return Receipt(_info(row), False, day, in_window)


async def list_checkins(
    session: AsyncSession, user_id: int, start: date, end: date
) -> list[CheckinInfo]:
    rows = await session.scalars(
        select(Checkin)
        .where(Checkin.user_id == user_id, Checkin.local_date.between(start, end), _LIVE)
        .order_by(Checkin.local_date, Checkin.created_at)
    )
    return [_info(r) for r in rows]


async def last_checkin(session: AsyncSession, user_id: int) -> CheckinInfo | None:
    row = await session.scalar(
        select(Checkin)
        .where(Checkin.user_id == user_id, _LIVE)
        .order_by(Checkin.created_at.desc(), Checkin.id.desc())
        .limit(1)
    )
    return None if row is None else _info(row)


async def undo_checkin(
    session: AsyncSession, user_id: int, checkin_id: int, now: datetime
) -> CheckinInfo | None:
    """Withdraw one of the user's own check-ins; None if it is not theirs or already gone.

    One UPDATE that only matches a live row: of two presses racing (two taps, two replicas),
    one withdraws it and the other finds nothing, so the day's rollup drops once.
    """
    withdrawn = await session.scalar(
        update(Checkin)
        .where(Checkin.id == checkin_id, Checkin.user_id == user_id, _LIVE)
        .values(deleted_at=now)
        .returning(Checkin)
        .execution_options(synchronize_session=False)
    )
    if withdrawn is None:
        return None
    await _add_to_day(session, user_id, withdrawn.local_date, -1, -withdrawn.minutes)
    await session.flush()
    return _info(withdrawn)


async def recent_same_minutes(
    session: AsyncSession, user_id: int, minutes: int, since: datetime, source: str, day: date
) -> CheckinInfo | None:
    """The user's latest live check-in of `minutes` for `day`, created at or after `since` by
    another update than `source`: what a second tap on the same answer would repeat (30
    minutes for yesterday just after 30 for today is no repeat). None when
    `source` itself is stored already (a redelivery gets its receipt again, not a question)."""
    row = await session.scalar(
        select(Checkin)
        .where(
            Checkin.user_id == user_id,
            Checkin.minutes == minutes,
            Checkin.local_date == day,
            Checkin.created_at >= since,
            Checkin.source != source,
            _LIVE,
        )
        .order_by(Checkin.created_at.desc(), Checkin.id.desc())
        .limit(1)
    )
    if row is None or await _existing(session, user_id, source) is not None:
        return None  # read second: the usual check-in, no repeat, pays one statement
    return _info(row)


async def _add_to_day(
    session: AsyncSession, user_id: int, day: date, checkins: int, minutes: int
) -> None:
    """Keep the daily_totals rollup in step, inside the caller's transaction."""
    insert = upsert_insert(session)
    statement = insert(DailyTotal).values(
        user_id=user_id, local_date=day, checkins=checkins, minutes=minutes
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["user_id", "local_date"],
            set_={
                "checkins": DailyTotal.checkins + statement.excluded.checkins,
                "minutes": DailyTotal.minutes + statement.excluded.minutes,
            },
        )
    )


async def own_checkin(session: AsyncSession, user_id: int, checkin_id: int) -> CheckinInfo | None:
    """One of the user's check-ins still standing; None if it is not theirs or is gone."""
    row = await session.scalar(
        select(Checkin).where(Checkin.id == checkin_id, Checkin.user_id == user_id, _LIVE)
    )
    return None if row is None else _info(row)
