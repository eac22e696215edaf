"""QA 14 items 2, 5, 6, 21: the rate never passes 100% (people off the staff list are counted
apart), a past edition counts only the people on the list during its week, leavers are not
chased, /followup and /stats agree for every year, units in natural order."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import pytest

from bot.core.editions import Edition
from bot.services import reports
from bot.services.followup import follow_up
from tests.conftest import VN, vn
from tests.services.conftest import Sessions, register
from tests.services.roster_data import add_people
from tests.services.test_report_units import checkin, edition

ADMIN = 9001
ADMINS = frozenset({ADMIN})
DURING_2023 = vn(2023, 10, 5, 9)


async def test_the_rate_never_passes_100_and_people_off_the_list_are_apart(
    sessions: Sessions,
) -> None:
    """The QA's case: two on the list of Phòng QLKH, three took part (one linked, two
    registered under names the list does not have): 1/2, not 3/2."""
    an = await register(sessions, 1, "Phòng QLKH", name="An")
    others = [await register(sessions, i, "Phòng QLKH", name=f"Khác {i}") for i in (2, 3)]
    for user in (an, *others):
        await checkin(sessions, user, 2023, (2023, 10, 3, 9))
    await add_people(sessions, "Phòng QLKH", ["An", "Bảo"], linked={"An": an})
    figures = await reports.figures(sessions, edition(2023), VN)
    assert (figures.participants, figures.on_roster, figures.off_roster) == (3, 1, 2)
    assert (figures.headcount, figures.rate) == (2, 0.5)
    [unit] = figures.by_unit
    assert (unit.participants, unit.on_roster, unit.off_roster, unit.rate) == (3, 1, 2, 0.5)
    data = figures.as_json()
    assert (data["rate"], data["off_roster"], data["registered_off_roster"]) == (0.5, 2, 2)
    assert data["by_unit"][0]["rate"] == 0.5 and data["by_unit"][0]["off_roster"] == 2


async def test_a_past_edition_counts_the_list_of_its_week(sessions: Sessions) -> None:
    """2021 closes on 8 October 2021; a row counts if imported by 7 November (the reporting
    period) and not marked as left before the close."""
    rows = {
        "Trước tuần lễ": (vn(2021, 9, 1, 9), None),
        "Nhập khi viết báo cáo": (vn(2021, 11, 1, 9), None),
        "Nhập quá muộn": (vn(2021, 11, 20, 9), None),
        "Nghỉ trong tuần lễ": (vn(2021, 9, 1, 9), vn(2021, 10, 5, 9)),
        "Nghỉ năm sau": (vn(2021, 9, 1, 9), vn(2022, 5, 1, 9)),
    }
    for name, (created, left) in rows.items():
        await add_people(sessions, "Phòng A", [name], created_at=created, left_at=left)
    older = await reports.figures(sessions, edition(2021), VN)
    assert (older.headcount, older.unregistered) == (3, 3)
    assert [(u.unit, u.headcount) for u in older.by_unit] == [("Phòng A", 3)]
    # 2023: only those never marked as left are on the list.
    current = await reports.figures(sessions, edition(2023), VN)
    assert current.headcount == 3


async def test_a_list_imported_later_gives_an_old_edition_no_roster_figures(
    sessions: Sessions,
) -> None:
    an = await register(sessions, 1, "Phòng A", name="An")
    await checkin(sessions, an, 2021, (2021, 10, 3, 9))
    await add_people(sessions, "Phòng A", ["An", "Bình"], linked={"An": an})  # in 2023
    older = await reports.figures(sessions, edition(2021), VN)
    assert (older.headcount, older.unregistered, older.on_roster, older.off_roster) == (
        None,
        None,
        None,
        None,
    )
    assert (older.rate_basis, older.rate) == ("registered", 1.0)
    found = await follow_up(sessions, edition(2021), VN, ADMIN, ADMINS, DURING_2023)
    assert (found.roster, found.roster_later, found.unregistered) == (False, True, None)


async def test_leavers_are_not_chased_nor_counted_as_registered(sessions: Sessions) -> None:
    stays = await register(sessions, 1, "Phòng A", name="Còn làm")
    left = await register(sessions, 2, "Phòng A", name="Đã nghỉ")
    came = await register(sessions, 3, "Phòng A", name="Nghỉ sau khi học")
    await checkin(sessions, came, 2023, (2023, 10, 3, 9))
    await add_people(sessions, "Phòng A", ["Còn làm"], linked={"Còn làm": stays})
    await add_people(
        sessions,
        "Phòng A",
        ["Đã nghỉ", "Nghỉ sau khi học"],
        linked={"Đã nghỉ": left, "Nghỉ sau khi học": came},
        left_at=vn(2023, 10, 4, 9),
    )
    found = await follow_up(sessions, edition(2023), VN, ADMIN, ADMINS, DURING_2023)
    [unit] = found.units
    assert [p.full_name for p in unit.absent_names] == ["Còn làm"]
    assert unit.unregistered_names == ()
    figures = await reports.figures(sessions, edition(2023), VN)
    # The leaver who took part before leaving counts as a participant, off the list.
    assert (figures.registered, figures.participants, figures.headcount) == (2, 1, 1)
    assert (figures.on_roster, figures.off_roster, figures.rate) == (0, 1, 0.0)


async def test_units_in_natural_order(sessions: Sessions) -> None:
    for i, unit in enumerate(["Phòng số 10", "Phòng số 2", "Phòng số 1", "Phòng số 11"], 1):
        await register(sessions, i, unit)
    figures = await reports.figures(sessions, edition(2023), VN)
    expected = ["Phòng số 1", "Phòng số 2", "Phòng số 10", "Phòng số 11"]
    assert [u.unit for u in figures.by_unit] == expected
    found = await follow_up(sessions, edition(2023), VN, ADMIN, ADMINS, DURING_2023)
    assert [u.unit for u in found.units] == expected


async def test_before_the_week_only_the_unregistered_are_listed(sessions: Sessions) -> None:
    an = await register(sessions, 1, "Phòng A", name="An")
    await add_people(sessions, "Phòng A", ["An", "Bình"], linked={"An": an})
    found = await follow_up(sessions, edition(2023), VN, ADMIN, ADMINS, vn(2023, 9, 30, 9))
    assert (found.started, found.start, found.unregistered, found.absent) == (
        False,
        edition(2023).start,
        1,
        0,
    )
    assert [p.full_name for p in found.units[0].unregistered_names] == ["Bình"]


# --- The rule, counted in plain Python and compared with both features ---------------------

UNITS = ["Phòng số 2", "Phòng số 10", "Phòng Kế toán", "Văn phòng"]
CREATED = [vn(2021, 9, 1, 9), vn(2021, 11, 1, 9), vn(2021, 12, 1, 9), vn(2023, 9, 25, 9)]
CREATED += [vn(2023, 11, 20, 9)]
LEFT = [None, None, vn(2021, 10, 5, 9), vn(2022, 5, 1, 9), vn(2023, 10, 5, 9)]
LEFT += [vn(2024, 1, 1, 9)]
REGISTERED_AT = vn(2023, 10, 1, 8)  # tests.services.conftest.register


@dataclass
class Person:
    name: str
    unit: str
    user: int | None = None  # registered
    row_unit: str | None = None  # on the roster, in this unit
    created: datetime | None = None
    left: datetime | None = None
    linked: bool = False
    took_part: frozenset[int] = frozenset()  # edition years


def expected(people: list[Person], e: Edition) -> dict[str, object]:
    """The figures by the rule of db/queries/edition_people.py, counted by hand."""
    closes = reports.closes(e, VN)
    by = reports.window(e, VN).listed_by

    def qualifies(p: Person) -> bool:
        return p.created is not None and p.created < by and (p.left is None or p.left >= closes)

    def counted(p: Person) -> bool:
        gone = p.linked and p.left is not None and p.left < closes
        return p.user is not None and (
            e.year in p.took_part or (closes > REGISTERED_AT and not gone)
        )

    heads = Counter(p.row_unit for p in people if qualifies(p))
    roster = bool(heads)
    listed = [p for p in people if counted(p) and p.linked and qualifies(p)]
    unit_of = {p.name: (p.row_unit if p in listed else p.unit) for p in people}
    count = [p for p in people if counted(p)]
    took = [p for p in count if e.year in p.took_part]
    per_unit = {
        u: {
            "registered": sum(unit_of[p.name] == u for p in count),
            "participants": sum(unit_of[p.name] == u for p in took),
            "headcount": heads[u] if roster else None,
            "unregistered": heads[u] - sum(unit_of[p.name] == u for p in listed)
            if roster
            else None,
            "on_roster": sum(unit_of[p.name] == u for p in took if p in listed) if roster else None,
            "absent": sum(unit_of[p.name] == u for p in count if p not in took),
        }
        for u in UNITS
    }
    on = sum(1 for p in took if p in listed)
    return {
        "registered": len(count),
        "participants": len(took),
        "headcount": sum(heads.values()) if roster else None,
        "on_roster": on if roster else None,
        "rate": (on / sum(heads.values())) if roster else (len(took) / len(count) if count else 0),
        "units": per_unit,
    }


async def build(sessions: Sessions, rng: random.Random) -> list[Person]:
    people = []
    for i in range(40):
        p = Person(f"Người {i:02d}", rng.choice(UNITS))
        if rng.random() < 0.7:
            p.user = await register(sessions, 100 + i, p.unit, name=p.name)
            p.took_part = frozenset(y for y in (2021, 2023) if rng.random() < 0.4)
            for year in p.took_part:
                await checkin(sessions, p.user, year, (year, 10, 3, 9))
        if rng.random() < 0.75:
            p.row_unit = p.unit if rng.random() < 0.8 else rng.choice(UNITS)
            p.created = rng.choice(CREATED)
            p.left = rng.choice([x for x in LEFT if x is None or x > p.created])
            p.linked = p.user is not None and rng.random() < 0.8
            await add_people(
                sessions,
                p.row_unit,
                [p.name],
                linked={p.name: p.user} if p.linked and p.user is not None else None,
                created_at=p.created,
                left_at=p.left,
            )
        people.append(p)
    return people


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_figures_and_followup_follow_one_rule_in_every_edition(
    sessions: Sessions, seed: int
) -> None:
    people = await build(sessions, random.Random(seed))
    for year in (2021, 2023):
        e = edition(year)
        want = expected(people, e)
        got = await reports.figures(sessions, e, VN)
        assert (got.registered, got.participants, got.headcount, got.on_roster) == (
            want["registered"],
            want["participants"],
            want["headcount"],
            want["on_roster"],
        ), year
        assert got.rate == pytest.approx(want["rate"]) and got.rate <= 1
        units = want["units"]
        assert isinstance(units, dict)
        for row in got.by_unit:
            w = units[row.unit]
            assert (
                row.registered,
                row.participants,
                row.headcount,
                row.unregistered,
                row.on_roster,
            ) == (
                w["registered"],
                w["participants"],
                w["headcount"],
                w["unregistered"],
                w["on_roster"],
            ), (year, row.unit)
            assert row.rate is None or row.rate <= 1
        # /followup gives the same numbers per unit: who is not registered, who took no part.
        found = await follow_up(sessions, e, VN, ADMIN, ADMINS, DURING_2023)
        assert found.roster == (want["headcount"] is not None)
        assert found.unregistered == got.unregistered
        followed = {u.unit: (u.unregistered or 0, u.absent) for u in found.units}
        for row in got.by_unit:
            gap = (row.unregistered or 0, row.registered - row.participants)
            assert followed.get(row.unit, (0, 0)) == gap, (year, row.unit)
