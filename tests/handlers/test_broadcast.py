"""Roles that hold on every command and button, and broadcasts end to end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.context import deps_of
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_updates import FakeUser
from bot.ui.texts.vi import Vi
from db.models import AuditEntry, Broadcast, Outbox, User
from db.queries import broadcasts
from tests.conftest import ADMIN, AN, BINH, Harness, Restartable, vn

ORG = FakeUser(2001, "Tổ chức", "vi", "to_chuc")
EX = FakeUser(2002, "Cựu tổ chức", "vi", "cuu_to_chuc")
OFFICIAL = FakeUser(2003, "Cán bộ", "vi")


async def staff(bot: Harness) -> None:
    """ORG is an organiser; EX was one and has been revoked; ADMIN is in ADMIN_IDS.

    The clock is set outside the week so that no reminder mixes with the broadcasts.
    """
    bot.clock.set(vn(2023, 11, 15, 9, 0))
    for user in (ORG, EX, OFFICIAL, ADMIN):
        await bot.register(user)
    await bot.say(ADMIN, "/capquyen @to_chuc organiser")
    await bot.press(ADMIN, f"role:grant:{ORG.id}")
    await bot.say(ADMIN, "/grant 2002")
    await bot.press(ADMIN, f"role:grant:{EX.id}")
    await bot.say(ADMIN, "/thuhoi @cuu_to_chuc")
    await bot.press(ADMIN, f"role:revoke:{EX.id}")


async def count(bot: Harness, model) -> int:  # type: ignore[no-untyped-def]
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def draft(bot: Harness, author: FakeUser = ORG, text: str = "Họp giao ban") -> int:
    await bot.say(author, "/thongbao")
    await bot.say(author, text)
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(select(func.max(Broadcast.id))) or 0)


COMMANDS = [
    ("/grant @cuu_to_chuc", "admin"),
    ("/capquyen 2003 organiser", "admin"),
    ("/revoke @to_chuc", "admin"),
    ("/roles", "admin"),
    ("/audit", "admin"),
    ("/broadcast", "organiser"),
    ("/thongbao", "organiser"),
    ("/broadcasts", "organiser"),
    ("/schedule", "organiser"),
    ("/lichnhac", "organiser"),
]
WHO = {"official": OFFICIAL, "revoked": EX, "organiser": ORG, "admin": ADMIN}
ALLOWED = {"admin": {"admin"}, "organiser": {"organiser", "admin"}}


@pytest.mark.parametrize("who", list(WHO))
@pytest.mark.parametrize(("command", "needs"), COMMANDS)
async def test_every_protected_command_checks_the_role(
    bot: Harness, command: str, needs: str, who: str
) -> None:
    await staff(bot)
    audit_rows = await count(bot, AuditEntry)
    reply = await bot.say(WHO[who], command)
    assert reply is not None
    refused = reply.text.startswith("Xin lỗi, chức năng này chỉ dành cho")
    assert refused == (who not in ALLOWED[needs]), reply.text
    if refused:  # naming the role the tool needs
        assert reply.text == (Vi.NOT_ALLOWED_ADMIN if needs == "admin" else Vi.NOT_ALLOWED)
    if refused:  # and nothing happened, nothing leaked
        assert await count(bot, AuditEntry) == audit_rows
        assert "Nguyễn" not in reply.text and "@" not in reply.text


BUTTONS = ["aud:{id}:all", "aud:{id}:unit", "send:{id}", "sched:{id}", "cancel:{id}", "stop:{id}"]


@pytest.mark.parametrize("who", list(WHO))
@pytest.mark.parametrize("button", BUTTONS)
async def test_every_broadcast_button_checks_the_role_at_press_time(
    bot: Harness, button: str, who: str
) -> None:
    await staff(bot)
    broadcast_id = await draft(bot)
    data = "bc:" + button.format(id=broadcast_id)
    # The button sits in the organiser's chat; whoever presses it is checked now.
    message = next(m for m in reversed(bot.telegram.sent(ORG.id)) if m.reply_markup)
    sends_before = len(bot.telegram.sent())
    await bot.feed(bot.factory.press(WHO[who], message, data))
    last = bot.telegram.calls[-1]
    async with deps_of(bot.app).sessions() as session:
        info = await broadcasts.get(session, broadcast_id)
    assert info is not None
    if who in ALLOWED["organiser"]:
        assert not (
            last.method == "answerCallbackQuery" and "ban tổ chức" in last.params.get("text", "")
        )
    else:
        assert last.method == "answerCallbackQuery"
        assert "chỉ dành cho ban tổ chức" in last.params["text"]
        assert (info.status, info.audience) == ("draft", None)
        assert len(bot.telegram.sent()) == sends_before


async def test_grant_and_revoke_take_effect_at_once(bot: Harness) -> None:
    await staff(bot)
    reply = await bot.say(ADMIN, "/roles")
    assert reply is not None and "Tổ chức Nguyễn (@to_chuc)" in reply.text
    assert "Cựu tổ chức" not in reply.text and "Quản trị Nguyễn (@quantri, mã 9001)" in reply.text
    reply = await bot.say(ADMIN, "/grant @nobody")
    assert reply is not None and "Không tìm thấy @nobody" in reply.text
    reply = await bot.say(ADMIN, "/revoke @quantri")
    assert reply is not None and "cấu hình của bot" in reply.text
    assert "ADMIN_IDS" not in reply.text
    reply = await bot.say(ADMIN, "/audit")
    assert reply is not None
    assert "cấp quyền ban tổ chức" in reply.text and "thu hồi quyền ban tổ chức" in reply.text


async def test_broadcast_to_everyone_with_preview_progress_and_report(bot: Harness) -> None:
    await staff(bot)
    for user in (AN, BINH):
        await bot.register(user)
    await bot.say(ORG, "/thongbao")
    await bot.feed(
        bot.factory.message(
            ORG,
            "Họp toàn Sở lúc 14:00 & mang <laptop>",
            extra={"entities": [{"type": "bold", "offset": 0, "length": 11}]},
        )
    )
    broadcast_id = await draft_id(bot)
    reply = await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
    assert reply is not None and "— <b>6</b> người nhận" in reply.text
    preview = bot.telegram.sent(ORG.id)[-2].text
    assert preview == "<b>Họp toàn Sở</b> lúc 14:00 &amp; mang &lt;laptop&gt;"
    await bot.press(ORG, f"bc:send:{broadcast_id}")
    report = await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert report.sent == 6
    for user in (AN, BINH, OFFICIAL, EX, ADMIN):
        assert bot.telegram.sent(user.id)[-1].text == preview
    # The confirm message was edited into the progress message, then the final report.
    progress = next(m for m in bot.telegram.sent(ORG.id) if "thông báo #" in m.text)
    assert progress.edits >= 2
    assert "Kết thúc thông báo #" in progress.text and "Đã gửi 6/6" in progress.text
    assert progress.reply_markup is None
    listing = await bot.say(ORG, "/broadcasts")
    assert listing is not None and "đã xong" in listing.text and "đã gửi 6/6" in listing.text


async def draft_id(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(select(func.max(Broadcast.id))) or 0)


async def test_audiences_on_a_seeded_database(bot: Harness) -> None:
    await staff(bot)
    await bot.register(AN, unit="Phòng A")
    await bot.register(BINH, unit="Phòng B")
    await bot.say(AN, "/diemdanh 30")  # An studied today
    bot.clock.advance(timedelta(hours=8))
    group = -100777
    await bot.feed(bot.factory.message(ORG, "/remind on", chat_id=group, kind="supergroup"))

    async def recipients(audience: str, unit: int | None = None) -> set[int]:
        from bot.services.audience import audience_of

        async with deps_of(bot.app).sessions() as session:
            info = await broadcasts.get(session, await draft(bot))
            assert info is not None
            await broadcasts.set_audience(session, info.id, audience, unit)
            await session.commit()
            info = await broadcasts.get(session, info.id)
            assert info is not None
            return {r.chat_id for r in await audience_of(session, deps_of(bot.app), info)}

    everyone = {ORG.id, EX.id, OFFICIAL.id, ADMIN.id, AN.id, BINH.id}
    assert await recipients("all") == everyone
    assert await recipients("today") == everyone - {AN.id}
    assert await recipients("week") == everyone - {AN.id}
    async with deps_of(bot.app).sessions() as session:
        unit_a = await session.scalar(select(User.unit_id).where(User.telegram_id == AN.id))
    assert await recipients("unit", unit_a) == {AN.id}
    assert await recipients("groups") == {group}


async def many(bot: Harness, n: int) -> list[FakeUser]:
    users = [FakeUser(30_000 + i, f"U{i}") for i in range(n)]
    for user in users:
        await bot.register(user)
    return users


async def sent_now(bot: Harness, broadcast_id: int) -> None:
    await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
    await bot.press(ORG, f"bc:send:{broadcast_id}")


async def outbox_rows(bot: Harness) -> list[Outbox]:
    async with deps_of(bot.app).sessions() as session:
        return list(await session.scalars(select(Outbox).where(Outbox.kind == "broadcast")))


async def test_photo_with_caption(bot: Harness) -> None:
    await staff(bot)
    await bot.say(ORG, "/broadcast")
    photo = [{"file_id": "AgACphoto123", "file_unique_id": "u1", "width": 800, "height": 600}]
    await bot.feed(bot.factory.message(ORG, extra={"photo": photo, "caption": "Lịch học <mới>"}))
    await sent_now(bot, await draft_id(bot))
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    received = bot.telegram.sent(OFFICIAL.id)[-1]
    assert received.media == ("photo", "AgACphoto123") and received.text == "Lịch học &lt;mới&gt;"


async def test_unsupported_and_too_long_content_is_refused(bot: Harness) -> None:
    await staff(bot)
    await bot.say(ORG, "/thongbao")
    await bot.feed(bot.factory.sticker(ORG))
    assert "Chỉ gửi được tin nhắn chữ, ảnh hoặc tệp" in bot.last(ORG).text
    reply = await bot.say(ORG, "x" * 4097)
    assert reply is not None and "4097 ký tự" in reply.text and "4096" in reply.text
    assert await count(bot, Broadcast) == 0


async def test_interrupted_broadcast_resumes_where_it_stopped(restartable: Restartable) -> None:
    clock, telegram = restartable.clock, restartable.telegram
    clock.set(vn(2023, 11, 15, 9, 0))
    async with restartable.started() as bot:
        await staff(bot)
        users = await many(bot, 40)
        await sent_now(bot, await draft(bot))
        first = await dispatch_once(deps_of(bot.app), bot.app.bot, max_rows=15)
    assert first.sent == 15
    clock.advance(timedelta(seconds=5))
    async with restartable.started() as bot:  # "after the restart"
        second = await dispatch_once(deps_of(bot.app), bot.app.bot)
        rows = await outbox_rows(bot)
    assert second.sent == 44 - 15  # 40 users + 4 staff
    assert all(sum("Họp giao ban" in m.text for m in telegram.sent(u.id)) == 1 for u in users)
    assert {r.status for r in rows} == {"sent"} and len(rows) == 44


async def test_stop_cancels_what_is_not_sent_yet(bot: Harness) -> None:
    await staff(bot)
    await many(bot, 20)
    broadcast_id = await draft(bot)
    await sent_now(bot, broadcast_id)
    await dispatch_once(deps_of(bot.app), bot.app.bot, max_rows=5)
    await bot.press(ORG, f"bc:stop:{broadcast_id}")
    stopped = next(m for m in bot.telegram.sent(ORG.id) if "Đã dừng thông báo" in m.text)
    assert "Đã gửi 5/24" in stopped.text and stopped.reply_markup is None
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    statuses = [r.status for r in await outbox_rows(bot)]
    assert statuses.count("sent") == 5 and statuses.count("cancelled") == 19
    async with deps_of(bot.app).sessions() as session:
        info = await broadcasts.get(session, broadcast_id)
        tally = await broadcasts.tally(session, broadcast_id)
    assert info is not None and info.status == "stopped" and tally.cancelled == 19


async def test_scheduled_broadcast_survives_a_restart_and_goes_out_once(
    restartable: Restartable,
) -> None:
    clock, telegram = restartable.clock, restartable.telegram
    clock.set(vn(2023, 11, 15, 9, 0))
    async with restartable.started() as bot:
        await staff(bot)
        broadcast_id = await draft(bot, text="Nhắc nộp báo cáo")
        await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
        await bot.press(ORG, f"bc:sched:{broadcast_id}")
        reply = await bot.say(ORG, "9:00 14/11")
        assert reply is not None and "đã qua" in reply.text
        reply = await bot.say(ORG, "20:00")
        assert (
            reply is not None
            and "Đã hẹn gửi thông báo" in reply.text
            and "15/11 20:00" in reply.text
        )
        clock.set(vn(2023, 11, 15, 19, 59))
        assert (await dispatch_once(deps_of(bot.app), bot.app.bot)).sent == 0
    for _ in range(2):  # two restarts after the time: still sent once
        clock.advance(timedelta(minutes=2))
        async with restartable.started() as bot:
            await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert sum("Nhắc nộp báo cáo" in m.text for m in telegram.sent(OFFICIAL.id)) == 1


async def test_cancel_a_scheduled_broadcast(bot: Harness) -> None:
    await staff(bot)
    broadcast_id = await draft(bot)
    await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
    await bot.press(ORG, f"bc:sched:{broadcast_id}")
    await bot.say(ORG, "20:00")
    reply = await bot.press(ORG, f"bc:cancel:{broadcast_id}")
    assert reply is not None and "Đã hủy thông báo" in reply.text
    bot.clock.set(vn(2023, 11, 15, 20, 1))
    assert (await dispatch_once(deps_of(bot.app), bot.app.bot)).sent == 0


async def test_blocked_recipients_are_counted_and_marked_inactive(bot: Harness) -> None:
    await staff(bot)
    users = await many(bot, 5)
    bot.telegram.blocked.update({users[0].id, users[1].id})
    broadcast_id = await draft(bot)
    await sent_now(bot, broadcast_id)
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    async with deps_of(bot.app).sessions() as session:
        tally = await broadcasts.tally(session, broadcast_id)
        inactive = set(
            await session.scalars(select(User.telegram_id).where(User.is_active.is_(False)))
        )
    assert (tally.sent, tally.blocked, tally.failed) == (7, 2, 0)
    assert inactive == {users[0].id, users[1].id}
    progress = next(m for m in bot.telegram.sent(ORG.id) if "thông báo #" in m.text)
    assert "đã chặn bot 2" in progress.text


async def test_retry_after_from_telegram_is_waited_out(bot: Harness) -> None:
    await staff(bot)
    broadcast_id = await draft(bot)
    await sent_now(bot, broadcast_id)
    bot.telegram.fail_next(
        "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=OFFICIAL.id
    )
    report = await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert report.sent == 4 and report.failed == 0
    assert sum("Họp giao ban" in m.text for m in bot.telegram.sent(OFFICIAL.id)) == 1
