"""Officials who registered before the staff list (or into a unit merged since) are linked
to their row by the import or the merge, and a linked official follows the list's unit."""

from __future__ import annotations

from sqlalchemy import select

from bot.services import roster, units
from db.models import AuditEntry, RosterPerson, Unit, User
from db.session import Sessions
from tests.conftest import vn
from tests.services.conftest import register

NOW = vn(2026, 11, 20, 9)
HEAD = ["Họ và tên", "Đơn vị"]


async def _links(sessions: Sessions) -> dict[str, int | None]:
    async with sessions() as s:
        rows = await s.execute(select(RosterPerson.full_name, RosterPerson.user_id))
        return {name: user_id for name, user_id in rows}


async def _unit_of(sessions: Sessions, user_id: int) -> str:
    async with sessions() as s:
        name = await s.scalar(select(Unit.name).join(User).where(User.id == user_id))
    assert name is not None
    return name


async def test_an_import_links_who_registered_before_it(sessions: Sessions) -> None:
    cuong = await register(sessions, 11, "Phòng Quản lý Khoa học", name="lê văn  CƯỜNG")
    other = await register(sessions, 12, "Phòng A", name="Lê Văn Cường")  # listed elsewhere
    rows = [HEAD, ["Lê Văn Cường", "Phòng Quản lý Khoa học"], ["Trần Bình", "Phòng A"]]
    done = await roster.import_roster(sessions, rows, 1, NOW)
    assert done.done and done.linked == 1 and done.followed == 0
    assert await _links(sessions) == {"Lê Văn Cường": cuong, "Trần Bình": None}
    async with sessions() as s:
        entry = await s.scalar(select(AuditEntry).where(AuditEntry.action == "roster_import"))
    assert entry is not None and entry.params["linked"] == 1
    # Importing again links nobody twice; the other Lê Văn Cường stays unlinked.
    again = await roster.import_roster(sessions, rows, 1, NOW)
    assert again.linked == 0 and other not in (await _links(sessions)).values()


async def test_two_registrants_with_one_name_and_unit_are_not_guessed(sessions: Sessions) -> None:
    await register(sessions, 11, "Phòng A", name="Lê An")
    await register(sessions, 12, "Phòng A", name="Lê An")
    done = await roster.import_roster(sessions, [HEAD, ["Lê An", "Phòng A"]], 1, NOW)
    assert done.linked == 0 and await _links(sessions) == {"Lê An": None}


async def test_a_linked_official_follows_the_list_to_another_unit(sessions: Sessions) -> None:
    an = await register(sessions, 11, "Phòng A", name="Lê An")
    first = await roster.import_roster(sessions, [HEAD, ["Lê An", "Phòng A"]], 1, NOW)
    assert first.linked == 1
    moved = [HEAD, ["Lê An", "Phòng B"]]
    shown = await roster.preview(sessions, moved)
    assert [(m.full_name, m.source, m.target) for m in shown.changes.moves] == [
        ("Lê An", "Phòng A", "Phòng B")
    ]
    done = await roster.import_roster(sessions, moved, 1, NOW, shown.token)
    assert done.followed == 1 and await _unit_of(sessions, an) == "Phòng B"
    assert await _links(sessions) == {"Lê An": an}


async def test_a_merge_links_who_typed_the_unit_another_way(sessions: Sessions) -> None:
    cuong = await register(sessions, 11, "Phòng QLKH", name="Lê Văn Cường")
    await roster.import_roster(sessions, [HEAD, ["Lê Văn Cường", "Phòng Quản lý Khoa học"]], 1, NOW)
    assert await _links(sessions) == {"Lê Văn Cường": None}  # another unit: not linked yet
    async with sessions() as s:
        ids = {name: uid for uid, name in await s.execute(select(Unit.id, Unit.name))}
    source, target = ids["Phòng QLKH"], ids["Phòng Quản lý Khoa học"]
    change = await units.merge(sessions, 1, source, target, NOW)
    assert change.linked == 1 and await _links(sessions) == {"Lê Văn Cường": cuong}
    async with sessions() as s:
        merged = await s.get(Unit, source)
    assert merged is not None and merged.merged_into_id == target


async def test_the_preview_names_at_most_twenty_leavers_by_unit(sessions: Sessions) -> None:
    people = [[f"Người {n}", "Phòng A"] for n in range(25)]
    await roster.import_roster(sessions, [HEAD, *people, ["Lê An", "Phòng B"]], 1, NOW)
    shown = await roster.preview(sessions, [HEAD, ["Lê An", "Phòng B"]])
    assert shown.changes.left == 25 and len(shown.changes.leavers) == 20
    assert shown.changes.leavers[:3] == (
        "Người 0 (Phòng A)",
        "Người 1 (Phòng A)",
        "Người 2 (Phòng A)",
    )
