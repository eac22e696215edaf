"""Reports: figures and exports as plain data; personal views and exports for admins only."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.editions import Edition, load_editions
from bot.core.progress import Window
from bot.services import reports
from db.models import AuditEntry
from db.queries.checkins import record_checkin
from db.queries.users import get_profile, set_role
from tests.conftest import VN, vn
from tests.services.conftest import Sessions, register

ADMIN = 9001
ADMINS = frozenset({ADMIN})
NOW = vn(2023, 10, 4, 9, 0)


def edition_2023() -> Edition:
    edition = load_editions().get(2023)
    assert edition is not None
    return edition


async def seed(sessions: Sessions, edition: Edition) -> None:
    await register(sessions, 1, "Phòng Tổng hợp", name="Nguyễn Văn An")
    await register(sessions, 2, "Phòng Tổng hợp", name="Trần Bình")
    window = Window(edition.start, edition.end, edition.year)
    async with sessions() as s, s.begin():
        profile = await get_profile(s, 1)
        assert profile is not None
        await record_checkin(
            s,
            user_id=profile.user_id,
            minutes=45,
            activity="reading",
            note=None,
            source="msg:1:1",
            now=vn(2023, 10, 3, 9),
            tz=VN,
            window=window,
            day_limit=MAX_MINUTES_PER_DAY,
        )
        await set_role(s, 2, "organiser")


async def test_summary_says_whether_the_viewer_may_see_personal_views(
    sessions: Sessions,
) -> None:
    edition = edition_2023()
    await seed(sessions, edition)
    for viewer, personal in ((ADMIN, True), (2, False), (1, False)):
        found = await reports.summary(sessions, edition, VN, viewer, ADMINS)
        assert found.personal is personal
        assert found.figures.registered == 2 and found.figures.checkins == 1
    assert (await reports.figures(sessions, edition, VN)).minutes == 45
    assert [learner.full_name for learner in await reports.top(sessions, edition)] == [
        "Nguyễn Văn An"
    ]


async def test_export_returns_the_rows_and_is_audited(sessions: Sessions) -> None:
    edition = edition_2023()
    await seed(sessions, edition)
    plain = await reports.export_data(sessions, edition, VN)
    assert plain.year == 2023 and plain.checkins == 1
    async with sessions() as s:
        assert list(await s.scalars(select(AuditEntry))) == []  # the command line's: no entry
    found = await reports.export(sessions, edition, VN, "csv", ADMIN, NOW)
    assert found == plain
    async with sessions() as s:
        entries = list(await s.scalars(select(AuditEntry)))
    assert [(e.actor_id, e.action, e.params) for e in entries] == [
        (ADMIN, "export", {"year": 2023, "format": "csv", "checkins": 1})
    ]
