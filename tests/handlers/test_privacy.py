"""Erasure that erases (every table, every column), the inbox's retention period, /privacy.

Finding 1 of issue 11, as it was found: after /xoadulieu the inbox still held every raw
update of the person, and audit_log, broadcasts (author and text), group_chats.subscribed_by
and the unit they typed remained. Updates here go through the inbox, as in production.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select

from bot.context import Deps, deps_of
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_updates import FakeUser
from bot.services import retention
from bot.transport.inbox_worker import worker_of
from db.models import AuditEntry, Base, Broadcast, Checkin, InboxUpdate, Outbox, User
from db.queries import broadcasts, inbox
from db.queries.privacy import ERASED_ID, Identity
from tests.conftest import ADMIN, BINH, Harness, vn

# Someone whose every trace is easy to spot: an id no counter reaches, words used nowhere else.
VAN = FakeUser(7_123_456_789, "Vân Anh", "vi", "vananh_hocvien")
FULL_NAME = "Đinh Thị Vân Anh"
UNIT = "Phòng Khảo thí Riêng Biệt"
NOTE = "ôn tập đề án kỹ năng số bí mật"
NEEDLES = [FULL_NAME, VAN.username or "", UNIT, NOTE, VAN.first_name]
GROUP = -100_555
# Someone else's text naming her: theirs, so erasure leaves it as written.
ADMINS_WORDS = f"Chúc mừng {FULL_NAME} đã hoàn thành khóa học"


@dataclass
class ViaInbox(Harness):
    """Every update is stored in the inbox first and handled from it, as the bot runs."""

    async def feed(self, payload: dict[str, Any]) -> None:
        deps = deps_of(self.app)
        async with deps.sessions() as session, session.begin():
            await inbox.store(session, [payload], deps.clock.now())
        await worker_of(self.app).drain()


def via_inbox(bot: Harness) -> ViaInbox:
    return ViaInbox(bot.app, bot.telegram, bot.factory, bot.clock)


async def traces(
    bot: Harness, needles: list[str], number: int, others: frozenset[str] = frozenset()
) -> list[str]:
    """Every table.column, in every row, holding `number` or one of `needles` (in any form);
    `others` are values someone else wrote, which erasure must leave as they are."""
    digits = re.compile(rf"(?<!\d){number}(?!\d)")
    found: set[str] = set()
    async with deps_of(bot.app).engine.connect() as conn:
        tables = set(await conn.run_sync(lambda sync: inspect(sync).get_table_names()))
        # No table the models do not know of (it would escape this search).
        assert tables - {"alembic_version"} == set(Base.metadata.tables)
        for table in Base.metadata.sorted_tables:
            for row in (await conn.execute(select(table))).mappings():
                for column, value in row.items():
                    text = (
                        value
                        if isinstance(value, str)
                        else json.dumps(value, ensure_ascii=False, default=str)
                    )
                    folded = text.casefold()
                    if isinstance(value, str) and value in others:
                        continue
                    if (
                        value == number
                        or digits.search(text)
                        or any(n.casefold() in folded for n in needles)
                    ):
                        found.add(f"{table.name}.{column}")
    return sorted(found)


async def scalar(bot: Harness, query: Any) -> Any:
    async with deps_of(bot.app).sessions() as session:
        return await session.scalar(query)


async def broadcast(bot: Harness, author: FakeUser, text: str) -> int:
    await bot.say(author, "/thongbao")
    await bot.say(author, text)
    broadcast_id = int(await scalar(bot, select(func.max(Broadcast.id))))
    await bot.press(author, f"bc:aud:{broadcast_id}:all")
    await bot.press(author, f"bc:send:{broadcast_id}")
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    return broadcast_id


async def a_busy_week(bot: ViaInbox) -> int:
    """Vân Anh registers in a unit of her own, checks in with a note, becomes an organiser,
    subscribes a group, broadcasts (her name in the text), leaves a draft, receives reminders
    and an admin's broadcast that names her; Bình asks the bot about her. Returns her
    broadcast's id."""
    bot.clock.set(vn(2023, 10, 2, 7, 0))
    await bot.say(VAN, f"/hoso {FULL_NAME} | {UNIT}")
    await bot.agree(VAN)
    await bot.say(BINH, "/hoso Trần Thị Bình | Phòng Tổng hợp")
    await bot.agree(BINH)
    await bot.say(VAN, f"/diemdanh 45 {NOTE}")
    await bot.say(BINH, "/diemdanh 30 đọc sách")
    await bot.say(ADMIN, f"/grant @{VAN.username}")
    await bot.press(ADMIN, f"role:grant:{VAN.id}")
    await bot.say(ADMIN, f"/grant {BINH.id}")
    await bot.press(ADMIN, f"role:grant:{BINH.id}")
    await bot.feed(bot.factory.message(VAN, "/nhacnho bat", chat_id=GROUP, kind="group"))
    own = await broadcast(bot, VAN, f"{FULL_NAME} nhắc cả {UNIT}: họp lúc 14:00")
    await bot.say(VAN, "/thongbao")
    await bot.say(VAN, f"Bản nháp của {FULL_NAME}")
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))  # the opening-day reminder is due
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    await broadcast(bot, ADMIN, ADMINS_WORDS)
    await bot.say(BINH, f"{FULL_NAME} ở phòng nào vậy")
    await bot.say(ADMIN, "/export csv")
    return own


async def test_erasure_leaves_no_trace_in_any_table(bot: Harness) -> None:
    bot = via_inbox(bot)
    own = await a_busy_week(bot)
    before = await traces(bot, NEEDLES, VAN.id)
    # The search finds her where the audit found her (so it can fail).
    for place in (
        "inbox.payload",
        "audit_log.actor_id",
        "audit_log.params",
        "broadcasts.created_by",
        "broadcasts.text_html",
        "group_chats.subscribed_by",
        "units.name",
        "users.full_name",
        "checkins.note",
        "outbox.chat_id",
    ):
        assert place in before, before
    async with deps_of(bot.app).sessions() as session:
        tally = await broadcasts.tally(session, own)
        audit_actions = sorted(await session.scalars(select(AuditEntry.action)))
        outbox_rows = await session.scalar(select(func.count(Outbox.id)))

    await bot.say(VAN, "/xoadulieu")
    reply = await bot.press(VAN, "del:yes")
    assert reply is not None and "Đã xóa hồ sơ" in reply.text

    assert await traces(bot, NEEDLES, VAN.id, frozenset({ADMINS_WORDS})) == []
    # What does not identify her stays: figures, the audit trail's shape, Bình's data, and
    # what others wrote (the admin's broadcast is the admin's words).
    async with deps_of(bot.app).sessions() as session:
        info = await broadcasts.get(session, own)
        assert info is not None and info.created_by == ERASED_ID and info.status == "done"
        assert info.content.text_html == "[erased]"  # her words, about anything: all go
        texts = set(await session.scalars(select(Broadcast.text_html)))
        assert texts == {"[erased]", ADMINS_WORDS}
        assert await broadcasts.tally(session, own) == tally
        assert sorted(await session.scalars(select(AuditEntry.action))) == sorted(
            [*audit_actions, "erasure"]
        )
        grants = await session.scalars(
            select(AuditEntry.params).where(AuditEntry.action == "grant").order_by(AuditEntry.id)
        )
        assert list(grants) == [
            {"user": ERASED_ID, "role": "organiser"},
            {"user": BINH.id, "role": "organiser"},
        ]
        # Her own outbox rows stay as anonymous figures; only the unsent draft is gone.
        assert await session.scalar(select(func.count(Outbox.id))) == outbox_rows
        assert await session.scalar(select(func.count(Broadcast.id))) == 2
        assert [u.full_name for u in await session.scalars(select(User))] == ["Trần Thị Bình"]
        assert await session.scalar(select(func.count(Checkin.id))) == 1
    audit = await bot.say(ADMIN, "/audit")
    assert audit is not None and "người dùng đã xóa dữ liệu" in audit.text


async def test_erasing_someone_unregistered_purges_their_raw_updates(bot: Harness) -> None:
    bot = via_inbox(bot)
    await bot.say(VAN, f"tôi là {FULL_NAME}, chủ đề năm nay là gì")
    assert await traces(bot, NEEDLES, VAN.id) == ["inbox.chat_id", "inbox.payload"]
    reply = await bot.say(VAN, "/xoadulieu")
    assert reply is not None and "không lưu hồ sơ nào" in reply.text
    assert await traces(bot, NEEDLES, VAN.id) == []


async def purge_once(deps: Deps) -> int:
    """One run of the hourly retention job, as bot/app.py schedules it."""
    days = deps.settings.inbox_retention_days
    return await retention.purge(deps.sessions, deps.clock.now(), days)


async def test_handled_raw_updates_are_purged_after_the_retention_period(bot: Harness) -> None:
    bot = via_inbox(bot)
    deps = deps_of(bot.app)
    assert deps.settings.inbox_retention_days == 7
    bot.clock.set(vn(2023, 10, 2, 9, 0))
    await bot.say(BINH, "chủ đề năm nay là gì")
    bot.clock.set(vn(2023, 10, 5, 9, 0))
    await bot.say(BINH, "lễ khai mạc khi nào")
    # One update stored but never handled (the bot stopped): never purged, however old.
    waiting = bot.factory.message(BINH, "còn chờ xử lý")
    async with deps.sessions() as session, session.begin():
        await inbox.store(session, [waiting], deps.clock.now())
    bot.clock.set(vn(2023, 10, 9, 8, 59))  # 6 days 23:59 after the first
    assert await purge_once(deps) == 0
    bot.clock.set(vn(2023, 10, 9, 9, 1))
    assert await purge_once(deps) == 1
    bot.clock.set(vn(2023, 10, 12, 9, 1))
    assert await purge_once(deps) == 1
    left = await scalar(bot, select(InboxUpdate.update_id))
    assert left == waiting["update_id"]
    job = bot.app.job_queue.get_jobs_by_name("inbox_retention") if bot.app.job_queue else ()
    assert len(job) == 1  # and it runs by itself, every hour


async def test_privacy_says_what_is_kept_and_withdrawing_consent_erases(bot: Harness) -> None:
    bot = via_inbox(bot)
    await bot.say(VAN, f"/hoso {FULL_NAME} | {UNIT}")
    await bot.agree(VAN)
    reply = await bot.say(VAN, "/baomat")
    assert reply is not None
    for fact in (
        "giữ 7 ngày",
        "Nhật ký thao tác",
        "được ẩn danh",
        "chỉ quản trị viên",
        "đã đồng ý ngày 03/10/2023",
        "91/2025/QH15",
        "/xoadulieu",
    ):
        assert fact in reply.text
    reply = await bot.press(VAN, "del:ask")
    assert reply is not None and "không hoàn tác" in reply.text
    await bot.press(VAN, "del:yes")
    assert await traces(bot, NEEDLES, VAN.id) == []


IDENTITY = Identity.of({7_123_456_789}, ["vananh_hocvien"], FULL_NAME)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | st.sampled_from([7_123_456_789, FULL_NAME, "Học tập", "@VanAnh_HocVien ơi"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["user", "role", "id", "text", "n"]), inner, max_size=4)
    ),
    max_leaves=12,
)


AUDIT_VALUES = st.integers() | st.text(max_size=8) | st.sampled_from([7_123_456_789, FULL_NAME])


@given(st.dictionaries(st.sampled_from(["user", "broadcast", "title", "n"]), AUDIT_VALUES))
def test_audit_scrubbing_changes_only_the_person_under_person_keys(params: Any) -> None:
    scrubbed = IDENTITY.scrub_audit(params)
    assert scrubbed.keys() == params.keys()
    for key, value in params.items():
        if key == "user" and value == 7_123_456_789:
            assert scrubbed[key] == ERASED_ID
        else:
            assert scrubbed[key] == value  # nobody else's words or figures change


@given(json_values)
def test_a_raw_update_is_hers_only_by_her_id_username_or_whole_name(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False)
    if IDENTITY.in_raw_update(value):
        assert "7123456789" in text or FULL_NAME in text or "vananh_hocvien" in text.casefold()
    assert IDENTITY.in_raw_update({"message": {"from": {"id": 7_123_456_789}, "text": value}})


def test_a_common_word_is_not_a_mention() -> None:
    hoc = Identity.of({1}, [None], "Học")
    assert not hoc.in_raw_update({"text": "mời mọi người học tập", "message_id": 1})
    assert not hoc.in_raw_update({"text": "Họcsinh"})
    assert hoc.in_raw_update({"from": {"id": 1}})
