"""Issue 13, defect 4, on a real database: who a broadcast's audience leaves out is counted
with the same segment as its recipients, and a one-unit audience carries its unit's name."""

from __future__ import annotations

from sqlalchemy import update

from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.progress import Window
from bot.services import broadcasts as service
from bot.services.broadcasts import Content, LeftOut, Outcome
from db.models import User
from db.queries.checkins import record_checkin
from db.queries.users import get_profile
from tests.conftest import VN, vn
from tests.services.conftest import Calendar, Sessions, register

AUTHOR = 501
NOW = vn(2023, 10, 3, 9, 0)


async def _unit_of(sessions: Sessions, telegram_id: int) -> int:
    async with sessions() as s:
        profile = await get_profile(s, telegram_id)
    assert profile is not None and profile.unit_id is not None
    return profile.unit_id


async def _choose(
    sessions: Sessions, calendar: Calendar, audience: str, unit: int | None = None
) -> service.Result:
    draft = await service.create_draft(sessions, AUTHOR, AUTHOR, Content("text", "x", None), NOW)
    info = (await service.access(sessions, draft, AUTHOR, frozenset())).info
    assert info is not None
    return await service.choose(sessions, calendar, info, audience, unit)


async def test_left_out_follows_the_audience(sessions: Sessions, calendar: Calendar) -> None:
    for tid in (1, 2, 3, 4):
        await register(sessions, tid, "Phòng A" if tid < 4 else "Phòng B")
    async with sessions() as s, s.begin():
        await s.execute(update(User).where(User.telegram_id.in_([1, 4])).values(is_active=False))
        await s.execute(update(User).where(User.telegram_id == 2).values(reminders_enabled=False))
        user = await get_profile(s, 1)
        assert user is not None
        await record_checkin(  # the blocked person of Phòng A studied today
            s,
            user_id=user.user_id,
            minutes=30,
            activity="reading",
            note=None,
            source="msg:1:1",
            now=NOW,
            tz=VN,
            window=Window(vn(2023, 10, 2).date(), vn(2023, 10, 8).date(), 2023),
            day_limit=MAX_MINUTES_PER_DAY,
        )
    everyone = await _choose(sessions, calendar, "all")
    assert everyone.outcome is Outcome.PREVIEW and everyone.count == 2
    assert everyone.left_out == LeftOut(blocked=2, reminders_off=1)
    assert everyone.info.unit_name is None
    today = await _choose(sessions, calendar, "today")  # who studied today is not in it
    assert today.count == 2 and today.left_out == LeftOut(blocked=1, reminders_off=1)
    unit_a = await _choose(sessions, calendar, "unit", await _unit_of(sessions, 1))
    assert unit_a.info.unit_name == "Phòng A"
    assert unit_a.count == 2 and unit_a.left_out == LeftOut(blocked=1, reminders_off=1)
    unit_b = await _choose(sessions, calendar, "unit", await _unit_of(sessions, 4))
    assert unit_b.outcome is Outcome.NOBODY and unit_b.left_out == LeftOut(blocked=1)
    groups = await _choose(sessions, calendar, "groups")
    assert groups.left_out == LeftOut()
    listed = {
        row.info.id: row.info.unit_name
        for row in (await service.recent(sessions, calendar, AUTHOR, frozenset())).rows
    }
    assert listed[unit_a.info.id] == "Phòng A" and listed[everyone.info.id] is None
