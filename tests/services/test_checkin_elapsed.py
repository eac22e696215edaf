"""Today cannot hold more study than the time since local midnight (tester's finding 8).

Found as: at 10:00 on 07/10, several "/diemdanh 8 tiếng" were accepted up to 23 giờ 32 phút
for today. Earlier days keep the 24-hour cap.
"""

from __future__ import annotations

from datetime import date

from bot.core.editions import load_editions
from bot.services import checkins
from bot.services.checkins import NewCheckin, Outcome, day_cap
from db.session import Sessions
from tests.conftest import VN, vn
from tests.services.conftest import register

EDITIONS = load_editions()
TID = 5151


async def _record(sessions: Sessions, minutes: int, source: str, day: date | None = None):
    entry = NewCheckin(minutes, "reading", None, source, day, again=True)
    return await checkins.record(
        sessions, TID, entry, now=vn(2023, 10, 7, 10, 0), tz=VN, editions=EDITIONS
    )


async def test_today_holds_at_most_the_time_since_midnight(sessions: Sessions) -> None:
    await register(sessions, TID)
    first = await _record(sessions, 8 * 60, "u1")
    assert first.outcome is Outcome.SAVED
    second = await _record(sessions, 8 * 60, "u2")
    assert second.outcome is Outcome.OVER_ELAPSED
    assert (second.elapsed, second.day_minutes) == (600, 480)
    exact = await _record(sessions, 120, "u3")  # 8 h + 2 h = 10 h at 10:00: still possible
    assert exact.outcome is Outcome.SAVED


async def test_one_entry_longer_than_the_morning_is_refused(sessions: Sessions) -> None:
    await register(sessions, TID)
    entry = NewCheckin(8 * 60, "reading", None, "early")
    early = await checkins.record(
        sessions, TID, entry, now=vn(2023, 10, 7, 7, 0), tz=VN, editions=EDITIONS
    )
    assert early.outcome is Outcome.OVER_ELAPSED and early.elapsed == 420


async def test_earlier_days_keep_the_24_hour_cap(sessions: Sessions) -> None:
    await register(sessions, TID)
    yesterday = date(2023, 10, 6)
    for n in range(2):
        assert (await _record(sessions, 12 * 60, f"y{n}", yesterday)).outcome is Outcome.SAVED
    over = await _record(sessions, 1, "y3", yesterday)
    assert over.outcome is Outcome.OVER_DAY_LIMIT


def test_day_cap() -> None:
    now = vn(2023, 10, 7, 10, 0)
    assert day_cap(date(2023, 10, 7), now, VN) == 600
    assert day_cap(date(2023, 10, 6), now, VN) == 24 * 60
    assert day_cap(date(2023, 10, 7), vn(2023, 10, 7, 0, 0), VN) == 0
