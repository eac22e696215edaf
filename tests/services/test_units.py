"""The managed unit list: rename, add, merge, archive, each audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.services import roster, units
from bot.services.units import NameProblem, Outcome, UnitNameError
from db.models import AuditEntry, Checkin, RosterPerson, Unit, User
from db.session import Sessions
from tests.conftest import vn
from tests.services.conftest import register

NOW = vn(2026, 11, 20, 9)
HEAD = ["Họ và tên", "Đơn vị"]


async def _ids(sessions: Sessions) -> dict[str, int]:
    return {u.name: u.id for u in await units.listing(sessions)}


@pytest.mark.parametrize(
    ("text", "problem"),
    [("   ", NameProblem.EMPTY), ("x" * 121, NameProblem.LONG), ("A\u200bB", NameProblem.CONTROL)],
)
def test_bad_names(text: str, problem: NameProblem) -> None:
    with pytest.raises(UnitNameError) as caught:
        units.clean_name(text)
    assert caught.value.problem is problem


def test_a_name_is_stored_in_nfc_with_spaces_collapsed() -> None:
    assert units.clean_name("  Phòng   <> & B ") == "Phòng <> & B"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("Phòng <b>A</b>", "markup"), ("<script>alert(1)</script>", "markup"), ("=SUM(1)", "formula"),
     ("+cmd", "formula"), ("-2+3", "formula"), ("@SUM(1)", "formula")],
)  # fmt: skip
def test_tags_and_formulas_are_refused_by_the_same_rule_as_registration(
    typed: str, problem: str
) -> None:
    with pytest.raises(units.UnitNameError) as caught:
        units.clean_name(typed)
    assert caught.value.problem.value == problem


async def test_add_and_rename_refuse_a_folded_duplicate(sessions: Sessions) -> None:
    added = await units.add(sessions, 1, "Phòng Kế toán", NOW)
    assert added.outcome is Outcome.DONE and added.unit is not None
    assert added.unit.code == "phong-ke-toan"
    other = await units.add(sessions, 1, "Phòng Tổ chức", NOW)
    assert other.unit is not None
    taken = await units.rename(sessions, 1, other.unit.id, "phong ke toan", NOW)
    assert taken.outcome is Outcome.TAKEN and taken.other == "Phòng Kế toán"
    assert (await units.add(sessions, 1, "PHÒNG KẾ TOÁN", NOW)).outcome is Outcome.TAKEN
    # Its own name in another spelling is fine; the code stays (posters keep working).
    same = await units.rename(sessions, 1, added.unit.id, "Phòng kế toán", NOW)
    assert same.unit is not None and (same.unit.name, same.unit.code) == (
        "Phòng kế toán",
        "phong-ke-toan",
    )
    async with sessions() as s:
        actions = list(await s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["unit_add", "unit_add", "unit_rename"]


async def test_merge_moves_members_and_roster_and_archives(sessions: Sessions) -> None:
    await register(sessions, 11, "Phòng QLKH")
    await register(sessions, 12, "Phòng Quản lý Khoa học")
    await roster.import_roster(
        sessions, [HEAD, ["An", "Phòng QLKH"], ["Bình", "Phòng Quản lý Khoa học"]], 1, NOW
    )
    ids = await _ids(sessions)
    source, target = ids["Phòng QLKH"], ids["Phòng Quản lý Khoa học"]
    change = await units.merge(sessions, 1, source, target, NOW)
    assert change.outcome is Outcome.DONE and change.target is not None
    assert (change.target.members, change.target.headcount) == (2, 2)
    assert list(await _ids(sessions)) == ["Phòng Quản lý Khoa học"]
    async with sessions() as s:
        assert set(await s.scalars(select(User.unit_id))) == {target}
        assert set(await s.scalars(select(RosterPerson.unit_id))) == {target}
        entry = await s.scalar(select(AuditEntry).where(AuditEntry.action == "unit_merge"))
    assert entry is not None and entry.params == {
        "unit": source,
        "into": target,
        "members": 1,
        "unit_name": "Phòng QLKH",
        "new_name": "Phòng Quản lý Khoa học",
        "linked": 0,
    }
    assert (await units.merge(sessions, 1, source, target, NOW)).outcome is Outcome.GONE


async def test_archiving_a_unit_with_members_asks_first_and_keeps_them(
    sessions: Sessions,
) -> None:
    user_id = await register(sessions, 11, "Phòng A")
    async with sessions() as s, s.begin():
        s.add(
            Checkin(
                user_id=user_id, local_date=NOW.date(), minutes=30, activity="reading",
                source="t", created_at=NOW,
            )
        )  # fmt: skip
    unit_id = (await _ids(sessions))["Phòng A"]
    asked = await units.archive(sessions, 1, unit_id, NOW, confirmed=False)
    assert asked.outcome is Outcome.ASK and await _ids(sessions) == {"Phòng A": unit_id}
    done = await units.archive(sessions, 1, unit_id, NOW, confirmed=True)
    assert done.outcome is Outcome.DONE and await _ids(sessions) == {}
    async with sessions() as s:
        assert await s.scalar(select(User.unit_id)) == unit_id
        assert await s.scalar(select(Unit.name).where(Unit.id == unit_id)) == "Phòng A"
        assert await s.scalar(select(Checkin.minutes)) == 30


async def test_a_unit_with_people_on_the_staff_list_is_never_archived(sessions: Sessions) -> None:
    await roster.import_roster(sessions, [HEAD, ["An", "Phòng A"], ["Bình", "Phòng B"]], 1, NOW)
    unit_id = (await _ids(sessions))["Phòng A"]
    for confirmed in (False, True):
        refused = await units.archive(sessions, 1, unit_id, NOW, confirmed=confirmed)
        assert refused.outcome is Outcome.LISTED and refused.unit is not None
        assert refused.unit.headcount == 1
    assert "Phòng A" in await _ids(sessions)


async def test_an_archived_unit_is_offered_back_and_restored(sessions: Sessions) -> None:
    added = await units.add(sessions, 1, "Phòng Pháp chế", NOW)
    assert added.unit is not None
    code = added.unit.code
    done = await units.archive(sessions, 1, added.unit.id, NOW, confirmed=False)
    assert done.outcome is Outcome.DONE  # no members, no staff list: no question
    again = await units.add(sessions, 1, "phòng pháp chế", NOW)
    assert again.outcome is Outcome.ARCHIVED and again.archived_id == added.unit.id
    assert again.other == "Phòng Pháp chế" and again.merged_into is None
    restored = await units.restore(sessions, 1, added.unit.id, NOW)
    assert restored.outcome is Outcome.DONE and restored.unit is not None
    assert restored.unit.code == code and "Phòng Pháp chế" in await _ids(sessions)
    assert (await units.restore(sessions, 1, added.unit.id, NOW)).outcome is Outcome.GONE
    async with sessions() as s:
        actions = list(await s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["unit_add", "unit_archive", "unit_restore"]


async def test_a_merged_unit_names_where_it_went_and_restoring_clears_it(
    sessions: Sessions,
) -> None:
    a = await units.add(sessions, 1, "Phòng QLKH", NOW)
    b = await units.add(sessions, 1, "Phòng Quản lý Khoa học", NOW)
    assert a.unit is not None and b.unit is not None
    await units.merge(sessions, 1, a.unit.id, b.unit.id, NOW)
    offer = await units.add(sessions, 1, "Phòng QLKH", NOW)
    assert offer.outcome is Outcome.ARCHIVED and offer.merged_into == "Phòng Quản lý Khoa học"
    renamed = await units.rename(sessions, 1, b.unit.id, "Phòng QLKH", NOW)
    assert renamed.outcome is Outcome.TAKEN and renamed.archived_id == a.unit.id
    await units.restore(sessions, 1, a.unit.id, NOW)
    async with sessions() as s:
        restored = await s.get(Unit, a.unit.id)
    assert restored is not None and restored.merged_into_id is None


async def test_the_list_is_in_natural_order(sessions: Sessions) -> None:
    for name in ("Phòng số 10", "Phòng số 2", "phòng số 1", "Ban Đào tạo"):
        await units.add(sessions, 1, name, NOW)
    listed = [u.name for u in await units.listing(sessions)]
    assert listed == ["Ban Đào tạo", "phòng số 1", "Phòng số 2", "Phòng số 10"]
