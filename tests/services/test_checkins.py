"""bot.services.checkins on a real database: record, idempotency, limits, my week, undo."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import CheckConstraint, func, select

from bot.core.duration import MAX_MINUTES_PER_DAY, MAX_MINUTES_PER_ENTRY
from bot.core.editions import load_editions
from bot.core.progress import Stage
from bot.services import checkins, profile
from bot.services.checkins import NewCheckin, Outcome, Removal
from bot.services.profile import Contact
from db.models import Checkin
from db.session import Sessions
from tests.conftest import VN, vn

EDITIONS = load_editions()  # 2023: the week of 2-8 October
TID = 4242


async def _register(sessions: Sessions, tid: int = TID) -> None:
    saved = await profile.register(
        sessions,
        Contact(tid, tid, None, "vi"),
        "Nguyễn Văn An",
        "Phòng A",
        vn(2023, 10, 1, 8),
        consent_at=vn(2023, 10, 1, 8),
    )
    assert saved is not None


async def _record(
    sessions: Sessions,
    minutes: int,
    source: str,
    day: int = 3,
    *,
    again: bool = False,
    studied: date | None = None,
) -> checkins.Recorded:
    entry = NewCheckin(minutes, "reading", "sách", source, studied, again=again)
    return await checkins.record(
        sessions, TID, entry, now=vn(2023, 10, day, 9), tz=VN, editions=EDITIONS
    )


async def _stored(sessions: Sessions) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count(Checkin.id))) or 0)


async def test_nothing_is_stored_for_someone_not_registered(sessions: Sessions) -> None:
    assert not await checkins.registered(sessions, TID)
    result = await _record(sessions, 30, "msg:1:1")
    assert result == checkins.Recorded(Outcome.NOT_REGISTERED)
    assert await _stored(sessions) == 0


async def test_record_then_the_same_source_again_stores_once(sessions: Sessions) -> None:
    await _register(sessions)
    assert await checkins.registered(sessions, TID)
    first = await _record(sessions, 45, "msg:1:1")
    again = await _record(sessions, 45, "msg:1:1")
    assert first.outcome is again.outcome is Outcome.SAVED
    assert first.receipt is not None and again.receipt is not None
    assert first.receipt.created and not again.receipt.created
    assert again.receipt.checkin.id == first.receipt.checkin.id
    assert again.receipt.day_minutes == first.receipt.day_minutes == 45
    assert await _stored(sessions) == 1


async def test_the_day_limit_stores_nothing_but_a_redelivery_still_gets_its_receipt(
    sessions: Sessions,
) -> None:
    await _register(sessions)
    day = date(2023, 10, 3)  # yesterday: a whole day (today holds only the time since midnight)
    for n in range(2):  # the same minutes twice at once: confirmed, not a double tap
        saved = await _record(
            sessions, MAX_MINUTES_PER_ENTRY, f"msg:1:{n}", 4, again=True, studied=day
        )
        assert saved.outcome is Outcome.SAVED
    over = await _record(sessions, 1, "msg:1:99", 4, studied=day)
    assert over == checkins.Recorded(
        Outcome.OVER_DAY_LIMIT, day_minutes=MAX_MINUTES_PER_DAY, day=day
    )
    redelivered = await _record(sessions, MAX_MINUTES_PER_ENTRY, "msg:1:1", 4, studied=day)
    assert redelivered.outcome is Outcome.SAVED and redelivered.receipt is not None
    assert not redelivered.receipt.created
    assert await _stored(sessions) == 2


async def test_my_week_lists_the_window_and_the_streak(sessions: Sessions) -> None:
    assert await checkins.my_week(sessions, TID, load_editions(), date(2023, 10, 4)) is None
    await _register(sessions)
    await _record(sessions, 30, "msg:1:1", day=3)
    await _record(sessions, 20, "msg:1:2", day=4)
    week = await checkins.my_week(sessions, TID, load_editions(), date(2023, 10, 4))
    assert week is not None and week.progress is not None
    assert week.profile.full_name == "Nguyễn Văn An" and week.profile.unit_name == "Phòng A"
    assert week.outlook.stage is Stage.DURING
    assert [c.minutes for c in week.recent] == [20, 30]  # newest first: the delete buttons
    assert week.progress.streaks.current == 2 and week.progress.minutes == 50
    assert [d.day for d in week.progress.days][-1] == date(2023, 10, 4)


async def test_undo_withdraws_only_ones_own_last_checkin(sessions: Sessions) -> None:
    assert await checkins.last(sessions, TID) is None
    assert await checkins.undo(sessions, TID, 1, vn(2023, 10, 3, 10)) is None
    await _register(sessions)
    await _register(sessions, tid=TID + 1)
    saved = await _record(sessions, 30, "msg:1:1")
    assert saved.receipt is not None
    last = await checkins.last(sessions, TID)
    assert last is not None and last.id == saved.receipt.checkin.id
    # Someone else cannot withdraw it.
    assert await checkins.undo(sessions, TID + 1, last.id, vn(2023, 10, 3, 10)) is None
    removed = await checkins.undo(sessions, TID, last.id, vn(2023, 10, 3, 10))
    assert removed is not None and removed.id == last.id
    assert await checkins.undo(sessions, TID, last.id, vn(2023, 10, 3, 11)) is None
    assert await checkins.last(sessions, TID) is None
    week = await checkins.my_week(sessions, TID, load_editions(), date(2023, 10, 3))
    assert week is not None and week.recent == () and week.progress is not None
    assert week.progress.streaks.current == 0


def test_the_stored_per_entry_limit_is_the_domains() -> None:
    """The CHECK in models/migrations is a literal (a migration is frozen history): it must
    say what bot.core.duration says, or one of them was changed without the other."""
    checks = [c for c in Checkin.__table__.constraints if isinstance(c, CheckConstraint)]
    sql = " ".join(str(c.sqltext) for c in checks)
    assert re.search(rf"minutes <= {MAX_MINUTES_PER_ENTRY}\b", sql), sql


async def test_after_the_week_my_week_is_the_last_editions_result(sessions: Sessions) -> None:
    """Issue 13: no rolling "last 7 days" after the week; 2026 has no data: 2023's result."""
    await _register(sessions)
    for n, day in enumerate((2, 3, 4)):
        await _record(sessions, 30, f"msg:1:{n}", day=day)
    week = await checkins.my_week(sessions, TID, EDITIONS, date(2026, 11, 24))
    assert week is not None and week.progress is not None
    assert week.outlook.stage is Stage.NO_DATA and week.progress.year == 2023
    assert (week.progress.minutes, week.progress.days_checked) == (90, 3)
    assert week.progress.streaks.longest == 3 and len(week.progress.days) == 7
    assert week.recent == ()  # nothing to delete outside a running edition


async def _delete(sessions: Sessions, checkin_id: int, at: tuple[int, ...], tid: int = TID):  # type: ignore[no-untyped-def]
    return await checkins.delete_own(sessions, tid, checkin_id, vn(*at), tz=VN, editions=EDITIONS)


async def test_delete_own_any_checkin_of_the_running_week_once(sessions: Sessions) -> None:
    await _register(sessions)
    await _register(sessions, tid=TID + 1)
    first = await _record(sessions, 30, "msg:1:1", day=2)
    await _record(sessions, 45, "msg:1:2", day=3)
    assert first.receipt is not None
    target = first.receipt.checkin.id  # not the last one: any entry can go
    asked = await checkins.own_entry(
        sessions, TID, target, now=vn(2023, 10, 4, 9), tz=VN, editions=EDITIONS
    )
    assert asked.outcome is Removal.READY and asked.checkin is not None
    assert asked.checkin.minutes == 30
    assert (await _delete(sessions, target, (2023, 10, 4, 9), TID + 1)).outcome is Removal.GONE
    done = await _delete(sessions, target, (2023, 10, 4, 9))
    assert done.outcome is Removal.DELETED and done.checkin is not None
    assert done.checkin.id == target
    again = await _delete(sessions, target, (2023, 10, 4, 9, 1))
    assert again == checkins.Deletion(Removal.GONE)
    week = await checkins.my_week(sessions, TID, EDITIONS, date(2023, 10, 4))
    assert week is not None and week.progress is not None
    assert (week.progress.minutes, week.progress.days_checked) == (45, 1)
    assert [c.minutes for c in week.recent] == [45]


async def test_delete_own_refuses_once_the_week_is_over(sessions: Sessions) -> None:
    await _register(sessions)
    saved = await _record(sessions, 30, "msg:1:1", day=3)
    assert saved.receipt is not None
    target = saved.receipt.checkin.id
    late = await _delete(sessions, target, (2023, 10, 9, 0, 5))
    assert late.outcome is Removal.CLOSED
    assert (await _delete(sessions, 999_999, (2023, 10, 4, 9))).outcome is Removal.GONE
    assert await _stored(sessions) == 1
    async with sessions() as session:
        assert await session.scalar(select(Checkin.deleted_at)) is None
