"""Importing the staff list: preview, one transaction, moves and leavers, identity."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.core.roster import RosterError
from bot.services import roster
from db.models import AuditEntry, RosterPerson, Unit
from db.session import Sessions
from tests.conftest import vn
from tests.services.conftest import register

NOW = vn(2026, 11, 20, 9)
HEAD = ["Họ và tên", "Đơn vị", "Mã cán bộ"]


async def _people(sessions: Sessions) -> dict[str, tuple[str, bool]]:
    async with sessions() as s:
        rows = await s.execute(
            select(RosterPerson.full_name, Unit.name, RosterPerson.left_at.is_not(None)).join(Unit)
        )
        return {name: (unit, left) for name, unit, left in rows}


async def test_first_import_creates_units_and_people(sessions: Sessions) -> None:
    rows = [HEAD, ["An", "Phòng A", "1"], ["Bình", "Phòng B", ""], ["", "Phòng B", ""]]
    shown = await roster.preview(sessions, rows)
    assert (shown.people, shown.units, shown.changes.added) == (2, 2, 2)
    assert shown.changes.new_units == ("Phòng A", "Phòng B") and len(shown.problems) == 1
    done = await roster.import_roster(sessions, rows, 42, NOW, shown.token)
    assert done.done and await _people(sessions) == {
        "An": ("Phòng A", False),
        "Bình": ("Phòng B", False),
    }
    async with sessions() as s:
        codes = set(await s.scalars(select(Unit.code)))
        entry = await s.scalar(select(AuditEntry))
    assert codes == {"phong-a", "phong-b"}
    assert entry is not None and entry.action == "roster_import"
    assert entry.params == {
        "people": 2, "added": 2, "returned": 0, "moved": 0, "left": 0, "units_created": 2,
        "linked": 0, "followed": 0,
    }  # fmt: skip


async def test_reimport_reports_moves_leavers_and_returns(sessions: Sessions) -> None:
    first = [HEAD, ["An", "Phòng A", "1"], ["Bình", "Phòng A", ""], ["Chi", "Phòng B", ""]]
    await roster.import_roster(sessions, first, 1, NOW)
    # An renamed but keeps the code; Bình moves; Chi leaves; Dũng is new.
    second = [HEAD, ["Nguyễn An", "Phòng B", "1"], ["bình", "phòng b", ""], ["Dũng", "Phòng C", ""]]
    shown = await roster.preview(sessions, second)
    c = shown.changes
    assert (c.added, c.moved, c.left, c.unchanged, c.returned) == (1, 2, 1, 0, 0)
    assert c.new_units == ("Phòng C",)
    await roster.import_roster(sessions, second, 1, NOW, shown.token)
    assert await _people(sessions) == {
        "Nguyễn An": ("Phòng B", False),
        "bình": ("Phòng B", False),
        "Chi": ("Phòng B", True),
        "Dũng": ("Phòng C", False),
    }
    third = [HEAD, ["Chi", "Phòng B", ""]]
    again = await roster.import_roster(sessions, third, 1, NOW)
    assert (again.preview.changes.returned, again.preview.changes.left) == (1, 3)
    assert (await _people(sessions))["Chi"] == ("Phòng B", False)


async def test_the_same_name_in_two_units_stays_two_people(sessions: Sessions) -> None:
    rows = [HEAD, ["An", "A", ""], ["An", "B", ""]]
    await roster.import_roster(sessions, rows, 1, NOW)
    shown = await roster.preview(sessions, [HEAD, ["An", "B", ""], ["An", "A", ""]])
    assert (shown.changes.unchanged, shown.changes.moved, shown.changes.added) == (2, 0, 0)


async def test_a_stale_preview_imports_nothing_and_a_second_press_nothing_twice(
    sessions: Sessions,
) -> None:
    rows = [HEAD, ["An", "A", ""]]
    shown = await roster.preview(sessions, rows)
    other = await roster.import_roster(sessions, [HEAD, ["Bình", "B", ""]], 1, NOW)
    assert other.done
    stale = await roster.import_roster(sessions, rows, 1, NOW, shown.token)
    assert stale.stale and not stale.done and not stale.already
    assert stale.preview.changes.added == 1 and stale.preview.changes.left == 1
    done = await roster.import_roster(sessions, rows, 1, NOW, stale.preview.token)
    twice = await roster.import_roster(sessions, rows, 1, NOW, stale.preview.token)
    assert done.done and twice.already and not twice.done
    async with sessions() as s:
        assert await s.scalar(select(func.count(RosterPerson.id))) == 2


async def test_registered_people_keep_their_unit_and_an_archived_unit_comes_back(
    sessions: Sessions,
) -> None:
    await register(sessions, 5, "Phòng A")
    await roster.import_roster(sessions, [HEAD, ["An", "phong a", ""]], 1, NOW)
    async with sessions() as s:
        names = list(await s.scalars(select(Unit.name)))
    assert names == ["Phòng A"]


async def test_a_file_without_header_raises(sessions: Sessions) -> None:
    with pytest.raises(RosterError):
        await roster.preview(sessions, [["a", "b"]])


async def test_summary_and_export(sessions: Sessions) -> None:
    await roster.import_roster(sessions, [HEAD, ["An", "A", "1"], ["Bình", "B", ""]], 1, NOW)
    await roster.import_roster(sessions, [HEAD, ["An", "A", "1"]], 1, NOW)
    found = await roster.summary(sessions)
    assert (found.people, found.units, found.left) == (1, 1, 1) and found.last_import == NOW
    rows = await roster.export_rows(sessions)
    assert [(r.full_name, r.unit, r.staff_code, r.left) for r in rows] == [
        ("An", "A", "1", False),
        ("Bình", "B", None, True),
    ]


async def test_the_benchmark_imports_and_reimports_right() -> None:
    """bench/roster.py (1,000 people in 40 units by default) at a small size: its counts are
    checked there; the time is only printed, never asserted."""
    from bench.roster import measure

    timings = await measure(100, 7)
    assert [label for label, _, _ in timings] == ["first import", "re-import"]


async def _import(sessions: Sessions, rows: list[list[str]]) -> roster.Imported:
    shown = await roster.preview(sessions, rows)
    return await roster.import_roster(sessions, rows, 42, NOW, shown.token)


async def test_a_code_is_matched_before_any_name_takes_its_row(sessions: Sessions) -> None:
    """Found in review: a name matched first took the stored row a later row's staff code
    named; that row was then inserted with the same code and the import failed."""
    await _import(sessions, [HEAD, ["Trần Bình", "Phòng A", "C1"]])
    rows = [HEAD, ["Trần Bình", "Phòng A", ""], ["Trần Văn Bình", "Phòng A", "C1"]]
    shown = await roster.preview(sessions, rows)
    assert (shown.changes.added, shown.changes.moved, shown.changes.left) == (1, 0, 0)
    done = await roster.import_roster(sessions, rows, 42, NOW, shown.token)
    assert done.done
    async with sessions() as s:
        coded = await s.scalar(
            select(RosterPerson.full_name).where(RosterPerson.staff_code == "C1")
        )
    assert coded == "Trần Văn Bình"  # the row its code named, renamed as the list says
    assert set(await _people(sessions)) == {"Trần Bình", "Trần Văn Bình"}


async def test_namesakes_in_one_unit_with_their_own_codes_are_two_people(
    sessions: Sessions,
) -> None:
    """Found in review: the second "Nguyễn Thị Hương" of a unit was refused as a repeat."""
    rows = [
        HEAD,
        ["Nguyễn Thị Hương", "Phòng B", "C7"],
        ["Nguyễn Thị Hương", "Phòng B", "C8"],
        ["Lê Văn Tám", "Phòng B", ""],
        ["Lê Văn Tám", "Phòng B", ""],  # no codes: a row typed twice
    ]
    shown = await roster.preview(sessions, rows)
    assert shown.people == 3 and len(shown.problems) == 1
    await roster.import_roster(sessions, rows, 42, NOW, shown.token)
    async with sessions() as s:
        hương = await s.scalar(
            select(func.count(RosterPerson.id)).where(RosterPerson.full_name == "Nguyễn Thị Hương")
        )
    assert hương == 2
