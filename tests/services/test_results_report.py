"""The results report's data on a real database: the figures are exactly the `stats`
figures, the activities count the week's live check-ins per kind, and an admin's report is
audited."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.progress import Window
from bot.services import reports, results_report
from bot.services.results_report import ActivityRow, Letterhead, letterhead
from db.models import AuditEntry
from db.queries.checkins import record_checkin, undo_checkin
from settings import Settings
from tests.conftest import VN, vn
from tests.services.conftest import Sessions, register
from tests.services.roster_data import add_people
from tests.services.test_report_units import edition

NOW = vn(2023, 10, 12, 9, 0)
HEAD = Letterhead("Sở A", "Ủy ban B", "Thành phố C", "Giám đốc", "Nguyễn Văn D")


async def checkin(
    sessions: Sessions, user_id: int, when: tuple[int, ...], minutes: int, activity: str
) -> int:
    e = edition(2023)
    async with sessions() as s, s.begin():
        receipt = await record_checkin(
            s,
            user_id=user_id,
            minutes=minutes,
            activity=activity,
            note=None,
            source=f"msg:{user_id}:{when}:{activity}",
            now=vn(*when),
            tz=VN,
            window=Window(e.start, e.end, e.year),
            day_limit=MAX_MINUTES_PER_DAY,
        )
    return receipt.checkin.id


async def seed(sessions: Sessions) -> tuple[int, int, int]:
    an = await register(sessions, 1, "Phòng A", name="An")
    binh = await register(sessions, 2, "Phòng A", name="Bình")
    chi = await register(sessions, 3, "Phòng B", name="Chi")
    await register(sessions, 4, "Phòng B", name="Dũng")  # never takes part
    await checkin(sessions, an, (2023, 10, 2, 9), 30, "reading")
    await checkin(sessions, an, (2023, 10, 3, 9), 90, "course")
    await checkin(sessions, binh, (2023, 10, 3, 10), 45, "reading")
    await checkin(sessions, chi, (2023, 10, 5, 20), 20, "webinar")
    undone = await checkin(sessions, chi, (2023, 10, 6, 20), 15, "research")
    async with sessions() as s, s.begin():
        assert await undo_checkin(s, chi, undone, vn(2023, 10, 6, 20, 5)) is not None
    await checkin(sessions, an, (2023, 10, 9, 8), 60, "other")  # after the week
    return an, binh, chi


async def test_the_figures_are_the_stats_figures_and_the_activities_per_kind(
    sessions: Sessions,
) -> None:
    await seed(sessions)
    e = edition(2023)
    data = await results_report.report_data(sessions, e, VN, HEAD, NOW)
    assert data.figures == await reports.figures(sessions, e, VN)
    assert data.figures.as_json()["checkins"] == 4 and data.figures.minutes == 185
    # Undone and out-of-week check-ins are not counted; most check-ins first, then by key.
    assert data.activities == (
        ActivityRow("reading", 2, 75),
        ActivityRow("course", 1, 90),
        ActivityRow("webinar", 1, 20),
    )
    assert sum(k.checkins for k in data.activities) == data.figures.checkins
    assert sum(k.minutes for k in data.activities) == data.figures.minutes
    assert (data.edition, data.letterhead, data.made_on, data.year) == (
        e,
        HEAD,
        NOW.date(),
        2023,
    )


async def test_with_a_roster_the_figures_carry_the_headcount(sessions: Sessions) -> None:
    an, _, _ = await seed(sessions)
    await add_people(sessions, "Phòng A", ["An", "Cường"], linked={"An": an})
    data = await results_report.report_data(sessions, edition(2023), VN, HEAD, NOW)
    assert (data.figures.headcount, data.figures.on_roster) == (2, 1)
    assert data.figures == await reports.figures(sessions, edition(2023), VN)


async def test_an_empty_week_has_no_activities(sessions: Sessions) -> None:
    data = await results_report.report_data(sessions, edition(2023), VN, Letterhead(), NOW)
    assert data.activities == () and data.figures.checkins == 0


async def test_the_admins_report_is_audited(sessions: Sessions) -> None:
    await seed(sessions)
    await results_report.report(sessions, edition(2023), VN, HEAD, 9001, NOW)
    async with sessions() as s:
        entry = (await s.scalars(select(AuditEntry))).one()
    assert (entry.actor_id, entry.action, entry.params) == (
        9001,
        "report",
        {"year": 2023, "checkins": 4},
    )


async def test_the_data_alone_is_not_audited(sessions: Sessions) -> None:
    await results_report.report_data(sessions, edition(2023), VN, HEAD, NOW)
    async with sessions() as s:
        assert (await s.scalars(select(AuditEntry))).all() == []


def test_the_letterhead_comes_from_the_settings() -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        org_name="Sở A",
        org_parent="Ủy ban B",
        org_place="Thành phố C",
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn D",
    )
    assert letterhead(settings) == HEAD
    assert letterhead(Settings(_env_file=None)) == Letterhead()  # type: ignore[call-arg]
