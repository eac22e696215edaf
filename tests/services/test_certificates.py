"""bot.services.certificates on a real database: the bar, issuing once, verifying, erasure."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import delete, func, select, text

from bot.core.bar import Bar
from bot.core.cert_code import check_symbol, shown
from bot.core.editions import load_editions
from bot.services import certificates as service
from bot.services import checkins, privacy
from bot.services.checkins import NewCheckin
from bot.services.reports import window
from db.models import AuditEntry, Certificate, DailyTotal
from db.session import Sessions
from tests.conftest import VN, vn
from tests.services.conftest import register

EDITIONS = load_editions()
WEEK = EDITIONS.get(2023)  # 2–8 October 2023
assert WEEK is not None
AFTER = vn(2023, 10, 9, 8)
BAR = Bar(3, 60, 7)


async def study(sessions: Sessions, telegram_id: int, days: range, minutes: int) -> None:
    """`minutes` of self-study on each October day in `days`."""
    for day in days:
        entry = NewCheckin(minutes, "reading", None, f"msg:{telegram_id}:{day}")
        await checkins.record(
            sessions, telegram_id, entry, now=vn(2023, 10, day, 20), tz=VN, editions=EDITIONS
        )


def test_the_bar_is_capped_at_the_week() -> None:
    assert Bar.of(WEEK, 5, 0) == Bar(5, 0, 7)
    assert Bar.of(WEEK, 31, 90) == Bar(7, 90, 7)
    three_days = replace(WEEK, end=WEEK.start.replace(day=WEEK.start.day + 2))
    assert Bar.of(three_days, 5, 0) == Bar(3, 0, 3)
    assert Bar.of(WEEK, 5, 0).met_by(5, 0) and not Bar.of(WEEK, 5, 1).met_by(7, 0)


async def test_not_registered_below_the_bar_and_earned(sessions: Sessions) -> None:
    assert await service.mine(sessions, 1, WEEK, BAR, AFTER) == service.Mine(False)
    await register(sessions, 1, name="Nguyễn Văn An")
    assert await service.mine(sessions, 1, WEEK, BAR, AFTER) == service.Mine(True)
    await study(sessions, 1, range(2, 4), 45)  # 2 days, 90 minutes: days short
    assert await service.mine(sessions, 1, WEEK, BAR, AFTER) == service.Mine(True, 2, 90)
    await study(sessions, 1, range(4, 5), 45)
    found = await service.mine(sessions, 1, WEEK, BAR, AFTER)
    assert found.issued is not None
    assert (found.days, found.minutes) == (3, 135)
    cert = found.issued
    assert (cert.full_name, cert.unit, cert.days, cert.minutes) == (
        "Nguyễn Văn An",
        "Phòng A",
        3,
        135,
    )
    assert cert.edition_year == 2023


async def test_without_issuing_only_the_figures(sessions: Sessions) -> None:
    await register(sessions, 1)
    await study(sessions, 1, range(2, 6), 30)
    found = await service.mine(sessions, 1, WEEK, BAR, vn(2023, 10, 5, 21), issue=False)
    assert found == service.Mine(True, 4, 120, studied_today=True)  # the 5th is among them
    found = await service.mine(sessions, 1, WEEK, BAR, vn(2023, 10, 6, 9), issue=False)
    assert found == service.Mine(True, 4, 120, studied_today=False)
    async with sessions() as session:
        assert await session.scalar(select(func.count(Certificate.id))) == 0


async def test_a_certificate_never_changes_once_issued(sessions: Sessions) -> None:
    uid = await register(sessions, 1, name="Nguyễn Văn An")
    await study(sessions, 1, range(2, 5), 30)
    first = await service.mine(sessions, 1, WEEK, BAR, AFTER)
    again = await service.mine(sessions, 1, WEEK, BAR, vn(2023, 10, 10, 8))
    assert first.issued is not None and again.issued == first.issued
    await study(sessions, 1, range(5, 7), 60)  # more study recorded after it was issued
    await register(sessions, 1, name="Trần Quốc Tuấn")  # and a new name on the profile
    later = await service.for_user(sessions, uid, WEEK, BAR, vn(2023, 10, 11, 8))
    # The same paper: its code never moves onto another name, its figures stay as issued.
    assert later == first.issued
    assert (later.full_name, later.days, later.minutes) == ("Nguyễn Văn An", 3, 90)
    async with sessions() as session:
        assert await session.scalar(select(func.count(Certificate.id))) == 1
    verdict = await service.verify(sessions, shown(later.code).lower(), EDITIONS, VN)
    assert verdict == service.Verdict(service.Status.GENUINE, later)


async def test_a_certificate_whose_record_lost_a_day_is_no_longer_borne_out(
    sessions: Sessions,
) -> None:
    uid = await register(sessions, 1)
    await study(sessions, 1, range(2, 5), 30)
    cert = (await service.mine(sessions, 1, WEEK, BAR, AFTER)).issued
    assert cert is not None
    async with sessions() as session, session.begin():  # a check-in deleted after issue
        await session.execute(
            delete(DailyTotal).where(
                DailyTotal.user_id == uid, DailyTotal.local_date == WEEK.start.replace(day=3)
            )
        )
    verdict = await service.verify(sessions, cert.code, EDITIONS, VN)
    assert verdict == service.Verdict(service.Status.CHANGED, cert)
    # Below the bar now: /chungnhan shows their figures, not the paper.
    assert (await service.mine(sessions, 1, WEEK, BAR, AFTER)).issued is None


async def test_a_certificate_that_overstates_is_reissued_lower_when_asked_again(
    sessions: Sessions,
) -> None:
    uid = await register(sessions, 1)
    await study(sessions, 1, range(2, 6), 30)  # 4 days, over the bar of 3
    cert = (await service.mine(sessions, 1, WEEK, BAR, AFTER)).issued
    assert cert is not None and cert.days == 4
    async with sessions() as session, session.begin():
        await session.execute(
            delete(DailyTotal).where(
                DailyTotal.user_id == uid, DailyTotal.local_date == WEEK.start.replace(day=5)
            )
        )
    again = (await service.mine(sessions, 1, WEEK, BAR, vn(2023, 10, 12, 9))).issued
    assert again is not None and again.code == cert.code and again.full_name == cert.full_name
    assert (again.days, again.minutes, again.issued_at) == (3, 90, vn(2023, 10, 12, 9))
    verdict = await service.verify(sessions, cert.code, EDITIONS, VN)
    assert verdict == service.Verdict(service.Status.GENUINE, again)


async def test_every_issues_the_earners_only_and_is_audited(sessions: Sessions) -> None:
    for telegram_id, name in ((1, "Trần Bình"), (2, "Lê An"), (3, "Phạm Chi")):
        await register(sessions, telegram_id, name=name)
    await study(sessions, 1, range(2, 6), 30)
    await study(sessions, 2, range(2, 9), 20)
    await study(sessions, 3, range(2, 3), 200)  # one day only
    found = await service.every(sessions, WEEK, BAR, AFTER, actor_id=9001)
    assert [c.full_name for c in found] == ["Lê An", "Trần Bình"]  # by name
    assert [(c.days, c.minutes) for c in found] == [(7, 140), (4, 120)]
    assert len({c.code for c in found}) == 2
    async with sessions() as session:
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "certificates"))
    assert entry is not None and entry.actor_id == 9001
    assert entry.params == {"year": 2023, "certificates": 2}
    assert await service.every(sessions, WEEK, BAR, AFTER, actor_id=9001) == found


async def test_verify_malformed_unknown_genuine(sessions: Sessions) -> None:
    await register(sessions, 1)
    await study(sessions, 1, range(2, 5), 30)
    cert = (await service.mine(sessions, 1, WEEK, BAR, AFTER)).issued
    assert cert is not None
    assert (
        await service.verify(sessions, "hello", EDITIONS, VN)
    ).status is service.Status.MALFORMED
    typo = ("1" if cert.code[0] != "1" else "2") + cert.code[1:]
    assert (await service.verify(sessions, typo, EDITIONS, VN)).status is service.Status.MALFORMED
    body = "7K4MQ9XP3" if cert.code[:9] != "7K4MQ9XP3" else "7K4MQ9XP4"
    forged = body + check_symbol(body)  # well formed: only the lookup refuses it
    assert await service.verify(sessions, forged, EDITIONS, VN) == service.Verdict(
        service.Status.UNKNOWN
    )
    assert (await service.verify(sessions, shown(cert.code), EDITIONS, VN)).certificate == cert


async def test_erasure_removes_the_certificate_and_its_code_becomes_unknown(
    sessions: Sessions,
) -> None:
    await register(sessions, 1)
    await register(sessions, 2, "Phòng A")
    await study(sessions, 1, range(2, 5), 30)
    await study(sessions, 2, range(2, 5), 30)
    mine = (await service.mine(sessions, 1, WEEK, BAR, AFTER)).issued
    theirs = (await service.mine(sessions, 2, WEEK, BAR, AFTER)).issued
    assert mine is not None and theirs is not None
    async with sessions() as session:
        if session.get_bind().dialect.name == "sqlite":  # the cascade needs foreign keys on
            assert (await session.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    await privacy.erase(sessions, 1, AFTER, username=None, current_update=None)
    assert await service.verify(sessions, mine.code, EDITIONS, VN) == service.Verdict(
        service.Status.UNKNOWN
    )
    assert (
        await service.verify(sessions, theirs.code, EDITIONS, VN)
    ).status is service.Status.GENUINE
    async with sessions() as session:
        assert await session.scalar(select(func.count(Certificate.id))) == 1


async def test_a_code_already_given_is_never_silently_dropped(sessions: Sessions) -> None:
    from sqlalchemy.exc import IntegrityError

    from db.queries import certificates as queries

    await register(sessions, 1)
    await register(sessions, 2)
    await study(sessions, 1, range(2, 5), 30)
    await study(sessions, 2, range(2, 5), 30)
    first = (await service.mine(sessions, 1, WEEK, BAR, AFTER)).issued
    assert first is not None
    async with sessions() as session, session.begin():
        [person] = await queries.people(session, window(WEEK, VN), [first.user_id + 1])
    with pytest.raises(IntegrityError):  # the same code drawn twice: an error, not nothing
        async with sessions() as session, session.begin():
            await queries.issue(session, 2023, [person], AFTER, lambda: first.code)
