"""bot.services.profile on a real database: consent first, registration, unit keys."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.services import privacy, profile
from bot.services.profile import Contact, unit_key
from db.models import Unit, User
from db.session import Sessions
from tests.conftest import vn

AN = Contact(5151, 5151, "an_nguyen", "vi")
NOW = vn(2023, 10, 3, 9)


async def _count(sessions: Sessions, model: type[User] | type[Unit]) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count(model.id))) or 0)


def test_two_spellings_of_one_unit_share_a_key() -> None:
    assert unit_key("Phòng Tổ chức") == unit_key("PHÒNG TỔ CHỨC") == unit_key("Phong to chuc")
    assert unit_key("Phòng A") != unit_key("Phòng B")


async def test_nothing_is_stored_without_consent(sessions: Sessions) -> None:
    stored = await profile.register(sessions, AN, "Nguyễn Văn An", "Phòng A", NOW, consent_at=None)
    assert stored is None
    assert await _count(sessions, User) == 0 and await _count(sessions, Unit) == 0
    assert await profile.current(sessions, AN.telegram_id) is None
    assert not await privacy.agree(sessions, AN.telegram_id, NOW)  # not known: nothing stored


async def test_registration_stores_the_profile_and_reuses_the_unit(sessions: Sessions) -> None:
    saved = await profile.register(sessions, AN, "Nguyễn Văn An", "Phòng A", NOW, consent_at=NOW)
    assert saved is not None and saved.registered and saved.consented
    other = Contact(5152, 5152, None, "en")
    again = await profile.register(sessions, other, "Trần Thị Bình", "PHÒNG A", NOW, consent_at=NOW)
    assert again is not None and again.unit_id == saved.unit_id
    assert again.unit_name == "Phòng A"  # the first spelling stays
    assert [u.name for u in await profile.unit_choices(sessions)] == ["Phòng A"]
    assert saved.unit_id is not None
    assert await profile.unit_name(sessions, saved.unit_id) == "Phòng A"
    assert await profile.unit_name(sessions, saved.unit_id + 100) is None
    # Changing one's profile later needs no new consent: it is on record.
    changed = await profile.register(sessions, AN, "Nguyễn Văn An", "Phòng B", NOW, consent_at=None)
    assert changed is not None and changed.unit_name == "Phòng B"
    current = await profile.current(sessions, AN.telegram_id)
    assert current is not None and current.unit_name == "Phòng B"


async def test_a_better_written_unit_renames_the_unit(sessions: Sessions) -> None:
    """Tester's finding 4: "phong ke toan" was typed first; "Phòng Kế toán" joined it and the
    unit kept the plain spelling everyone then saw."""
    first = Contact(5153, 5153, None, "vi")
    plain = await profile.register(
        sessions, first, "Lê Văn Cường", "phong ke toan", NOW, consent_at=NOW
    )
    assert plain is not None and plain.unit_name == "phong ke toan"
    saved = await profile.register(
        sessions, AN, "Trần Văn Bình", "Phòng Kế toán", NOW, consent_at=NOW
    )
    assert saved is not None and saved.unit_id == plain.unit_id
    assert saved.unit_name == "Phòng Kế toán"  # the receipt shows the accented name
    worse = await profile.register(
        sessions, first, "Lê Văn Cường", "PHONG KE TOAN", NOW, consent_at=None
    )
    assert worse is not None and worse.unit_name == "Phòng Kế toán"  # never written worse
    async with sessions() as session:
        assert list(await session.scalars(select(Unit.name))) == ["Phòng Kế toán"]
