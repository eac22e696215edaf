"""bot.services.privacy on a real database: the /privacy summary and erasure."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.editions import load_editions
from bot.services import checkins, privacy, profile
from bot.services.checkins import NewCheckin
from bot.services.profile import Contact
from db.models import Checkin, Unit, User
from db.session import Sessions
from tests.conftest import VN, vn

AN = Contact(6161, 6161, "an_nguyen", "vi")
NOW = vn(2023, 10, 3, 9)


async def test_summary_of_someone_unknown_and_of_someone_registered(sessions: Sessions) -> None:
    assert await privacy.summary(sessions, AN.telegram_id) == privacy.Summary(known=False)
    await profile.register(sessions, AN, "Nguyễn Văn An", "Phòng A", NOW, consent_at=NOW)
    mine = await privacy.summary(sessions, AN.telegram_id)
    assert mine.known and mine.consent_at is not None and mine.consent_version


async def test_erasure_removes_the_person_their_checkins_and_their_lone_unit(
    sessions: Sessions,
) -> None:
    nothing = await privacy.erase(sessions, AN.telegram_id, NOW, username=None, current_update=None)
    assert not nothing.profile
    await profile.register(sessions, AN, "Nguyễn Văn An", "Phòng A", NOW, consent_at=NOW)
    for n in range(2):
        entry = NewCheckin(30 + n, "reading", None, f"msg:1:{n}")
        await checkins.record(
            sessions, AN.telegram_id, entry, now=NOW, tz=VN, editions=load_editions()
        )
    erased = await privacy.erase(
        sessions, AN.telegram_id, NOW, username=AN.username, current_update=None
    )
    assert erased.profile and erased.checkins == 2
    async with sessions() as session:
        for model in (User, Checkin, Unit):
            assert await session.scalar(select(func.count(model.id))) == 0
    assert await privacy.summary(sessions, AN.telegram_id) == privacy.Summary(known=False)


async def test_a_delete_request_erases_someone_unknown_at_once_and_keeps_a_profile(
    sessions: Sessions,
) -> None:
    gone = await privacy.erase_unless_known(
        sessions, AN.telegram_id, NOW, username=None, current_update=None
    )
    assert not gone
    await profile.register(sessions, AN, "Nguyễn Văn An", "Phòng A", NOW, consent_at=NOW)
    kept = await privacy.erase_unless_known(
        sessions, AN.telegram_id, NOW, username=None, current_update=None
    )
    assert kept and (await privacy.summary(sessions, AN.telegram_id)).known


async def test_declining_keeps_a_consent_on_record_or_offers_erasure_or_erases(
    sessions: Sessions,
) -> None:
    async def decline(keep_consent: bool) -> privacy.Declined:
        return await privacy.decline(
            sessions,
            AN.telegram_id,
            NOW,
            keep_consent=keep_consent,
            username=None,
            current_update=None,
        )

    assert await decline(keep_consent=True) is privacy.Declined.ERASED
    await profile.register(sessions, AN, "Nguyễn Văn An", "Phòng A", NOW, consent_at=NOW)
    assert await profile.standing(sessions, AN.telegram_id) == profile.Standing(True, True)
    assert await decline(keep_consent=True) is privacy.Declined.ON_RECORD
    assert await decline(keep_consent=False) is privacy.Declined.REGISTERED
    assert (await profile.standing(sessions, AN.telegram_id)).ready
