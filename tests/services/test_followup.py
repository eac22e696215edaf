"""/followup's lists: who has not registered (roster only) and who has not checked in, by
active unit; names for admins, counts for organisers; every use audited with counts only."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.followup import Pending, follow_up
from db.models import AuditEntry
from db.queries.users import set_role
from tests.conftest import VN, vn
from tests.services.conftest import Sessions, register
from tests.services.roster_data import add_people, archive
from tests.services.test_report_units import checkin, edition

ADMIN = 9001
ADMINS = frozenset({ADMIN})
NOW = vn(2023, 10, 4, 9)


def names(people: tuple[Pending, ...]) -> list[str]:
    return [p.full_name for p in people]


async def seed(sessions: Sessions) -> dict[str, int]:
    users = {
        "An": await register(sessions, 1, "Phòng A", name="An", username="an_nguyen"),
        "Bình": await register(sessions, 2, "Phòng A", name="Bình"),
        "Ánh": await register(sessions, 3, "Phòng A", name="Ánh"),
        "Chi": await register(sessions, 4, "Phòng B", name="Chi"),
        "Dũng": await register(sessions, 5, "Phòng Cũ", name="Dũng"),
    }
    await checkin(sessions, users["An"], 2023, (2023, 10, 3, 9))
    await checkin(sessions, users["Chi"], 2021, (2021, 10, 3, 9))  # another edition's
    await archive(sessions, "Phòng Cũ")
    async with sessions() as s, s.begin():
        await set_role(s, 4, "organiser")
    return users


async def test_without_a_roster_only_who_has_not_checked_in(sessions: Sessions) -> None:
    await seed(sessions)
    found = await follow_up(sessions, edition(2023), VN, ADMIN, ADMINS, NOW)
    assert (found.roster, found.names, found.unregistered, found.absent) == (False, True, None, 3)
    assert [(u.unit, u.unregistered, u.absent) for u in found.units] == [
        ("Phòng A", None, 2),
        ("Phòng B", None, 1),  # Chi checked in for 2021 only
    ]
    # Folded order, as a Vietnamese reader expects: Ánh before Bình.
    assert names(found.units[0].absent_names) == ["Ánh", "Bình"]
    assert found.units[0].unregistered_names == ()


async def test_with_a_roster_both_lists_and_organisers_get_counts(sessions: Sessions) -> None:
    users = await seed(sessions)
    await add_people(sessions, "Phòng A", ["An", "Cường"], linked={"An": users["An"]}, codes=True)
    await add_people(sessions, "Phòng A", ["Đã nghỉ"], left_at=vn(2023, 6, 1, 9))
    await add_people(sessions, "Phòng C", ["Em"])
    await add_people(sessions, "Phòng Cũ", ["Giang"])  # archived unit: out of the lists
    found = await follow_up(sessions, edition(2023), VN, ADMIN, ADMINS, NOW)
    assert (found.roster, found.unregistered, found.absent, found.people) == (True, 2, 3, 5)
    rows = {u.unit: u for u in found.units}
    assert list(rows) == ["Phòng A", "Phòng B", "Phòng C"]
    a = rows["Phòng A"]
    assert names(a.unregistered_names) == ["Cường"] and a.unregistered_names[0].staff_code
    assert names(a.absent_names) == ["Ánh", "Bình"]
    assert (rows["Phòng C"].unregistered, rows["Phòng C"].absent) == (1, 0)

    organiser = await follow_up(sessions, edition(2023), VN, 4, ADMINS, NOW)
    assert not organiser.names
    assert [(u.unit, u.unregistered, u.absent) for u in organiser.units] == [
        (u.unit, u.unregistered, u.absent) for u in found.units
    ]
    assert all(u.unregistered_names == () and u.absent_names == () for u in organiser.units)

    async with sessions() as s:
        entries = list(await s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert [(e.actor_id, e.action, e.params) for e in entries] == [
        (
            ADMIN,
            "followup_list",
            {"year": 2023, "names": True, "not_registered": 2, "not_checked_in": 3},
        ),
        (
            4,
            "followup_list",
            {"year": 2023, "names": False, "not_registered": 2, "not_checked_in": 3},
        ),
    ]
