"""bot/services/broadcasts.py on a real database: ownership, once-only steps, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from bot.delivery.progress_messages import adopt
from bot.services import broadcasts as service
from bot.services.broadcasts import Content, Outcome
from db.models import AuditEntry, Broadcast, Outbox
from db.queries import outbox as box
from tests.conftest import vn
from tests.services.conftest import Calendar, Sessions, register

AUTHOR, OTHER, ADMIN = 501, 502, 503
ADMINS = frozenset({ADMIN})
NOW = vn(2023, 10, 3, 9, 0)


async def _draft(sessions: Sessions, audience: str = "all") -> int:
    draft = await service.create_draft(
        sessions, AUTHOR, AUTHOR, Content("text", "<b>Hello</b>", None), NOW
    )
    chosen = await service.choose_audience(sessions, draft, audience, None)
    assert chosen.changed and chosen.info.audience == audience
    return draft


async def _audits(sessions: Sessions, action: str) -> int:
    async with sessions() as s:
        found = await s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
        )
    return int(found or 0)


async def test_only_the_author_or_an_admin_may_act(sessions: Sessions) -> None:
    draft = await _draft(sessions)
    mine = await service.access(sessions, draft, AUTHOR, ADMINS)
    assert mine.allowed and mine.info is not None and mine.info.created_by == AUTHOR
    other = await service.access(sessions, draft, OTHER, ADMINS)
    assert other.info is not None and not other.allowed
    assert (await service.access(sessions, draft, ADMIN, ADMINS)).allowed
    gone = await service.access(sessions, draft + 100, AUTHOR, ADMINS)
    assert gone.info is None and not gone.allowed


async def test_send_now_chooses_recipients_once(sessions: Sessions, calendar: Calendar) -> None:
    for tid in (1, 2, 3):
        await register(sessions, tid)
    draft = await _draft(sessions)
    info = (await service.access(sessions, draft, AUTHOR, ADMINS)).info
    assert info is not None
    assert await service.audience_size(sessions, calendar, info) == 3
    first = await service.send_now(sessions, calendar, info, AUTHOR)
    assert (
        first.outcome is Outcome.STARTED
        and first.info.status == "sending"
        and first.info.total == 3
    )
    # Pressed twice (with the same stale draft in hand): nothing more is queued.
    again = await service.send_now(sessions, calendar, info, AUTHOR)
    assert again.outcome is Outcome.STATE and again.info.status == "sending"
    async with sessions() as s:
        rows = await s.scalar(select(func.count()).select_from(Outbox))
    assert rows == 3
    assert await _audits(sessions, "broadcast_send") == 1
    # The audience of a broadcast no longer a draft stays as it was.
    late = await service.choose_audience(sessions, draft, "groups", None)
    assert not late.changed and late.info.audience == "all"


async def test_schedule_checks_the_author_and_happens_once(
    sessions: Sessions, calendar: Calendar
) -> None:
    await register(sessions, 1)
    draft = await _draft(sessions)
    when = vn(2023, 10, 4, 8, 0)
    assert await service.schedule(sessions, calendar, draft, OTHER, ADMINS, when) is None
    scheduled = await service.schedule(sessions, calendar, draft, AUTHOR, ADMINS, when)
    assert scheduled is not None and scheduled.count == 1
    assert scheduled.info.status == "scheduled" and scheduled.info.scheduled_at == when
    assert await service.schedule(sessions, calendar, draft, AUTHOR, ADMINS, when) is None
    assert await service.schedule(sessions, calendar, draft + 9, AUTHOR, ADMINS, when) is None
    info = (await service.access(sessions, draft, AUTHOR, ADMINS)).info
    assert info is not None and info.status == "scheduled" and info.scheduled_at is not None
    assert await _audits(sessions, "broadcast_schedule") == 1


async def test_stop_cancels_a_draft_once(sessions: Sessions) -> None:
    draft = await _draft(sessions)
    first = await service.stop(sessions, draft, AUTHOR, NOW)
    assert first.outcome is Outcome.CANCELLED and first.info.status == "cancelled"
    second = await service.stop(sessions, draft, AUTHOR, NOW)
    assert second.outcome is Outcome.STATE and second.info.status == "cancelled"
    assert await _audits(sessions, "broadcast_cancel") == 1


async def test_stop_while_sending_cancels_what_is_pending(
    sessions: Sessions, calendar: Calendar
) -> None:
    for tid in (1, 2):
        await register(sessions, tid)
    draft = await _draft(sessions)
    info = (await service.access(sessions, draft, AUTHOR, ADMINS)).info
    assert info is not None
    await service.send_now(sessions, calendar, info, AUTHOR)
    stopped = await service.stop(sessions, draft, AUTHOR, NOW)
    assert stopped.outcome is Outcome.STOPPED and stopped.info.status == "stopped"
    assert stopped.tally is not None and stopped.tally.cancelled == 2 and stopped.tally.pending == 0
    assert await _audits(sessions, "broadcast_stop") == 1


async def test_resend_in_doubt_once_and_listed_for_whom_may_act(
    sessions: Sessions, calendar: Calendar
) -> None:
    for tid in (1, 2):
        await register(sessions, tid)
    draft = await _draft(sessions)
    info = (await service.access(sessions, draft, AUTHOR, ADMINS)).info
    assert info is not None
    await service.send_now(sessions, calendar, info, AUTHOR)
    assert (await service.resend(sessions, draft, AUTHOR, NOW)).count == 0  # still sending
    # As after a crash: the requests left, no answer came back.
    async with sessions() as s, s.begin():
        await s.execute(update(Outbox).values(status=box.UNKNOWN))
        await s.execute(update(Broadcast).values(status="done"))
    assert await service.in_doubt(sessions, draft) == 2
    standing = await service.standing(sessions, draft)
    assert standing.doubt == 2 and standing.tally.unknown == 2

    def offered(found: service.Recent) -> list[tuple[int, str | None, int]]:
        return [(r.info.id, r.action, r.doubt) for r in found.rows]

    assert offered(await service.recent(sessions, calendar, AUTHOR, ADMINS)) == [(draft, "redo", 2)]
    assert offered(await service.recent(sessions, calendar, ADMIN, ADMINS)) == [(draft, "redo", 2)]
    others = await service.recent(sessions, calendar, OTHER, ADMINS)
    assert offered(others) == [(draft, None, 0)]
    assert (await service.resend(sessions, draft, AUTHOR, NOW)).count == 2
    assert (await service.resend(sessions, draft, AUTHOR, NOW)).count == 0  # pressed twice
    assert await service.in_doubt(sessions, draft) == 0
    assert await _audits(sessions, "broadcast_resend") == 1


async def test_progress_message_and_units(sessions: Sessions) -> None:
    await register(sessions, 1, "Phòng B")
    assert [u.name for u in await service.units(sessions)] == ["Phòng B"]
    draft = await _draft(sessions)
    await adopt(sessions, draft, 42)
    info = (await service.access(sessions, draft, AUTHOR, ADMINS)).info
    assert info is not None and info.progress_message_id == 42
    assert not service.author_erased(info)


async def test_the_audience_unit_needs_its_unit(sessions: Sessions, calendar: Calendar) -> None:
    """Review finding: audience "unit" without a unit reached every official."""
    await register(sessions, 1, "Phòng A")
    await register(sessions, 2, "Phòng B")
    draft = await service.create_draft(
        sessions, AUTHOR, AUTHOR, Content("text", "Hello", None), NOW
    )
    with pytest.raises(ValueError, match="not an audience"):
        await service.choose_audience(sessions, draft, "unit", None)
    with pytest.raises(ValueError, match="not an audience"):
        await service.choose_audience(sessions, draft, "nonsense", None)
    info = (await service.access(sessions, draft, AUTHOR, ADMINS)).info
    assert info is not None and info.audience is None
    # Through the button's service: no unit asks which one, and sets nothing.
    asked = await service.choose(sessions, calendar, info, "unit", None)
    assert asked.outcome is Outcome.UNITS and asked.info.audience is None
    assert sorted(u.name for u in asked.units) == ["Phòng A", "Phòng B"]
    assert isinstance(asked.units, tuple) and isinstance(await service.units(sessions), tuple)
    missing = await service.choose(sessions, calendar, info, "unit", 999999)
    assert missing.outcome is Outcome.REFUSED and missing.info.audience is None
    unit = asked.units[0]
    chosen = await service.choose(sessions, calendar, info, "unit", unit.id)
    assert chosen.outcome is Outcome.PREVIEW and chosen.count == 1
    assert (chosen.info.audience, chosen.info.unit_id) == ("unit", unit.id)
    # A unit audience that lost its unit (as the old button could make) reaches nobody.
    async with sessions() as s, s.begin():
        await s.execute(update(Broadcast).values(audience_unit_id=None))
    info = (await service.access(sessions, draft, AUTHOR, ADMINS)).info
    assert info is not None and info.audience == "unit" and info.unit_id is None
    assert await service.audience_size(sessions, calendar, info) == 0
    started = await service.send_now(sessions, calendar, info, AUTHOR)
    assert started.outcome is Outcome.STARTED and started.count == 0
