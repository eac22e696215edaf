"""Finding 7 of issue 11: `/grant @username` granted the wrong person when usernames moved.

As found: Lan registered as @alice, then renamed herself; Hoa is now @alice. `/grant @alice`
must target Hoa, show her full name and id, and change nothing until the admin confirms.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import bindparam, select, text

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from bot.ui.buttons import RoleChange
from db.migrate import alembic_config
from db.models import AuditEntry, User, UTCDateTime
from db.session import create_engine
from tests.conftest import ADMIN, BINH, Harness, vn

LAN = FakeUser(3001, "Lan", "vi", "alice")
LAN_RENAMED = FakeUser(3001, "Lan", "vi", "lan_moi")
HOA = FakeUser(3002, "Hoa", "vi", "Alice")  # Telegram usernames ignore case


async def roles(bot: Harness) -> dict[int, tuple[str | None, str | None]]:
    async with deps_of(bot.app).sessions() as session:
        return {u.telegram_id: (u.username, u.role) for u in await session.scalars(select(User))}


async def grants(bot: Harness) -> list[dict[str, object]]:
    async with deps_of(bot.app).sessions() as session:
        query = select(AuditEntry.params).where(AuditEntry.action == "grant")
        return list(await session.scalars(query))


async def test_grant_by_username_targets_who_holds_it_now(bot: Harness) -> None:
    await bot.register(LAN, "Phạm Thị Lan")
    await bot.say(LAN_RENAMED, "/cuatoi")  # any update carries her new username
    await bot.register(HOA, "Lê Thị Hoa")
    assert await roles(bot) == {LAN.id: ("lan_moi", None), HOA.id: ("alice", None)}
    reply = await bot.say(ADMIN, "/grant @alice")
    assert reply is not None
    assert "Lê Thị Hoa" in reply.text and "<code>3002</code>" in reply.text
    assert "@alice" in reply.text and "Lan" not in reply.text
    assert await roles(bot) == {LAN.id: ("lan_moi", None), HOA.id: ("alice", None)}
    assert await grants(bot) == []  # nothing happens before the confirmation
    reply = await bot.press(ADMIN, f"role:grant:{HOA.id}")
    assert reply is not None and "Đã cấp quyền ban tổ chức cho Lê Thị Hoa" in reply.text
    assert await roles(bot) == {LAN.id: ("lan_moi", None), HOA.id: ("alice", "organiser")}
    assert await grants(bot) == [{"user": HOA.id, "role": "organiser"}]


async def test_a_username_taken_over_is_cleared_from_its_previous_holder(bot: Harness) -> None:
    """Lan renamed but never wrote again: Hoa's first message takes @alice from her."""
    await bot.register(LAN, "Phạm Thị Lan")
    await bot.say(HOA, "chủ đề năm nay là gì")  # not registered: nothing stored about Hoa
    assert await roles(bot) == {LAN.id: (None, None)}
    reply = await bot.say(ADMIN, "/grant @alice")
    assert reply is not None and "Không tìm thấy @alice" in reply.text
    await bot.register(HOA, "Lê Thị Hoa")
    reply = await bot.say(ADMIN, "/capquyen @ALICE organiser")
    assert reply is not None and "<code>3002</code>" in reply.text


async def test_the_confirmation_is_checked_at_the_press(bot: Harness) -> None:
    await bot.register(HOA, "Lê Thị Hoa")
    await bot.register(BINH, "Trần Thị Bình")
    await bot.say(ADMIN, "/grant @alice")
    confirmation = bot.last(ADMIN)
    # Someone who is not an admin presses it (a forwarded or forged button): refused.
    await bot.feed(bot.factory.press(BINH, confirmation, f"role:grant:{BINH.id}"))
    answer = bot.telegram.calls[-1]
    assert answer.method == "answerCallbackQuery"
    assert "chỉ dành cho quản trị viên" in answer.params["text"]
    assert await roles(bot) == {HOA.id: ("alice", None), BINH.id: (None, None)}
    # Cancel changes nothing; a second press of the old confirm button grants once only.
    reply = await bot.press(ADMIN, "role:cancel")
    assert reply is not None and "không thay đổi" in reply.text
    await bot.feed(bot.factory.press(ADMIN, confirmation, f"role:grant:{HOA.id}"))
    await bot.feed(bot.factory.press(ADMIN, confirmation, f"role:grant:{HOA.id}"))
    assert "đã là ban tổ chức" in bot.last(ADMIN).text
    assert await grants(bot) == [{"user": HOA.id, "role": "organiser"}]
    # Revoking asks the same way.
    reply = await bot.say(ADMIN, "/thuhoi @alice")
    assert reply is not None and "Thu hồi quyền" in reply.text and "Lê Thị Hoa" in reply.text
    assert (await roles(bot))[HOA.id] == ("alice", "organiser")
    await bot.press(ADMIN, f"role:revoke:{HOA.id}")
    assert (await roles(bot))[HOA.id] == ("alice", None)


@given(st.text(max_size=40) | st.from_regex(r"role:(grant|revoke|x):[0-9²³٣]{0,20}"))
def test_role_button_data_is_read_strictly(data: str) -> None:
    parsed = RoleChange.unpack(data)
    if parsed is not None:
        grant, telegram_id = parsed.grant, parsed.telegram_id
        assert data == f"role:{'grant' if grant else 'revoke'}:{telegram_id}"
        assert 0 < telegram_id < 10**16


async def test_migration_makes_usernames_lower_case_and_keeps_the_newest_holder(
    tmp_path: Path, database_url: str
) -> None:
    engine = create_engine(database_url)
    insert = text(
        "INSERT INTO users (telegram_id, chat_id, username, is_active, reminders_enabled,"
        " created_at, updated_at) VALUES (:tid, :tid, :name, true, true, :at, :at)"
    ).bindparams(bindparam("at", type_=UTCDateTime()))
    async with engine.begin() as conn:
        await conn.run_sync(lambda sync: command.upgrade(alembic_config(sync), "0005"))
        for tid, name, day in ((1, "Alice", 1), (2, "alice", 5), (3, "Bob", 2)):
            await conn.execute(insert, {"tid": tid, "name": name, "at": vn(2023, 10, day)})
        await conn.run_sync(lambda sync: command.upgrade(alembic_config(sync), "head"))
        rows = await conn.execute(text("SELECT telegram_id, username FROM users ORDER BY 1"))
        assert [tuple(r) for r in rows] == [(1, None), (2, "alice"), (3, "bob")]
    await engine.dispose()
