"""bot/services/reminders.py on a real database: personal and group settings, summaries."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.progress import Window
from bot.services import reminders
from db.models import AuditEntry, GroupChat
from db.queries import audience
from db.queries.checkins import record_checkin
from tests.conftest import VN, vn
from tests.services.conftest import Calendar, Sessions, register

GROUP = -1001


async def test_personal_setting_needs_registration(sessions: Sessions) -> None:
    assert await reminders.personal(sessions, 7, None) == reminders.Personal(False, False)
    assert await reminders.personal(sessions, 7, False) == reminders.Personal(False, False)
    assert not await reminders.switch(sessions, 7, True)
    await register(sessions, 7)
    assert await reminders.personal(sessions, 7, None) == reminders.Personal(True, True)
    assert await reminders.personal(sessions, 7, False) == reminders.Personal(True, False)
    assert await reminders.personal(sessions, 7, None) == reminders.Personal(True, False)
    async with sessions() as s:
        assert await audience.officials(s) == []  # opted out: no reminders
    assert await reminders.switch(sessions, 7, True)
    assert await reminders.personal(sessions, 7, None) == reminders.Personal(True, True)


async def test_group_subscription_is_one_row_and_audited(sessions: Sessions) -> None:
    now = vn(2023, 10, 3, 9, 0)
    await reminders.subscribe_group(sessions, GROUP, "Tổ A", 9, True, now)
    await reminders.subscribe_group(sessions, GROUP, "Tổ A", 9, True, now)
    async with sessions() as s:
        assert [r.chat_id for r in await audience.groups(s)] == [GROUP]
    await reminders.subscribe_group(sessions, GROUP, "Tổ A", 9, False, now)
    async with sessions() as s:
        assert await audience.groups(s) == []
        rows = await s.scalar(select(func.count()).select_from(GroupChat))
        audits = await s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "group_subscription")
        )
    assert rows == 1 and audits == 3


async def test_summary_counts_the_edition(sessions: Sessions, calendar: Calendar) -> None:
    edition = calendar.editions.get(2023)
    assert edition is not None
    uid = await register(sessions, 8)
    window = Window(edition.start, edition.end, edition.year)
    for day, minutes in ((2, 30), (3, 45), (3, 15)):
        async with sessions() as s, s.begin():
            await record_checkin(
                s,
                user_id=uid,
                minutes=minutes,
                activity="reading",
                note=None,
                source=f"t{day}-{minutes}",
                now=vn(2023, 10, day, 10 + minutes // 15),
                tz=VN,
                window=window,
                day_limit=MAX_MINUTES_PER_DAY,
            )
    figures = await reminders.summary(sessions, uid, edition, edition.start.replace(day=3))
    assert figures == reminders.Summary(minutes=90, days=2, streak=2)
    nobody = await reminders.summary(sessions, uid + 1, edition, edition.start)
    assert nobody == reminders.Summary(0, 0, 0)
