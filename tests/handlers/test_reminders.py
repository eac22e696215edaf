"""Reminders: schedule, planning, at-most-once delivery, restarts, lateness, Telegram errors."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.cli import figures_json
from bot.context import deps_of
from bot.core.editions import load_editions
from bot.core.schedule import expand, load_reminder_data, specs_for
from bot.delivery.outbox_sender import Report, dispatch_once, plan
from bot.offline.fake_updates import FakeUser
from bot.services.reminders import delivery_figures
from db.models import Outbox, User
from db.queries.outbox import claim, hand_over
from db.queries.users import set_role
from tests.conftest import AN, BINH, EMMA, VN, Harness, Restartable, vn

CHI = FakeUser(1004, "Chi", "vi")


async def tick(bot: Harness) -> Report:
    return await dispatch_once(deps_of(bot.app), bot.app.bot)


async def outbox(bot: Harness) -> list[Outbox]:
    async with deps_of(bot.app).sessions() as session:
        return list(await session.scalars(select(Outbox).order_by(Outbox.id)))


def received(bot: Harness, user: FakeUser, marker: str) -> int:
    return sum(marker in text for text in bot.texts(user))


EXPECTED_2023 = [
    ("eve@2023-10-01", vn(2023, 10, 1, 16, 0)),
    ("opening@2023-10-02", vn(2023, 10, 2, 7, 30)),
    *[(f"morning@2023-10-0{d}", vn(2023, 10, d, 8, 0)) for d in range(2, 9)],
    *[(f"nudge@2023-10-0{d}", vn(2023, 10, d, 20, 0)) for d in range(2, 9)],
    ("summary@2023-10-08", vn(2023, 10, 8, 20, 30)),
    # The closing messages, the morning after.
    ("week_figures@2023-10-09", vn(2023, 10, 9, 7, 30)),
    ("week_report@2023-10-09", vn(2023, 10, 9, 7, 31)),
    ("week_honours@2023-10-09", vn(2023, 10, 9, 7, 32)),
    ("certificate@2023-10-09", vn(2023, 10, 9, 8, 0)),
]


@pytest.mark.parametrize("host_tz", ["Asia/Ho_Chi_Minh", "UTC", "America/New_York"])
def test_default_schedule_for_2023(monkeypatch: pytest.MonkeyPatch, host_tz: str) -> None:
    monkeypatch.setenv("TZ", host_tz)
    time.tzset()
    try:
        edition = load_editions().get(2023)
        assert edition is not None
        items = expand(edition, specs_for(edition, load_reminder_data()), VN)
        assert sorted((i.key, i.due) for i in items) == sorted(EXPECTED_2023)
        assert all(i.due.utcoffset() == timedelta(hours=7) for i in items)
        assert {i.key: i.day_number for i in items}["morning@2023-10-05"] == 4
    finally:
        monkeypatch.undo()
        time.tzset()


async def test_rehearsal_sends_the_eve_message_within_a_minute_once(bot: Harness) -> None:
    for user in (AN, BINH):
        await bot.register(user)
    bot.clock.set(datetime.fromisoformat("2023-10-01T15:59:30+07:00"))
    assert (await tick(bot)).sent == 0
    bot.clock.advance(timedelta(seconds=31))
    report = await tick(bot)
    assert report.sent == 2
    assert received(bot, AN, "Ngày mai khai mạc") == 1
    assert "Xây dựng năng lực tự học trong kỷ nguyên số" in bot.last(AN).text
    await tick(bot)
    assert received(bot, AN, "Ngày mai khai mạc") == 1


async def test_nudge_reaches_exactly_those_without_a_checkin(bot: Harness) -> None:
    for user in (AN, BINH, CHI):
        await bot.register(user)
    bot.clock.set(vn(2023, 10, 3, 12, 0))
    await bot.say(AN, "/diemdanh 30 đọc sách")
    await bot.say(BINH, "/remind off")
    bot.clock.set(vn(2023, 10, 3, 20, 0, 5))
    await tick(bot)
    nudged = {r.chat_id for r in await outbox(bot) if r.key == "nudge@2023-10-03"}
    assert nudged == {CHI.id}
    assert received(bot, CHI, "chưa điểm danh") == 1 and received(bot, AN, "chưa điểm danh") == 0
    button = bot.last(CHI).reply_markup["inline_keyboard"][0][0]
    assert button["callback_data"] == "menu:checkin"
    reply = await bot.press(CHI, "menu:checkin")
    assert reply is not None and "bao lâu" in reply.text


async def test_morning_message_has_the_day_and_suggestion_in_each_language(bot: Harness) -> None:
    for user in (AN, EMMA):
        await bot.register(user)
    bot.clock.set(vn(2023, 10, 4, 8, 0, 1))
    await tick(bot)
    assert "Ngày 3/7 của Tuần lễ" in bot.last(AN).text
    assert "Day 3/7 of the week" in bot.last(EMMA).text


async def test_two_dispatchers_at_once_send_each_message_once(bot: Harness) -> None:
    users = [FakeUser(7000 + i, f"U{i}") for i in range(30)]
    for user in users:
        await bot.register(user)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 10))
    reports = await asyncio.gather(tick(bot), tick(bot), tick(bot))
    assert sum(r.sent for r in reports) == 30
    assert all(received(bot, u, "Hôm nay khai mạc") == 1 for u in users)


async def test_late_rule_two_hours(bot: Harness) -> None:
    await bot.register(AN)
    bot.clock.set(vn(2023, 10, 3, 9, 59))  # morning@10-03 is 1 h 59 late: still sent
    await tick(bot)
    rows = {r.key: r.status for r in await outbox(bot)}
    assert rows["morning@2023-10-03"] == "sent"
    assert rows["morning@2023-10-02"] == "skipped_late" and rows["eve@2023-10-01"] == "skipped_late"
    assert received(bot, AN, "Ngày 1/7") == 0


async def test_a_row_in_flight_when_the_process_died_is_unknown_not_resent(bot: Harness) -> None:
    await bot.register(AN)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))
    await plan(deps_of(bot.app), bot.clock.now(), timedelta(hours=2))
    async with deps_of(bot.app).sessions() as session, session.begin():
        claimed = await claim(session, bot.clock.now(), "dead-process", 10)
        # Its request had left: whether it arrived is unknown.
        await hand_over(session, [c.id for c in claimed], "dead-process", bot.clock.now())
    assert [c.key for c in claimed] == ["opening@2023-10-02"]
    bot.clock.advance(timedelta(minutes=5))  # the claiming process "died"
    report = await tick(bot)
    assert report.unknown == 1 and report.sent == 0
    assert received(bot, AN, "khai mạc") == 0
    figures = {f.key: f for f in await delivery_figures(deps_of(bot.app).sessions)}
    assert figures["opening@2023-10-02"].unknown == 1


async def test_blocked_user_is_marked_inactive_and_not_retried(bot: Harness) -> None:
    for user in (AN, BINH):
        await bot.register(user)
    bot.telegram.blocked.add(AN.id)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))
    report = await tick(bot)
    assert (report.sent, report.failed) == (1, 1)
    async with deps_of(bot.app).sessions() as session:
        an = await session.scalar(select(User).where(User.telegram_id == AN.id))
    assert an is not None and an.is_active is False
    bot.clock.set(vn(2023, 10, 2, 8, 0, 5))
    await tick(bot)
    assert {r.chat_id for r in await outbox(bot) if r.key == "morning@2023-10-02"} == {BINH.id}


class StubBot:
    """Raises the given errors in turn, then succeeds (for errors the fake cannot time)."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.sent: list[int] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> Any:
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(chat_id)
        return type("Msg", (), {"message_id": len(self.sent)})()


async def test_retry_after_requeues_the_row_for_the_time_asked(bot: Harness) -> None:
    for user in (AN, BINH):
        await bot.register(user)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))
    stub = StubBot(RetryAfter(timedelta(seconds=30)))
    report = await dispatch_once(deps_of(bot.app), stub)  # type: ignore[arg-type]
    assert report.paused and report.retried == 1 and len(stub.sent) == 1
    [waiting] = [
        r for r in await outbox(bot) if r.key.startswith("opening") and r.status == "pending"
    ]
    bot.clock.advance(timedelta(seconds=10))
    await dispatch_once(deps_of(bot.app), stub)  # type: ignore[arg-type]
    assert len(stub.sent) == 1  # not before the 30 s Telegram asked for
    bot.clock.advance(timedelta(seconds=30))
    await dispatch_once(deps_of(bot.app), stub)  # type: ignore[arg-type]
    assert sorted(stub.sent) == sorted([AN.id, BINH.id]) and waiting.chat_id in stub.sent


async def test_network_errors_are_retried_a_bounded_number_of_times(bot: Harness) -> None:
    await bot.register(AN)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))
    stub = StubBot(*(NetworkError("connection reset") for _ in range(5)))
    for _ in range(5):
        await dispatch_once(deps_of(bot.app), stub)  # type: ignore[arg-type]
        bot.clock.advance(timedelta(minutes=2))
    [row] = [r for r in await outbox(bot) if r.key.startswith("opening")]
    assert (row.status, row.attempts) == ("failed", 3) and "connection reset" in (row.error or "")


async def test_timeout_counts_as_unknown_and_is_not_resent(bot: Harness) -> None:
    await bot.register(AN)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))
    stub = StubBot(TimedOut("read timeout"))
    await dispatch_once(deps_of(bot.app), stub)  # type: ignore[arg-type]
    await dispatch_once(deps_of(bot.app), stub)  # type: ignore[arg-type]
    assert stub.sent == []
    assert [r.status for r in await outbox(bot) if r.key.startswith("opening")] == ["unknown"]


async def test_restart_mid_week_resumes_without_repeats(restartable: Restartable) -> None:
    clock = restartable.clock
    clock.set(vn(2023, 10, 3, 8, 0, 10))
    for attempt in range(2):
        async with restartable.started() as harness:
            if attempt == 0:
                await harness.register(AN)
            await tick(harness)
        clock.advance(timedelta(seconds=30))
    assert received(harness, AN, "Ngày 2/7") == 1
    clock.set(vn(2023, 10, 3, 20, 0, 10))
    async with restartable.started() as harness:
        await tick(harness)
    assert received(harness, AN, "chưa điểm danh") == 1


async def test_summary_on_the_last_evening(bot: Harness) -> None:
    await bot.register(AN)
    for day in (6, 7, 8):
        bot.clock.set(vn(2023, 10, day, 12, 0))
        await bot.say(AN, "/diemdanh 40")
    bot.clock.set(vn(2023, 10, 8, 20, 30, 5))
    await tick(bot)
    text = bot.last(AN).text
    assert "Tổng kết tuần học tập" in text and "2 giờ" in text
    assert "<b>3/7</b>" in text and "Chuỗi ngày liên tiếp dài nhất: <b>3</b>" in text


async def test_group_subscription_by_organiser_gets_morning_only(bot: Harness) -> None:
    group = -100555
    await bot.register(AN)
    await bot.feed(bot.factory.message(BINH, "/remind on", chat_id=group, kind="supergroup"))
    assert "chỉ dành cho ban tổ chức" in bot.telegram.sent(group)[-1].text
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, AN.id, "organiser")
    await bot.feed(bot.factory.message(AN, "/nhacnho bat", chat_id=group, kind="supergroup"))
    assert "Nhóm này sẽ nhận" in bot.telegram.sent(group)[-1].text
    bot.clock.set(vn(2023, 10, 2, 8, 0, 5))
    await tick(bot)
    bot.clock.set(vn(2023, 10, 2, 20, 0, 5))
    await tick(bot)
    texts = [m.text for m in bot.telegram.sent(group)]
    assert sum("Ngày 1/7 của Tuần lễ" in t for t in texts) == 1
    assert not any("chưa điểm danh" in t for t in texts)
    # A link to the private chat, where the check-in starts (a button would start it here).
    [[link]] = bot.telegram.sent(group)[-1].reply_markup["inline_keyboard"]
    assert link["url"].endswith("?start=checkin") and "callback_data" not in link


async def test_remind_toggles_and_me_button(bot: Harness) -> None:
    await bot.register(AN)
    reply = await bot.say(AN, "/me")
    assert (
        reply is not None
        # Below the check-in button, while the week runs.
        and reply.reply_markup["inline_keyboard"][1][0]["callback_data"] == "remind:off"
    )
    reply = await bot.press(AN, "remind:off")
    assert reply is not None and "Đã tắt nhắc nhở" in reply.text
    reply = await bot.say(AN, "/nhacnho")
    assert reply is not None and "đã tắt nhắc nhở" in reply.text
    reply = await bot.say(AN, "/nhacnho bat")
    assert reply is not None and "Đã bật nhắc nhở" in reply.text


async def test_schedule_is_for_staff_only(bot: Harness) -> None:
    for user in (AN, BINH):
        await bot.register(user)
    reply = await bot.say(AN, "/lichnhac")
    assert reply is not None and "chỉ dành cho ban tổ chức" in reply.text
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, AN.id, "organiser")
    bot.clock.set(vn(2023, 10, 2, 8, 0, 5))
    await tick(bot)
    reply = await bot.say(AN, "/schedule")
    assert reply is not None
    lines = [line for line in reply.text.splitlines() if line.startswith("• ")]
    assert len(lines) == 17 + 4  # the reminders, then the closing messages
    assert "01/10 16:00 — Báo trước khai mạc: 2 nơi nhận" in reply.text
    assert "đã gửi 2" in reply.text and "lỗi 0" not in reply.text  # zeros are left out
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, AN.id, None)  # revoked: refused at once
    reply = await bot.say(AN, "/schedule")
    assert reply is not None and "chỉ dành cho ban tổ chức" in reply.text


async def test_old_editions_are_not_replayed(bot: Harness) -> None:
    await bot.register(AN)
    bot.clock.set(datetime(2026, 11, 23, 5, 0, tzinfo=UTC))
    report = await tick(bot)
    assert (report.planned, report.sent, report.skipped_late) == (0, 0, 0)
    assert await outbox(bot) == []


async def test_reminders_json_figures(bot: Harness) -> None:
    await bot.register(AN)
    bot.clock.set(vn(2023, 10, 2, 7, 30, 5))
    await tick(bot)
    deps = deps_of(bot.app)
    rows = [figures_json(f, deps.clock.tz) for f in await delivery_figures(deps.sessions)]
    assert rows == [
        {
            "key": "eve@2023-10-01",
            "due": "2023-10-01T16:00:00+07:00",
            "sent": 0,
            "failed": 0,
            "skipped_late": 1,
            "unknown": 0,
            "pending": 0,
        },
        {
            "key": "opening@2023-10-02",
            "due": "2023-10-02T07:30:00+07:00",
            "sent": 1,
            "failed": 0,
            "skipped_late": 0,
            "unknown": 0,
            "pending": 0,
        },
    ]
