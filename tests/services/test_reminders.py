"""bot/services/reminders.py on a real database: personal and group settings, summaries."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.editions import Edition
from bot.core.progress import Streaks, Window
from bot.core.schedule import Closing, load_reminder_data
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
    assert (figures.minutes, figures.days_checked) == (90, 2)
    assert figures.streaks == Streaks(current=2, longest=2)
    nobody = await reminders.summary(sessions, uid + 1, edition, edition.start)
    assert (nobody.minutes, nobody.days_checked, nobody.streaks) == (0, 0, Streaks(0, 0))


async def test_the_final_summary_gives_the_longest_streak_of_the_edition_only(
    sessions: Sessions, calendar: Calendar
) -> None:
    """Issue 13: three days running, the last day missed, said "streak 0"; and a day before
    the week counted towards a streak."""
    edition = calendar.editions.get(2023)
    assert edition is not None
    uid = await register(sessions, 8)
    for day in (1, 4, 5, 6):  # 1 October is the day before the opening; 7 and 8 missed
        await checkin(sessions, uid, day, edition)
    figures = await reminders.summary(sessions, uid, edition, edition.end)
    assert figures.streaks.longest == 3 and figures.days_checked == 3
    assert figures.minutes == 90


async def checkin(sessions: Sessions, uid: int, day: int, edition: Edition) -> None:
    async with sessions() as s, s.begin():
        await record_checkin(
            s,
            user_id=uid,
            minutes=30,
            activity="reading",
            note=None,
            source=f"u{uid}-d{day}",
            now=vn(2023, 10, day, 10),
            tz=VN,
            window=Window(edition.start, edition.end, edition.year),
            day_limit=MAX_MINUTES_PER_DAY,
        )


async def test_schedule_counts_whom_each_reminder_would_reach(
    sessions: Sessions, calendar: Calendar
) -> None:
    edition = calendar.editions.get(2023)
    assert edition is not None
    an, _binh = await register(sessions, 1), await register(sessions, 2)
    await register(sessions, 3)
    await reminders.personal(sessions, 3, False)  # opted out: never counted
    await reminders.subscribe_group(sessions, GROUP, "Tổ A", 9, True, vn(2023, 10, 1, 9))
    await checkin(sessions, an, 3, edition)
    today = edition.start.replace(day=3)
    data = load_reminder_data()
    before = vn(2023, 9, 30, 9)  # no reminder due yet: every one is still to come
    overview = await reminders.schedule_overview(
        sessions, calendar.editions, data, VN, today, before, Closing(5, 0, frozenset({9, 10}))
    )
    assert overview.year == 2023 and isinstance(overview.lines, tuple)
    counts = {line.key: line.recipients for line in overview.lines}
    assert counts["opening@2023-10-02"] == 2
    assert counts["morning@2023-10-03"] == 3  # both officials and the group
    assert counts["nudge@2023-10-03"] == 1  # An checked in that day
    assert counts["nudge@2023-10-04"] == 2
    assert counts["week_figures@2023-10-09"] == 2  # the admins
    assert counts["certificate@2023-10-09"] == 0  # one day studied: nobody over the bar yet
    assert all(line.figures is None for line in overview.lines)
    for key, (day, groups) in {
        "nudge@2023-10-03": (date(2023, 10, 3), False),
        "morning@2023-10-03": (None, True),
    }.items():
        async with sessions() as s:  # the very query the planner uses
            chosen = await audience.reminder_recipients(
                s, without_checkin_on=day, with_groups=groups
            )
        assert len(chosen) == counts[key]
    assert await reminders.delivery_figures(sessions) == ()
    # Later, with nothing planned: the past ones passed unsent, never an estimate.
    later = await reminders.schedule_overview(
        sessions, calendar.editions, data, VN, today, vn(2023, 10, 3, 12), Closing()
    )
    missed = {line.key for line in later.lines if line.missed}
    assert "opening@2023-10-02" in missed and "morning@2023-10-03" in missed
    assert "nudge@2023-10-03" not in missed
    assert all(line.recipients == 0 for line in later.lines if line.missed)
