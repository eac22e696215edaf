"""Services on a real SQLite file: idempotency under concurrency, figures, migrations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.progress import Window
from db.migrate import upgrade
from db.models import Base, Checkin
from db.queries.checkins import DailyLimitExceeded, record_checkin
from db.queries.stats import edition_stats
from db.session import create_engine, create_sessionmaker
from tests.conftest import VN, vn
from tests.services.conftest import register

WEEK = Window(date(2023, 10, 2), date(2023, 10, 8), 2023)
CLOSES = vn(2023, 10, 9)  # midnight after the last day


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    await upgrade(engine)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def _checkin(sessions, user_id: int, minutes: int, when, source: str):  # type: ignore[no-untyped-def]
    async with sessions() as s, s.begin():
        return await record_checkin(
            s,
            user_id=user_id,
            minutes=minutes,
            activity="reading",
            note=None,
            source=source,
            now=when,
            tz=VN,
            window=WEEK,
            day_limit=MAX_MINUTES_PER_DAY,
        )


async def test_sqlite_runs_in_wal_with_foreign_keys(sessions, database_url) -> None:  # type: ignore[no-untyped-def]
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite pragmas")
    async with sessions() as s:
        assert (await s.execute(select(func.count()).select_from(Checkin))).scalar() == 0
        conn = await s.connection()
        assert (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar() == "wal"
        assert (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 1


async def test_concurrent_redeliveries_store_one_row(sessions) -> None:  # type: ignore[no-untyped-def]
    uid = await register(sessions, 1, "Phòng A")
    results = await asyncio.gather(
        *(_checkin(sessions, uid, 30, vn(2023, 10, 3, 9), "msg:1:42") for _ in range(8))
    )
    assert sum(r.created for r in results) == 1
    async with sessions() as s:
        assert await s.scalar(select(func.count(Checkin.id))) == 1


async def test_concurrent_writers_do_not_hit_database_is_locked(sessions) -> None:  # type: ignore[no-untyped-def]
    uids = [await register(sessions, 100 + i, "Phòng B") for i in range(20)]
    await asyncio.gather(
        *(
            _checkin(sessions, uid, 15, vn(2023, 10, 3, 9), f"msg:{uid}:{n}")
            for uid in uids
            for n in range(5)
        )
    )
    async with sessions() as s:
        assert await s.scalar(select(func.count(Checkin.id))) == 100


async def test_day_limit_counts_local_days(sessions) -> None:  # type: ignore[no-untyped-def]
    uid = await register(sessions, 1, "Phòng A")
    await _checkin(sessions, uid, 720, vn(2023, 10, 3, 1), "a")
    await _checkin(sessions, uid, 720, vn(2023, 10, 3, 22), "b")
    with pytest.raises(DailyLimitExceeded):
        await _checkin(sessions, uid, 1, vn(2023, 10, 3, 23, 59), "c")
    # 00:30 in Vietnam is still the previous day in UTC, but it is a new local day.
    receipt = await _checkin(sessions, uid, 30, vn(2023, 10, 4, 0, 30), "d")
    assert receipt.checkin.local_date == date(2023, 10, 4) and receipt.day_minutes == 30


async def test_edition_stats_match_hand_computed_figures(sessions) -> None:  # type: ignore[no-untyped-def]
    a1, a2 = await register(sessions, 1, "Phòng A"), await register(sessions, 2, "Phòng A")
    b1 = await register(sessions, 3, "Phòng B")
    await register(sessions, 4, "Phòng C")  # a unit with nobody taking part
    await _checkin(sessions, a1, 30, vn(2023, 10, 2, 9), "1")
    await _checkin(sessions, a1, 45, vn(2023, 10, 3, 9), "2")
    await _checkin(sessions, a2, 60, vn(2023, 10, 3, 21), "3")
    await _checkin(sessions, b1, 90, vn(2023, 10, 8, 23, 30), "4")
    await _checkin(sessions, b1, 10, vn(2023, 10, 9, 0, 10), "5")  # the day after: not counted
    await _checkin(sessions, b1, 10, vn(2023, 10, 1, 12), "6")  # the day before: not counted
    async with sessions() as s:
        stats = await edition_stats(s, 2023, WEEK.start, WEEK.end, registered_before=CLOSES)
    assert (stats.registered, stats.participants, stats.checkins, stats.minutes) == (4, 3, 4, 225)
    days = {d.date: (d.participants, d.checkins, d.minutes) for d in stats.by_day}
    assert len(days) == 7
    assert days[date(2023, 10, 2)] == (1, 1, 30)
    assert days[date(2023, 10, 3)] == (2, 2, 105)
    assert days[date(2023, 10, 8)] == (1, 1, 90)
    assert days[date(2023, 10, 5)] == (0, 0, 0)
    units = {u.unit: (u.registered, u.participants, u.minutes) for u in stats.by_unit}
    assert units == {"Phòng A": (2, 2, 135), "Phòng B": (1, 1, 90), "Phòng C": (1, 0, 0)}
    assert stats.as_json()["by_day"][0]["date"] == "2023-10-02"


async def test_migrations_match_the_models(sessions) -> None:  # type: ignore[no-untyped-def]
    async with sessions() as s:
        conn = await s.connection()
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    # SQLite reports our UTC timestamps as plain DATETIME, which is what the migration says.
    assert [d for d in diff if d[0] != "modify_type"] == []


def test_window_days() -> None:
    assert WEEK.days == 7
    assert Window(date(2023, 1, 1), date(2023, 1, 1) + timedelta(days=6)).days == 7


async def test_daily_totals_stay_in_step_with_checkins(sessions) -> None:  # type: ignore[no-untyped-def]
    import random

    from db.models import DailyTotal
    from db.queries.checkins import undo_checkin
    from db.queries.privacy import erase_person

    rng = random.Random(7)
    uids = {tid: await register(sessions, tid, f"Phòng {tid % 3}") for tid in range(1, 9)}
    made: list[tuple[int, int]] = []
    for n in range(200):
        tid = rng.choice(list(uids))
        action = rng.random()
        if action < 0.7:
            when = vn(2023, 10, rng.randint(2, 8), rng.randint(0, 23))
            try:
                receipt = await _checkin(
                    sessions, uids[tid], rng.choice((15, 30, 90)), when, f"s{n}"
                )
                made.append((uids[tid], receipt.checkin.id))
            except DailyLimitExceeded:
                pass
        elif action < 0.95 and made:
            user_id, checkin_id = made.pop(rng.randrange(len(made)))
            async with sessions() as s, s.begin():
                await undo_checkin(s, user_id, checkin_id, vn(2023, 10, 9))
        elif len(uids) > 2:
            async with sessions() as s, s.begin():
                await erase_person(s, tid, vn(2023, 10, 9))
            made = [(u, c) for u, c in made if u != uids[tid]]
            del uids[tid]
    async with sessions() as s:
        live = {
            (u, d): (c, m)
            for u, d, c, m in await s.execute(
                select(Checkin.user_id, Checkin.local_date, func.count(), func.sum(Checkin.minutes))
                .where(Checkin.deleted_at.is_(None))
                .group_by(Checkin.user_id, Checkin.local_date)
            )
        }
        rollup = {
            (r.user_id, r.local_date): (r.checkins, r.minutes)
            for r in await s.scalars(select(DailyTotal).where(DailyTotal.checkins > 0))
        }
    assert rollup == live and len(live) > 10


async def test_database_errors_never_carry_the_values_written(sessions) -> None:  # type: ignore[no-untyped-def]
    """A failed statement's text reaches logs, alerts and Sentry: it must not hold people's data."""
    from sqlalchemy.exc import IntegrityError

    from db.models import Unit

    async with sessions() as s, s.begin():
        s.add(Unit(name="Phòng Bí Mật", name_key="phong bi mat", created_at=vn(2023, 10, 1)))
    with pytest.raises(IntegrityError) as caught:
        async with sessions() as s, s.begin():
            s.add(Unit(name="Phòng Bí Mật", name_key="phong bi mat", created_at=vn(2023, 10, 1)))
    assert "Bí Mật" not in str(caught.value) and "bi mat" not in str(caught.value)
