"""bot.services.checkins: the day studied, entries outside the week, a double tap and the
receipt's undo button (issue 13, defects 2, 12 and 13)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.core.editions import load_editions
from bot.services import checkins
from bot.services.checkins import DayRefusal, NewCheckin, Outcome, Removal, check_day
from db.models import Checkin, DailyTotal
from db.session import Sessions
from tests.conftest import VN, vn
from tests.services.conftest import register

EDITIONS = load_editions()  # 2023: Monday 2 – Sunday 8 October
TID = 4343


async def _record(
    sessions: Sessions,
    minutes: int,
    source: str,
    now: datetime,
    day: date | None = None,
    again: bool = False,
) -> checkins.Recorded:
    entry = NewCheckin(minutes, "reading", None, source, day, again)
    return await checkins.record(sessions, TID, entry, now=now, tz=VN, editions=EDITIONS)


async def _live(sessions: Sessions) -> list[tuple[date, int]]:
    async with sessions() as session:
        rows = await session.execute(
            select(Checkin.local_date, Checkin.minutes)
            .where(Checkin.deleted_at.is_(None))
            .order_by(Checkin.id)
        )
        return [(d, m) for d, m in rows]


@pytest.mark.parametrize(
    ("day", "today", "refusal"),
    [
        (date(2023, 10, 3), date(2023, 10, 4), None),
        (date(2023, 10, 2), date(2023, 10, 5), None),  # 3 days back: allowed
        (date(2023, 10, 2), date(2023, 10, 6), DayRefusal.TOO_OLD),  # 4 days back
        (date(2023, 10, 5), date(2023, 10, 4), DayRefusal.FUTURE),
        (date(2023, 10, 1), date(2023, 10, 2), DayRefusal.BEFORE_WEEK),  # before the week
        (date(2023, 10, 8), date(2023, 10, 9), None),  # the last day, the morning after
        (date(2023, 10, 6), date(2023, 10, 9), None),  # 3 days back, into the ended week
        (date(2023, 9, 29), date(2023, 10, 1), None),  # both outside the week
    ],
)
def test_check_day(day: date, today: date, refusal: DayRefusal | None) -> None:
    assert check_day(EDITIONS, day, today) is refusal


async def test_the_day_studied_is_stored_and_counted_on_that_day(sessions: Sessions) -> None:
    await register(sessions, TID)
    saved = await _record(sessions, 30, "msg:1:1", vn(2023, 10, 4, 20), date(2023, 10, 3))
    assert saved.outcome is Outcome.SAVED and saved.receipt is not None
    assert saved.day == saved.receipt.checkin.local_date == date(2023, 10, 3)
    assert saved.outside is None
    async with sessions() as session:
        assert list(await session.scalars(select(DailyTotal.local_date))) == [date(2023, 10, 3)]


async def test_a_refused_day_stores_nothing(sessions: Sessions) -> None:
    await register(sessions, TID)
    refused = await _record(sessions, 30, "msg:1:1", vn(2023, 10, 3, 8), date(2023, 10, 1))
    assert refused == checkins.Recorded(
        Outcome.DAY_REFUSED, day=date(2023, 10, 1), refused=DayRefusal.BEFORE_WEEK
    )
    assert await _live(sessions) == []


async def test_a_day_outside_the_week_names_the_edition(sessions: Sessions) -> None:
    await register(sessions, TID)
    saved = await _record(sessions, 30, "msg:1:1", vn(2023, 10, 1, 9))
    assert saved.outside is not None and saved.outside.year == 2023


async def test_the_same_minutes_within_two_minutes_waits_for_a_confirmation(
    sessions: Sessions,
) -> None:
    await register(sessions, TID)
    first = await _record(sessions, 30, "msg:1:1", vn(2023, 10, 3, 20, 1))
    again = await _record(sessions, 30, "msg:1:2", vn(2023, 10, 3, 20, 2))
    assert again.outcome is Outcome.LOOKS_REPEATED and again.earlier is not None
    assert first.receipt is not None and again.earlier.id == first.receipt.checkin.id
    assert len(await _live(sessions)) == 1
    redelivered = await _record(sessions, 30, "msg:1:1", vn(2023, 10, 3, 20, 2))
    assert redelivered.outcome is Outcome.SAVED  # its own receipt again, not a question
    confirmed = await _record(sessions, 30, "msg:1:2", vn(2023, 10, 3, 20, 2), again=True)
    assert confirmed.outcome is Outcome.SAVED
    later = await _record(sessions, 30, "msg:1:3", vn(2023, 10, 3, 20, 5))
    assert later.outcome is Outcome.SAVED  # more than two minutes after the last one
    other = await _record(sessions, 45, "msg:1:4", vn(2023, 10, 3, 20, 5))
    assert other.outcome is Outcome.SAVED
    assert len(await _live(sessions)) == 4


async def test_receipt_undo_asks_then_withdraws_once(sessions: Sessions) -> None:
    await register(sessions, TID)
    await register(sessions, TID + 1)
    saved = await _record(sessions, 30, "msg:1:1", vn(2023, 10, 3, 9))
    assert saved.receipt is not None
    checkin_id = saved.receipt.checkin.id
    now = vn(2023, 10, 3, 10)

    async def press(telegram_id: int, confirmed: bool) -> checkins.Deletion:
        act = checkins.delete_own if confirmed else checkins.own_entry
        return await act(sessions, telegram_id, checkin_id, now=now, tz=VN, editions=EDITIONS)

    asked = await press(TID, False)
    assert asked.outcome is Removal.READY and await _live(sessions) == [(date(2023, 10, 3), 30)]
    assert (await press(TID + 1, True)).outcome is Removal.GONE  # not theirs
    assert (await press(TID + 1, False)).outcome is Removal.GONE
    # Two presses at once: one withdraws, the other finds it gone.
    results = await asyncio.gather(press(TID, True), press(TID, True))
    assert sorted(r.outcome.value for r in results) == ["deleted", "gone"]
    assert await _live(sessions) == []
    async with sessions() as session:
        assert list(await session.scalars(select(DailyTotal.minutes))) == [0]


async def test_receipt_undo_refuses_a_check_in_of_a_week_that_is_over(sessions: Sessions) -> None:
    await register(sessions, TID)
    saved = await _record(sessions, 30, "msg:1:1", vn(2023, 10, 3, 9))
    assert saved.receipt is not None
    later = vn(2023, 10, 3, 9) + timedelta(days=20)
    found = await checkins.delete_own(
        sessions, TID, saved.receipt.checkin.id, now=later, tz=VN, editions=EDITIONS
    )
    assert found.outcome is Removal.CLOSED
    assert len(await _live(sessions)) == 1
