"""Issue 13, defect 11: ghost units and a "registered" counted across editions.

Found as: a unit nobody belonged to any more (its only member moved to another unit) still
appeared in By unit, the XLSX, the chart, the broadcast picker and the registration buttons;
`/thongke 2021` counted people who registered in 2023.
"""

from __future__ import annotations

from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.editions import Edition, load_editions
from bot.core.progress import Window
from bot.services import broadcasts, profile, reports
from db.queries.checkins import record_checkin
from db.queries.privacy import erase_person
from tests.conftest import VN, vn
from tests.services.conftest import Sessions, register


def edition(year: int) -> Edition:
    found = load_editions().get(year)
    assert found is not None
    return found


async def checkin(sessions: Sessions, user_id: int, year: int, when: tuple[int, ...]) -> None:
    e = edition(year)
    async with sessions() as s, s.begin():
        await record_checkin(
            s,
            user_id=user_id,
            minutes=30,
            activity="reading",
            note=None,
            source=f"msg:{user_id}:{when}",
            now=vn(*when),
            tz=VN,
            window=Window(e.start, e.end, e.year),
            day_limit=MAX_MINUTES_PER_DAY,
        )


async def unit_names(sessions: Sessions) -> dict[str, set[str]]:
    """Every place that lists units, by name."""
    figures = await reports.figures(sessions, edition(2023), VN)
    return {
        "registration": {u.name for u in await profile.unit_choices(sessions)},
        "broadcast": {u.name for u in await broadcasts.units(sessions)},
        "report": {u.unit for u in figures.by_unit},
    }


async def test_a_unit_whose_only_member_moved_disappears_everywhere(sessions: Sessions) -> None:
    await register(sessions, 1, "Phòng A")
    await register(sessions, 2, "Phòng B")
    assert all(names == {"Phòng A", "Phòng B"} for names in (await unit_names(sessions)).values())
    await register(sessions, 1, "Phòng B")  # the only member of Phòng A moves
    places = await unit_names(sessions)
    assert places == {"registration": {"Phòng B"}, "broadcast": {"Phòng B"}, "report": {"Phòng B"}}
    figures = await reports.figures(sessions, edition(2023), VN)
    assert [(u.unit, u.registered) for u in figures.by_unit] == [("Phòng B", 2)]


async def test_erased_people_are_not_counted(sessions: Sessions) -> None:
    await register(sessions, 1, "Phòng A")
    await register(sessions, 2, "Phòng A")
    await register(sessions, 3, "Phòng C")
    async with sessions() as s, s.begin():
        await erase_person(s, 3, vn(2023, 10, 4, 9))
    figures = await reports.figures(sessions, edition(2023), VN)
    assert figures.registered == 2
    assert [(u.unit, u.registered) for u in figures.by_unit] == [("Phòng A", 2)]
    assert all("Phòng C" not in names for names in (await unit_names(sessions)).values())


async def test_an_edition_counts_only_who_had_registered_by_its_end(sessions: Sessions) -> None:
    await register(sessions, 1, "Phòng A")  # on 1 October 2023
    older = await reports.figures(sessions, edition(2021), VN)
    assert (older.registered, older.participants, older.by_unit) == (0, 0, ())
    assert older.rate == 0.0
    current = await reports.figures(sessions, edition(2023), VN)
    assert current.registered == 1 and [u.unit for u in current.by_unit] == ["Phòng A"]


async def test_the_cut_is_the_end_of_the_last_day_local_time(sessions: Sessions) -> None:
    e = edition(2023)
    assert reports.closes(e, VN) == vn(2023, 10, 9)  # midnight after Sunday 8 October, in Vietnam
    assert reports.closes(e, VN).utcoffset() is not None


async def test_a_unit_with_checkins_in_an_edition_appears_in_its_report(
    sessions: Sessions,
) -> None:
    """Someone on record only since 2023 who has a check-in dated in the 2021 week (an import
    or a correction) counts in 2021: taking part is being registered."""
    user = await register(sessions, 1, "Phòng A")
    await register(sessions, 2, "Phòng B")
    await checkin(sessions, user, 2021, (2021, 10, 5, 9))
    older = await reports.figures(sessions, edition(2021), VN)
    assert (older.registered, older.participants) == (1, 1)
    assert [(u.unit, u.registered, u.participants) for u in older.by_unit] == [("Phòng A", 1, 1)]
