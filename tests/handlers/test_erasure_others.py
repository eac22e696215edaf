"""Erasing one person leaves other people's records as they wrote them.

Found by the tester: A registers `/hoso Học | Học tập` and agrees; organiser B broadcasts
"Tuần lễ hưởng ứng học tập suốt đời: mời mọi người học tập!"; A erases their data, and B's
broadcast was stored as "Tuần lễ hưởng ứng [erased] suốt đời: mời mọi người [erased]!".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.context import deps_of
from db.models import AuditEntry, Broadcast, GroupChat, InboxUpdate, Unit, User
from tests.conftest import ADMIN, AN, BINH, Harness
from tests.handlers.test_privacy import broadcast, scalar, via_inbox


async def trail(bot: Harness) -> list[tuple[int, str, dict[str, Any]]]:
    async with deps_of(bot.app).sessions() as session:
        entries = await session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.actor_id, e.action, e.params) for e in entries]


B_WORDS = "Tuần lễ hưởng ứng học tập suốt đời: mời mọi người học tập!"


async def test_erasing_a_person_named_like_a_common_word_changes_no_one_elses_text(
    bot: Harness,
) -> None:
    bot = via_inbox(bot)
    await bot.say(AN, "/hoso Học | Học tập")
    await bot.agree(AN)
    await bot.say(BINH, "/hoso Trần Thị Bình | Phòng Tổng hợp")
    await bot.agree(BINH)
    await bot.say(ADMIN, f"/grant {BINH.id}")
    await bot.press(ADMIN, f"role:grant:{BINH.id}")
    group = bot.factory.message(BINH, "/nhacnho bat", chat_id=-100_777, kind="group")
    group["message"]["chat"]["title"] = "CLB Học tập"
    await bot.feed(group)
    own = await broadcast(bot, BINH, B_WORDS)
    audit_before = await trail(bot)

    await bot.say(AN, "/xoadulieu")
    reply = await bot.press(AN, "del:yes")
    assert reply is not None and "Đã xóa hồ sơ" in reply.text

    assert await scalar(bot, select(Broadcast.text_html).where(Broadcast.id == own)) == B_WORDS
    assert await scalar(bot, select(GroupChat.title)) == "CLB Học tập"
    async with deps_of(bot.app).sessions() as session:
        audit_after = await trail(bot)
        assert audit_after[:-1] == audit_before and audit_after[-1][1] == "erasure"
        assert list(await session.scalars(select(User.full_name))) == ["Trần Thị Bình"]
        assert list(await session.scalars(select(Unit.name))) == ["Phòng Tổng hợp"]
        # Her raw updates are gone (from her chat); the organiser's stay until retention.
        chats = set(await session.scalars(select(InboxUpdate.chat_id)))
        assert AN.id not in chats and BINH.id in chats
    # Bình's record reads as Bình wrote it.
    reply = await bot.say(BINH, "/thongbao list")
    assert reply is not None and "[erased]" not in reply.text
