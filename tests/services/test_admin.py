"""Granting and revoking the organiser role: asked first, made on confirmation, audited."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.roles import Role
from bot.services import admin
from bot.services.admin import Outcome
from db.models import AuditEntry
from tests.conftest import vn
from tests.services.conftest import Sessions, register

ADMIN = 9001
ADMINS = frozenset({ADMIN})
NOW = vn(2023, 10, 3, 9, 0)


async def audit_rows(sessions: Sessions) -> list[tuple[int, str, dict[str, object]]]:
    async with sessions() as s:
        rows = await s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(r.actor_id, r.action, r.params) for r in rows]


async def test_check_change_finds_the_person_and_changes_nothing(sessions: Sessions) -> None:
    await register(sessions, 3002, "Phòng Tổng hợp", name="Lê Thị Hoa", username="alice")
    for ref in ("@Alice", "alice", " 3002 "):
        found = await admin.check_change(sessions, ADMINS, ref, grant=True)
        assert found.outcome is Outcome.READY
        assert found.target is not None and found.target.telegram_id == 3002
    assert (await admin.check_change(sessions, ADMINS, "@nobody", True)).outcome is (
        Outcome.UNKNOWN
    )
    assert (await admin.check_change(sessions, ADMINS, "٣٠٠٢", True)).outcome is Outcome.UNKNOWN
    assert (await admin.check_change(sessions, ADMINS, "3002", False)).outcome is (
        Outcome.NOT_HOLDER
    )
    assert (await admin.role_holders(sessions, ADMINS)).organisers == ()
    assert await audit_rows(sessions) == []


async def test_grant_and_revoke_are_made_and_audited(sessions: Sessions) -> None:
    await register(sessions, 3002, "Phòng Tổng hợp", name="Lê Thị Hoa", username="alice")
    done = await admin.change_role(sessions, ADMINS, ADMIN, 3002, True, NOW)
    assert done.outcome is Outcome.DONE and done.target is not None
    holders = await admin.role_holders(sessions, ADMINS)
    assert [p.telegram_id for p in holders.organisers] == [3002]
    assert [p.telegram_id for p in holders.admins] == [ADMIN]  # known by id only
    again = await admin.change_role(sessions, ADMINS, ADMIN, 3002, True, NOW)
    assert again.outcome is Outcome.ALREADY
    assert (await admin.check_change(sessions, ADMINS, "@alice", True)).outcome is (Outcome.ALREADY)
    revoked = await admin.change_role(sessions, ADMINS, ADMIN, 3002, False, NOW)
    assert revoked.outcome is Outcome.DONE
    assert (await admin.role_holders(sessions, ADMINS)).organisers == ()
    person = {"user": 3002, "role": "organiser"}
    assert await audit_rows(sessions) == [(ADMIN, "grant", person), (ADMIN, "revoke", person)]
    log = await admin.audit_log(sessions)
    assert [view.row.action for view in log] == ["revoke", "grant"]  # newest first
    assert log[0].row.actor.telegram_id == ADMIN and log[0].row.at == NOW
    # Whom each entry was about, for the log's sentences.
    assert [view.subject and view.subject.full_name for view in log] == ["Lê Thị Hoa"] * 2


async def test_menu_holders_are_known_admins_and_organisers(sessions: Sessions) -> None:
    await register(sessions, 3002, "Phòng Tổng hợp", name="Lê Thị Hoa")
    await register(sessions, ADMIN, "Phòng Tổng hợp", name="Quản trị")
    await admin.change_role(sessions, ADMINS, ADMIN, 3002, True, NOW)
    # 9002 is in ADMIN_IDS but never wrote to the bot: Telegram has no chat to set yet.
    holders = await admin.menu_holders(sessions, ADMINS | {9002})
    assert holders == ((ADMIN, Role.ADMIN), (3002, Role.ORGANISER))


async def test_changes_are_refused_at_the_moment_of_use(sessions: Sessions) -> None:
    await register(sessions, 3002, "Phòng Tổng hợp", name="Lê Thị Hoa", username="alice")
    await register(sessions, 3003, "Phòng Tổng hợp", name="Trần Bình")
    # Someone who is no longer (or never was) an admin changes nothing.
    refused = await admin.change_role(sessions, frozenset(), ADMIN, 3002, True, NOW)
    assert refused.outcome is Outcome.FORBIDDEN
    await admin.change_role(sessions, ADMINS, ADMIN, 3003, True, NOW)
    by_organiser = await admin.change_role(sessions, ADMINS, 3003, 3002, True, NOW)
    assert by_organiser.outcome is Outcome.FORBIDDEN
    # Admins by ADMIN_IDS are not changed by a command; someone unknown cannot be granted.
    both = ADMINS | {3002}
    assert (await admin.change_role(sessions, both, ADMIN, 3002, True, NOW)).outcome is (
        Outcome.FROM_SETTINGS
    )
    gone = await admin.change_role(sessions, ADMINS, ADMIN, 4242, True, NOW)
    assert gone.outcome is Outcome.UNKNOWN and gone.target is None
    assert [a for _, a, _ in await audit_rows(sessions)] == ["grant"]  # Bình's only
