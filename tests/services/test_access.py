"""Roles are read at the moment of use: ADMIN_IDS first, then the role on the profile."""

from __future__ import annotations

from bot.core.roles import Role, role_from
from bot.services.access import current_role, role_of
from db.queries.users import set_role
from tests.services.conftest import Sessions, register

ADMINS = frozenset({9001})


def test_role_from_is_pure() -> None:
    assert role_from(9001, ADMINS, None) is Role.ADMIN
    assert role_from(9001, ADMINS, "organiser") is Role.ADMIN
    assert role_from(1, ADMINS, "organiser") is Role.ORGANISER
    assert role_from(1, ADMINS, None) is Role.OFFICIAL
    assert role_from(1, ADMINS, "something else") is Role.OFFICIAL


async def test_roles_follow_the_database_at_each_read(sessions: Sessions) -> None:
    assert await current_role(sessions, 9001, ADMINS) is Role.ADMIN  # even unregistered
    assert await current_role(sessions, 1, ADMINS) is Role.OFFICIAL  # unknown
    await register(sessions, 1, "Phòng Tổng hợp", name="Nguyễn Văn An")
    assert await current_role(sessions, 1, ADMINS) is Role.OFFICIAL
    async with sessions() as s, s.begin():
        await set_role(s, 1, "organiser")
        assert await role_of(s, 1, ADMINS) is Role.ORGANISER  # inside the same transaction
    assert await current_role(sessions, 1, ADMINS) is Role.ORGANISER
    async with sessions() as s, s.begin():
        await set_role(s, 1, None)
    assert await current_role(sessions, 1, ADMINS) is Role.OFFICIAL  # revoked: at once
    assert await current_role(sessions, 1, frozenset({1})) is Role.ADMIN  # settings win
