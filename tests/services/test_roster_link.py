"""Registration against the managed unit list and the staff list (roster), on a real DB:
the link to one's roster row, the unit proposed when the roster lists the name elsewhere,
no free-text unit with a roster, archived units refused, erasure cutting the link."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.services import privacy, profile
from bot.services.profile import Contact, Outcome
from db.models import RosterPerson, Unit
from db.session import Sessions
from tests.conftest import vn

AN = Contact(7001, 7001, None, "vi")
BINH = Contact(7002, 7002, None, "vi")
NOW = vn(2026, 10, 1, 9)


async def _roster(sessions: Sessions, *people: tuple[str, str]) -> dict[str, int]:
    """Units and roster rows as an import would leave them; returns unit ids by name."""
    units: dict[str, int] = {}
    async with sessions() as s, s.begin():
        for _, unit in people:
            if unit not in units:
                row = Unit(name=unit, name_key=profile.unit_key(unit), created_at=NOW)
                s.add(row)
                await s.flush()
                units[unit] = row.id
        for name, unit in people:
            s.add(
                RosterPerson(
                    full_name=name,
                    name_key=profile.name_key(name),
                    unit_id=units[unit],
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
    return units


async def _linked(sessions: Sessions) -> dict[str, int | None]:
    async with sessions() as s:
        rows = await s.execute(select(RosterPerson.full_name, RosterPerson.user_id))
        return {name: user_id for name, user_id in rows}


async def test_name_and_unit_on_the_roster_link_in_the_same_registration(
    sessions: Sessions,
) -> None:
    units = await _roster(
        sessions, ("Nguyễn Văn An", "Phòng Kế toán"), ("Trần Thị Bình", "Phòng Tổng hợp")
    )
    listed = await profile.unit_list(sessions)
    assert listed.roster and [u.name for u in listed.units] == ["Phòng Kế toán", "Phòng Tổng hợp"]
    assert [u.name for u in listed.find("ke toan")] == ["Phòng Kế toán"]
    done = await profile.enrol(
        sessions, AN, "nguyen van  AN", units["Phòng Kế toán"], NOW, consent_at=NOW
    )
    assert done.outcome is Outcome.SAVED and done.on_roster
    assert done.profile is not None
    assert (await _linked(sessions))["Nguyễn Văn An"] == done.profile.user_id
    # Someone else with the same name cannot take the row already linked.
    other = await profile.enrol(
        sessions, BINH, "Nguyễn Văn An", units["Phòng Kế toán"], NOW, consent_at=NOW
    )
    assert other.outcome is Outcome.SAVED and not other.on_roster


async def test_the_roster_naming_another_unit_is_proposed_not_applied(sessions: Sessions) -> None:
    units = await _roster(
        sessions, ("Nguyễn Văn An", "Phòng Kế toán"), ("Trần Thị Bình", "Phòng Tổng hợp")
    )
    asked = await profile.enrol(
        sessions, AN, "Nguyễn Văn An", units["Phòng Tổng hợp"], NOW, consent_at=NOW
    )
    assert asked.outcome is Outcome.ELSEWHERE and asked.profile is None
    assert asked.elsewhere is not None and asked.elsewhere.name == "Phòng Kế toán"
    assert await profile.current(sessions, AN.telegram_id) is None  # nothing stored
    kept = await profile.enrol(
        sessions, AN, "Nguyễn Văn An", units["Phòng Tổng hợp"], NOW, consent_at=NOW, sure=True
    )
    assert kept.outcome is Outcome.SAVED and not kept.on_roster
    # Changing the profile later re-checks the link: moving to the listed unit links it.
    moved = await profile.enrol(
        sessions, AN, "Nguyễn Văn An", units["Phòng Kế toán"], NOW, consent_at=None
    )
    assert moved.on_roster
    renamed = await profile.enrol(
        sessions, AN, "Nguyễn Văn Anh", units["Phòng Kế toán"], NOW, consent_at=None
    )
    assert renamed.outcome is Outcome.SAVED and not renamed.on_roster
    assert (await _linked(sessions))["Nguyễn Văn An"] is None  # the old link is cut


async def test_with_a_roster_a_typed_unit_must_be_listed(sessions: Sessions) -> None:
    await _roster(sessions, ("Nguyễn Văn An", "Phòng Kế toán"))
    free = await profile.enrol(sessions, AN, "Lê Cường", "Phòng Mới", NOW, consent_at=NOW)
    assert free.outcome is Outcome.UNLISTED
    assert await profile.current(sessions, AN.telegram_id) is None
    same = await profile.enrol(sessions, AN, "Lê Cường", "phong ke toan", NOW, consent_at=NOW)
    assert same.outcome is Outcome.SAVED and same.profile is not None
    assert same.profile.unit_name == "Phòng Kế toán"  # the list's spelling stays


async def test_without_a_roster_a_typed_unit_is_created_and_archived_ones_refused(
    sessions: Sessions,
) -> None:
    done = await profile.enrol(sessions, AN, "Lê Cường", "Phòng Mới", NOW, consent_at=NOW)
    assert done.outcome is Outcome.SAVED and not done.on_roster
    async with sessions() as s, s.begin():
        await s.execute(update(Unit).values(archived_at=NOW))
    assert (await profile.unit_list(sessions)).units == ()
    gone = await profile.enrol(sessions, BINH, "Trần Bình", "phong moi", NOW, consent_at=NOW)
    assert gone.outcome is Outcome.GONE
    assert await profile.current(sessions, BINH.telegram_id) is None
    no_consent = await profile.enrol(sessions, BINH, "Trần Bình", "Phòng X", NOW, consent_at=None)
    assert no_consent.outcome is Outcome.CONSENT


async def test_erasure_unlinks_the_roster_row_and_keeps_the_listed_unit(
    sessions: Sessions,
) -> None:
    units = await _roster(sessions, ("Nguyễn Văn An", "Phòng Kế toán"))
    done = await profile.enrol(
        sessions, AN, "Nguyễn Văn An", units["Phòng Kế toán"], NOW, consent_at=NOW
    )
    assert done.on_roster
    erased = await privacy.erase(sessions, AN.telegram_id, NOW, username=None, current_update=None)
    assert erased.profile
    assert await _linked(sessions) == {"Nguyễn Văn An": None}
    async with sessions() as s:
        assert await s.get(Unit, units["Phòng Kế toán"]) is not None  # on the roster: kept


async def test_a_roster_match_keeps_the_lists_spelling_of_the_name(sessions: Sessions) -> None:
    units = await _roster(sessions, ("Nguyễn Văn An", "Phòng Kế toán"))
    done = await profile.enrol(
        sessions, AN, "nguyen van  AN", units["Phòng Kế toán"], NOW, consent_at=NOW
    )
    assert done.on_roster and done.profile is not None
    assert done.profile.full_name == "Nguyễn Văn An" and done.typed_name == "nguyen van AN"
    stored = await profile.current(sessions, AN.telegram_id)
    assert stored is not None and stored.full_name == "Nguyễn Văn An"
    # Typed as the list spells it: nothing to say.
    same = await profile.enrol(
        sessions, AN, "Nguyễn Văn An", units["Phòng Kế toán"], NOW, consent_at=None
    )
    assert same.on_roster and same.typed_name is None
    # Not on the list: the name stays as typed.
    other = await profile.enrol(
        sessions, BINH, "le van cuong", units["Phòng Kế toán"], NOW, consent_at=NOW
    )
    assert other.profile is not None and other.profile.full_name == "le van cuong"
    assert other.typed_name is None


async def test_the_list_offers_units_in_natural_order_and_the_one_the_roster_names(
    sessions: Sessions,
) -> None:
    units = await _roster(
        sessions,
        *((f"Người {n}", f"Phòng số {n}") for n in (10, 2, 1)),
        ("Nguyễn Văn An", "Phòng số 2"),
        ("Trần Thị Bình", "Phòng số 1"),
        ("Trần Thị Bình", "Phòng số 10"),  # two people of one name: no unit offered first
    )
    listing = await profile.unit_list(sessions, AN.telegram_id, "nguyen van an")
    assert [u.name for u in listing.units] == ["Phòng số 1", "Phòng số 2", "Phòng số 10"]
    assert listing.listed is not None and listing.listed.id == units["Phòng số 2"]
    assert (await profile.unit_list(sessions, BINH.telegram_id, "Trần Thị Bình")).listed is None
    assert (await profile.unit_list(sessions, AN.telegram_id, "Lê Cường")).listed is None
    assert (await profile.unit_list(sessions)).listed is None
    # Once An's row is linked to An, it is offered to An again, and to nobody else.
    await profile.enrol(sessions, AN, "Nguyễn Văn An", units["Phòng số 2"], NOW, consent_at=NOW)
    mine = await profile.unit_list(sessions, AN.telegram_id, "Nguyễn Văn An")
    assert mine.listed is not None and mine.listed.id == units["Phòng số 2"]
    assert (await profile.unit_list(sessions, BINH.telegram_id, "Nguyễn Văn An")).listed is None


async def _merge(sessions: Sessions, source: int, target: int) -> None:
    """What merging `source` into `target` leaves (bot.services.units.merge)."""
    async with sessions() as s, s.begin():
        await s.execute(
            update(Unit).where(Unit.id == source).values(archived_at=NOW, merged_into_id=target)
        )


async def test_a_merged_units_link_leads_to_the_unit_it_went_into(sessions: Sessions) -> None:
    units = await _roster(
        sessions, ("A", "Phòng QLKH"), ("B", "Phòng Quản lý Khoa học"), ("C", "Viện Mới")
    )
    async with sessions() as s, s.begin():
        for name, unit_id in units.items():
            code = {"Phòng QLKH": "qlkh", "Phòng Quản lý Khoa học": "ql", "Viện Mới": "vm"}
            await s.execute(update(Unit).where(Unit.id == unit_id).values(code=code[name]))
    own = await profile.link_target(sessions, AN.telegram_id, "qlkh")
    assert own.unit is not None and own.unit.name == "Phòng QLKH" and own.merged_from is None
    await _merge(sessions, units["Phòng QLKH"], units["Phòng Quản lý Khoa học"])
    found = await profile.link_target(sessions, AN.telegram_id, "qlkh")
    assert found.unit is not None and found.unit.name == "Phòng Quản lý Khoa học"
    assert found.merged_from == "Phòng QLKH"
    # Merged again: two hops.
    await _merge(sessions, units["Phòng Quản lý Khoa học"], units["Viện Mới"])
    found = await profile.link_target(sessions, AN.telegram_id, "qlkh")
    assert found.unit is not None and found.unit.name == "Viện Mới"
    assert found.merged_from == "Phòng QLKH"
    # A cycle (no merge makes one) and an archive without a merge lead nowhere.
    await _merge(sessions, units["Viện Mới"], units["Phòng QLKH"])
    assert (await profile.link_target(sessions, AN.telegram_id, "qlkh")).unit is None
    async with sessions() as s, s.begin():
        await s.execute(update(Unit).values(merged_into_id=None))
        await s.execute(update(Unit).where(Unit.code == "vm").values(archived_at=None))
    assert (await profile.link_target(sessions, AN.telegram_id, "ql")).unit is None
    assert (await profile.link_target(sessions, AN.telegram_id, "nothing")).unit is None
