"""The commendation list on a real database: who meets the bar, the ranking and its ties,
the units' rates (the /stats figures themselves, with a staff list and without)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from bot.core.bar import Bar
from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.progress import Window
from bot.services import commendations, reports
from db.models import AuditEntry
from db.queries.checkins import record_checkin
from tests.conftest import VN, vn
from tests.services.conftest import Sessions, register
from tests.services.roster_data import add_people
from tests.services.test_report_units import edition

E = edition(2023)  # 2–8 October 2023
NOW = vn(2023, 10, 9, 8)


async def study(sessions: Sessions, user_id: int, days: list[int], minutes: int = 30) -> None:
    """One check-in of `minutes` on each October 2023 day in `days`."""
    for day in days:
        async with sessions() as s, s.begin():
            await record_checkin(
                s,
                user_id=user_id,
                minutes=minutes,
                activity="reading",
                note=None,
                source=f"test:{user_id}:{day}:{minutes}",
                now=vn(2023, 10, day, 20),
                tz=VN,
                window=Window(E.start, E.end, E.year),
                day_limit=MAX_MINUTES_PER_DAY,
            )


async def gather(
    sessions: Sessions, min_days: int = 5, min_minutes: int = 0
) -> commendations.Commendations:
    return await commendations.gather(sessions, E, VN, Bar.of(E, min_days, min_minutes), NOW)


async def test_ranked_by_days_then_minutes_ties_share_a_rank(sessions: Sessions) -> None:
    an = await register(sessions, 1, "Phòng A", name="An")
    binh = await register(sessions, 2, "Phòng A", name="Bình")
    chi = await register(sessions, 3, "Phòng B", name="Chi")
    dung = await register(sessions, 4, "Phòng B", name="Dũng")
    em = await register(sessions, 5, "Phòng B", name="Em")
    await study(sessions, an, [2, 3, 4, 5, 6], 30)  # 5 days, 150 min
    await study(sessions, binh, [2, 3, 4, 5, 6, 7], 20)  # 6 days, 120 min: first
    await study(sessions, chi, [3, 4, 5, 6, 7], 30)  # 5 days, 150 min: ties with An
    await study(sessions, dung, [2, 3, 4, 5, 6], 10)  # 5 days, 50 min
    await study(sessions, em, [2, 3, 4, 5], 120)  # 4 days: under the bar
    await study(sessions, em, [1, 9], 60)  # outside the week: never counted
    await study(sessions, an, [3], 15)  # a second check-in the same day: still 5 days

    found = await gather(sessions)
    rows = [(p.rank, p.full_name, p.unit, p.days, p.minutes, p.checkins) for p in found.people]
    assert rows == [
        (1, "Bình", "Phòng A", 6, 120, 6),
        (2, "An", "Phòng A", 5, 165, 6),
        (3, "Chi", "Phòng B", 5, 150, 5),
        (4, "Dũng", "Phòng B", 5, 50, 5),
    ]
    assert found.participants == 5
    assert (found.bar.min_days, found.bar.min_minutes, found.bar.week_days) == (5, 0, 7)

    # Equal days and minutes share a rank, and the next one skips: 1, 2, 2, 4 — names in order.
    await study(sessions, chi, [3], 15)  # Chi now 5 days, 165 min, like An
    rows2 = [(p.rank, p.full_name) for p in (await gather(sessions)).people]
    assert rows2 == [(1, "Bình"), (2, "An"), (2, "Chi"), (4, "Dũng")]


async def test_the_bar_from_the_settings(sessions: Sessions) -> None:
    an = await register(sessions, 1, "Phòng A", name="An")
    binh = await register(sessions, 2, "Phòng A", name="Bình")
    await study(sessions, an, [2, 3, 4, 5, 6, 7, 8], 10)  # 7 days, 70 min
    await study(sessions, binh, [2, 3], 60)  # 2 days, 120 min
    # More days than the week has: capped at the week's 7.
    found = await gather(sessions, min_days=10)
    assert found.bar.min_days == 7 and [p.full_name for p in found.people] == ["An"]
    # A minimum of minutes as well: An's 70 minutes are not enough.
    found = await gather(sessions, min_days=2, min_minutes=100)
    assert [p.full_name for p in found.people] == ["Bình"]
    found = await gather(sessions, min_days=2, min_minutes=70)
    assert [(p.rank, p.full_name) for p in found.people] == [(1, "An"), (2, "Bình")]
    # A shorter edition caps the bar at its length.
    short = replace(E, end=E.start.replace(day=4))
    found = await commendations.gather(sessions, short, VN, Bar.of(short, 5, 0), NOW)
    assert (found.bar.min_days, found.bar.week_days) == (3, 3)
    assert [(p.full_name, p.days) for p in found.people] == [("An", 3)]


async def test_units_without_a_roster_rank_by_rate_over_the_registered(sessions: Sessions) -> None:
    a1 = await register(sessions, 1, "Phòng A", name="A1")
    await register(sessions, 2, "Phòng A", name="A2")
    b1 = await register(sessions, 3, "Phòng B", name="B1")
    c1 = await register(sessions, 4, "Phòng C", name="C1")
    c2 = await register(sessions, 5, "Phòng C", name="C2")
    await register(sessions, 6, "Phòng D", name="D1")  # nobody took part: not ranked
    await study(sessions, a1, [2, 3, 4, 5, 6])
    await study(sessions, b1, [2])
    await study(sessions, c1, [2])
    await study(sessions, c2, [3, 4, 5, 6, 7])
    found = await gather(sessions)
    assert found.rate_basis == "registered"
    rows = [(u.rank, u.row.unit, u.row.rate, u.row.participants, u.commended) for u in found.units]
    # B and C both 100%: C first with 2 participants; A 50%.
    assert rows == [
        (1, "Phòng C", 1.0, 2, 1),
        (2, "Phòng B", 1.0, 1, 0),
        (3, "Phòng A", 0.5, 1, 1),
    ]
    figures = {u.unit: u for u in (await reports.figures(sessions, E, VN)).by_unit}
    assert all(u.row == figures[u.row.unit] for u in found.units)  # the /stats rows themselves


async def test_units_with_a_roster_rank_by_rate_over_the_headcount(sessions: Sessions) -> None:
    an = await register(sessions, 1, "Phòng A", name="An")
    binh = await register(sessions, 2, "Phòng B", name="Bình")
    chi = await register(sessions, 3, "Phòng B", name="Chi")
    await add_people(sessions, "Phòng A", ["An", "Anh", "Ánh", "Ân"], linked={"An": an})
    await add_people(sessions, "Phòng B", ["Bình", "Bảo"], linked={"Bình": binh})
    for user in (an, binh, chi):
        await study(sessions, user, [2, 3, 4, 5, 6])
    found = await gather(sessions)
    assert found.rate_basis == "headcount" and found.stats.headcount == 6
    rows = [(u.rank, u.row.unit, u.row.headcount, u.row.on_roster, u.row.rate) for u in found.units]
    # B: Bình of 2 on the list (Chi took part off it, never in the rate); A: An of 4.
    assert rows == [(1, "Phòng B", 2, 1, 0.5), (2, "Phòng A", 4, 1, 0.25)]
    assert [u.commended for u in found.units] == [2, 1]
    figures = {u.unit: u.rate for u in (await reports.figures(sessions, E, VN)).by_unit}
    assert {u.row.unit: u.row.rate for u in found.units} == figures


async def test_a_person_counts_in_their_roster_unit(sessions: Sessions) -> None:
    an = await register(sessions, 1, "Phòng Cũ", name="An")  # registered in the old unit
    await add_people(sessions, "Phòng Mới", ["An"], linked={"An": an})  # the list says new
    await study(sessions, an, [2, 3, 4, 5, 6])
    [person] = (await gather(sessions)).people
    assert person.unit == "Phòng Mới"


async def test_for_admin_writes_an_audit_entry(sessions: Sessions) -> None:
    an = await register(sessions, 1, "Phòng A", name="An")
    await study(sessions, an, [2, 3, 4, 5, 6])
    found = await commendations.for_admin(sessions, E, VN, Bar.of(E, 5, 0), NOW, 9001)
    assert len(found.people) == 1
    async with sessions() as s:
        entry = await s.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert entry is not None and entry.action == "commendations" and entry.actor_id == 9001
    assert entry.params == {"year": 2023, "people": 1, "units": 1}


async def test_an_empty_week(sessions: Sessions) -> None:
    await register(sessions, 1, "Phòng A", name="An")
    found = await gather(sessions)
    assert (found.people, found.units, found.participants) == ((), (), 0)


def test_ranked_shares_ranks_between_equal_scores() -> None:
    items = [5, 4, 4, 4, 2, 2, 1]
    assert [r for r, _ in commendations.ranked(items, lambda x: x)] == [1, 2, 2, 2, 5, 5, 7]
    assert commendations.ranked([], lambda x: x) == []
