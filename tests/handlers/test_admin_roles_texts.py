"""Issues 23 and 27: /roles and /thuhoi speak of admins set in the configuration plainly.

Found as: /roles listed such an admin as "• 900"; "/thuhoi 900" said "Không tìm thấy 900…
cần đăng ký hồ sơ"; "/thuhoi @abc" told the admin to have nobody register first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.offline.fake_updates import FakeUser
from tests.conftest import ADMIN, Harness, Restartable

AN = FakeUser(900, "An", "vi", "an_nguyen")
EN_ADMIN = FakeUser(9002, "Admin", "en", "admin_en")
UNREGISTERED = 905


@pytest.fixture
async def admins(restartable: Restartable) -> AsyncIterator[Harness]:
    ids = frozenset({ADMIN.id, AN.id, EN_ADMIN.id, UNREGISTERED})
    restartable.configure(admin_ids=ids)
    async with restartable.started() as harness:
        yield harness


async def test_roles_names_configured_admins_or_says_unregistered(admins: Harness) -> None:
    bot = admins
    await bot.register(AN, "Nguyễn Văn An")
    await bot.register(ADMIN, "Quản trị Viên")
    reply = await bot.say(ADMIN, "/phanquyen")
    assert reply is not None
    assert "• Nguyễn Văn An (@an_nguyen, mã 900)" in reply.text
    assert f"• chưa đăng ký (mã {UNREGISTERED})" in reply.text
    assert "• 905\n" not in reply.text + "\n"
    await bot.register(EN_ADMIN, "Admin Person")
    reply = await bot.say(EN_ADMIN, "/roles")
    assert reply is not None and f"• not registered (id {UNREGISTERED})" in reply.text


async def test_revoking_a_configured_admin_says_commands_cannot_change_it(admins: Harness) -> None:
    bot = admins
    await bot.register(ADMIN, "Quản trị Viên")
    for command in (f"/thuhoi {UNREGISTERED}", f"/capquyen {UNREGISTERED}"):
        reply = await bot.say(ADMIN, command)
        assert reply is not None
        assert reply.text.startswith(f"Người có mã {UNREGISTERED} là quản trị viên")
        assert "không thay đổi được bằng lệnh" in reply.text
        assert "Không tìm thấy" not in reply.text and "/hoso" not in reply.text


async def test_revoking_an_unknown_username_says_nobody_holds_it(admins: Harness) -> None:
    bot = admins
    await bot.register(ADMIN, "Quản trị Viên")
    reply = await bot.say(ADMIN, "/thuhoi @abc")
    assert reply is not None
    assert "Không có ai là @abc đang giữ quyền ban tổ chức" in reply.text
    assert "/hoso" not in reply.text and "<b>Ban tổ chức</b>" in reply.text
    # Granting to someone unknown still asks them to register first.
    reply = await bot.say(ADMIN, "/capquyen @abc")
    assert reply is not None and "/hoso" in reply.text
    await bot.register(EN_ADMIN, "Admin Person")
    reply = await bot.say(EN_ADMIN, "/revoke @abc")
    assert reply is not None and "Nobody called @abc holds the organiser role" in reply.text
