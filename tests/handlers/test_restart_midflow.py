"""Issue 13, defect 20: a restart in the middle of a conversation lost its state, and the
next text was answered as a question. Conversation states and the flows' drafts are kept in
the database (bot/transport/persistence.py): each step below runs on a freshly started bot."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.context import deps_of
from db.models import ConversationState
from tests.conftest import ADMIN, AN, EMMA, Harness, Restartable


async def saved_rows(bot: Harness) -> list[ConversationState]:
    async with deps_of(bot.app).sessions() as session:
        return list(await session.scalars(select(ConversationState)))


async def test_checkin_detour_through_registration_survives_a_restart_at_every_step(
    restartable: Restartable,
) -> None:
    async with restartable.started() as bot:
        reply = await bot.say(AN, "/diemdanh")
        assert reply is not None and "Để điểm danh, bạn cần đăng ký hồ sơ" in reply.text
    async with restartable.started() as bot:
        await bot.agree(AN)
        assert "họ và tên" in bot.last(AN).text
    async with restartable.started() as bot:
        reply = await bot.say(AN, "Nguyễn Văn An")
        assert reply is not None and reply.text.startswith("Cảm ơn Nguyễn Văn An")
    async with restartable.started() as bot:
        await bot.say(AN, "Phòng Tổng hợp")
        # The profile is saved with the consent given before the restart, and the check-in
        # it was a detour for goes on.
        assert "Đã lưu hồ sơ" in bot.texts(AN)[-2]
        assert "Hôm nay bạn đã tự học bao lâu?" in bot.last(AN).text
    async with restartable.started() as bot:
        reply = await bot.say(AN, "45p")
        assert reply is not None and reply.text.startswith("Trong 45 phút đó, bạn đã học gì?")
    async with restartable.started() as bot:
        reply = await bot.press(AN, "act:reading")
        assert reply is not None and "ghi chú ngắn" in reply.text
    async with restartable.started() as bot:
        reply = await bot.say(AN, "Đọc giáo trình quản lý")
        assert reply is not None and "Đã ghi nhận điểm danh tự học" in reply.text
        assert await bot.checkin_count() == 1
        assert await saved_rows(bot) == []  # the flow is over: nothing of it is kept


async def test_english_registration_continues_after_a_restart(restartable: Restartable) -> None:
    async with restartable.started() as bot:
        await bot.say(EMMA, "/profile")
        await bot.agree(EMMA)
        assert "full name" in bot.last(EMMA).text
    async with restartable.started() as bot:
        reply = await bot.say(EMMA, "Emma Watson")
        assert reply is not None and reply.text.startswith("Thank you, Emma Watson.")


async def test_duration_step_survives_a_restart(restartable: Restartable) -> None:
    async with restartable.started() as bot:
        await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")
        reply = await bot.say(AN, "/diemdanh")
        assert reply is not None and "Hôm nay bạn đã tự học bao lâu?" in reply.text
    async with restartable.started() as bot:
        reply = await bot.say(AN, "1 tiếng rưỡi")
        assert reply is not None and reply.text.startswith("Trong 1 giờ 30 phút đó")


async def test_broadcast_compose_and_schedule_steps_survive_a_restart(
    restartable: Restartable,
) -> None:
    restartable.clock.set(restartable.clock.now().replace(hour=9))
    async with restartable.started() as bot:
        await bot.register(AN, "Nguyễn Văn An", "Phòng Quản lý Khoa học")  # someone to send it to
        reply = await bot.say(ADMIN, "/thongbao")
        assert reply is not None and "Soạn thông báo" in reply.text
    async with restartable.started() as bot:
        reply = await bot.say(ADMIN, "Chiều nay họp toàn thể lúc 14:00")
        assert reply is not None and reply.text == "Gửi thông báo này cho ai?"
        markup = str(reply.reply_markup)
        broadcast_id = int(markup.split("bc:aud:")[1].split(":")[0])
        await bot.press(ADMIN, f"bc:aud:{broadcast_id}:all")
        reply = await bot.press(ADMIN, f"bc:sched:{broadcast_id}")
        assert reply is not None and "Nhập thời điểm gửi" in reply.text
    async with restartable.started() as bot:
        reply = await bot.say(ADMIN, "20:00")
        assert reply is not None and f"Đã hẹn gửi thông báo #{broadcast_id}" in reply.text


async def test_a_step_older_than_the_timeout_is_not_picked_up(restartable: Restartable) -> None:
    async with restartable.started() as bot:
        await bot.say(AN, "/profile")
        await bot.agree(AN)
        assert len(await saved_rows(bot)) == 2  # the step and the draft (the consent)
    restartable.clock.advance(timedelta(minutes=16))
    async with restartable.started() as bot:
        assert await saved_rows(bot) == []  # purged, with the consent given in it
        reply = await bot.say(AN, "chủ đề năm nay là gì")
        assert reply is not None and "Cảm ơn" not in reply.text  # answered as a question


async def test_a_restored_step_ends_when_its_timeout_passes(restartable: Restartable) -> None:
    async with restartable.started() as bot:
        await bot.say(AN, "/profile")
        await bot.agree(AN)
    restartable.clock.advance(timedelta(minutes=10))
    async with restartable.started() as bot:
        # PTB's timeout job died with the first process: the restored step ends when the
        # next update finds it older than the timeout.
        restartable.clock.advance(timedelta(minutes=6))
        reply = await bot.say(AN, "chủ đề năm nay là gì")
        assert reply is not None and "Cảm ơn" not in reply.text
        assert await saved_rows(bot) == []  # its draft with it


async def test_erasure_removes_the_open_flow(restartable: Restartable) -> None:
    async with restartable.started() as bot:
        await bot.say(AN, "/profile")
        await bot.agree(AN)
        await bot.say(AN, "Nguyễn Văn An")
        assert {r.user_id for r in await saved_rows(bot)} == {AN.id}
        await bot.say(AN, "/xoadulieu")
        assert await saved_rows(bot) == []
    async with restartable.started() as bot:
        reply = await bot.say(AN, "Phòng Tổng hợp")
        assert reply is not None and "Đã lưu hồ sơ" not in reply.text
