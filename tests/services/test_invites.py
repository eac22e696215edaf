"""bot.services.invites on a real DB: codes given once, unique, kept; archived units left out."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.services import invites, profile
from bot.services.profile import Contact
from db.models import AuditEntry, Unit
from db.session import Sessions
from tests.conftest import vn
from tests.services.conftest import register

NOW = vn(2026, 10, 1, 9)


async def test_codes_are_given_once_unique_and_archived_units_are_left_out(
    sessions: Sessions,
) -> None:
    # Two units whose names agree on the first 30 letters: the codes would collide.
    await register(sessions, 1, "Trung tâm Thông tin và Thống kê")
    await register(sessions, 2, "Trung tâm Thông tin và Thống kê Khoa học")
    await register(sessions, 3, "Phòng Cũ")
    async with sessions() as s, s.begin():
        await s.execute(update(Unit).where(Unit.name == "Phòng Cũ").values(archived_at=NOW))
    first = await invites.unit_invites(sessions, 42, NOW)
    codes = {u.unit: u.code for u in first.units}
    assert codes == {
        "Trung tâm Thông tin và Thống kê": "trung-tam-thong-tin-va-thong",
        "Trung tâm Thông tin và Thống kê Khoa học": "trung-tam-thong-tin-va-thong-2",
    }
    assert first.assigned == 2
    again = await invites.unit_invites(sessions, None, NOW)  # the command line: no audit
    assert again.units == first.units and again.assigned == 0
    assert invites.link("x_bot", first.units[0].payload) == "https://t.me/x_bot?start=u-" + (
        first.units[0].code
    )
    async with sessions() as s:
        entries = list(await s.execute(select(AuditEntry.actor_id, AuditEntry.params)))
    assert [tuple(e) for e in entries if e[1].get("units")] == [(42, {"units": 2, "assigned": 2})]


async def test_units_come_in_natural_order(sessions: Sessions) -> None:
    for i, number in enumerate((10, 2, 1, 11, 0)):
        await register(sessions, 10 + i, f"Phòng số {number}")
    await register(sessions, 20, "Ban Đào tạo")
    found = await invites.unit_invites(sessions, None, NOW)
    assert [u.unit for u in found.units] == [
        "Ban Đào tạo",
        *(f"Phòng số {n}" for n in (0, 1, 2, 10, 11)),
    ]


async def test_a_unit_typed_at_registration_has_its_code_at_once(sessions: Sessions) -> None:
    units = (
        "Trung tâm Thông tin và Thống kê",
        "Trung tâm Thông tin và Thống kê Khoa học",  # the same first 30 letters
        "trung tâm thông tin và thống kê",  # joins the first
    )
    for i, unit in enumerate(units):
        contact = Contact(100 + i, 100 + i, None, "vi")
        await profile.register(sessions, contact, f"Cán bộ {i}", unit, NOW, consent_at=NOW)
    async with sessions() as s:
        codes = {name: code for name, code in await s.execute(select(Unit.name, Unit.code))}
    assert codes == {
        "Trung tâm Thông tin và Thống kê": "trung-tam-thong-tin-va-thong",
        "Trung tâm Thông tin và Thống kê Khoa học": "trung-tam-thong-tin-va-thong-2",
    }
    assert (await invites.unit_invites(sessions, None, NOW)).assigned == 0


async def test_a_typed_unit_its_last_member_left_is_offered_to_nobody(sessions: Sessions) -> None:
    an = Contact(200, 200, None, "vi")
    await profile.register(sessions, an, "Nguyễn Văn An", "Phong Ke Toan X", NOW, consent_at=NOW)
    assert [u.name for u in await profile.unit_choices(sessions)] == ["Phong Ke Toan X"]
    await profile.register(sessions, an, "Nguyễn Văn An", "Phòng Kế toán", NOW, consent_at=None)
    assert [u.name for u in await profile.unit_choices(sessions)] == ["Phòng Kế toán"]
    async with sessions() as s:
        codes = {name: code for name, code in await s.execute(select(Unit.name, Unit.code))}
    assert codes == {"Phong Ke Toan X": None, "Phòng Kế toán": "phong-ke-toan"}
