"""The week's closing messages, the morning after its last day: certificates to everyone who
earned one and the figures, report and commendation list to the admins — planned in the
outbox like reminders: once, restart-safe, counted in /lichnhac."""

from __future__ import annotations

import asyncio
import io
import zipfile
from datetime import date, timedelta
from typing import Any

from pypdf import PdfReader
from sqlalchemy import insert, select
from telegram.request import RequestData

from bench import seed
from bot.context import Deps, deps_of
from bot.core.schedule import CLOSING_KINDS, expand, load_reminder_data, specs_for
from bot.delivery import sending
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_telegram import OfflineTelegram
from db.models import DailyTotal, Outbox, User
from tests.conftest import ADMIN, VN, Restartable, StandInRequest, vn

BASE = 620_000
EARNED = 24  # checked in on 5 of the 7 days: a certificate each
SHORT = 6  # 4 days only: none
WEEK = [date(2023, 10, 2) + timedelta(days=i) for i in range(7)]


class Gated(StandInRequest):
    """The fake Telegram behind a gate: every certificate request waits, as if in flight and
    unanswered, until the gate opens."""

    def __init__(self, telegram: OfflineTelegram) -> None:
        self.telegram = telegram
        self.gate = asyncio.Event()
        self.waiting = 0
        self.all_in_flight = asyncio.Event()  # as many waiting as the dispatcher sends at once

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *a: Any, **k: Any
    ) -> tuple[int, bytes]:
        params = request_data.parameters if request_data else {}
        if url.endswith("/sendDocument") and int(params.get("chat_id", 0)) >= BASE:
            self.waiting += 1
            if self.waiting == sending.CONCURRENCY:
                self.all_in_flight.set()
            await self.gate.wait()
        return await self.telegram.do_request(url, method, request_data, *a, **k)


async def seed_week(deps: Deps, telegram: OfflineTelegram) -> list[int]:
    """EARNED + SHORT officials of the 2023 week; returns the chats that earned one."""
    now = deps.clock.now()
    async with deps.sessions() as session, session.begin():
        chats = await seed.officials(session, EARNED + SHORT, BASE, now)
        users = dict((await session.execute(select(User.chat_id, User.id))).all())
        totals = [
            {"user_id": users[chat], "local_date": day, "checkins": 1, "minutes": 30}
            for n, chat in enumerate(chats)
            for day in WEEK[: 5 if n < EARNED else 4]
        ]
        await session.execute(insert(DailyTotal), totals)
    for chat in (ADMIN.id, *chats):
        telegram.add_chat(chat)
    return chats[:EARNED]


def documents(telegram: OfflineTelegram, chat: int, suffix: str) -> list[bytes]:
    return [
        m.upload or b""
        for m in telegram.sent(chat)
        if m.media and m.media[0] == "document" and m.media[1].endswith(suffix)
    ]


async def closing_rows(deps: Deps) -> list[Outbox]:
    async with deps.sessions() as session:
        rows = await session.scalars(select(Outbox).where(Outbox.kind == "reminder"))
        return [r for r in rows if r.payload.get("reminder") in CLOSING_KINDS]


def test_every_edition_closes_the_morning_after_even_with_its_own_schedule() -> None:
    from bot.core.editions import load_editions

    data = load_reminder_data()
    for edition in load_editions().all:
        items = {i.kind: i for i in expand(edition, specs_for(edition, data), VN)}
        after = edition.end + timedelta(days=1)
        assert {k: items[k].day for k in CLOSING_KINDS} == dict.fromkeys(CLOSING_KINDS, after)
        # The admins' messages come in reading order, the certificates after them.
        order = sorted(CLOSING_KINDS, key=lambda k: items[k].due)
        assert order == ["week_figures", "week_report", "week_honours", "certificate"]


async def test_certificates_go_out_once_across_a_restart_in_the_middle_of_sending(
    restartable: Restartable, database_url: str
) -> None:
    clock, telegram = restartable.clock, restartable.telegram
    restartable.configure(admin_ids=frozenset({ADMIN.id}))
    clock.set(vn(2023, 10, 9, 8, 0, 30))
    gated = Gated(telegram)
    async with restartable.started(request=gated) as bot:
        deps = deps_of(bot.app)
        earned = await seed_week(deps, telegram)
        first = asyncio.create_task(dispatch_once(deps, bot.app.bot))
        await asyncio.wait_for(gated.all_in_flight.wait(), 60)  # a failed pass: no hang
        if not database_url.startswith("sqlite"):
            clock.advance(sending.LEASE + timedelta(seconds=1))
        async with restartable.started() as successor:  # the first process "died"
            report = await dispatch_once(deps_of(successor.app), successor.app.bot)
        gated.gate.set()  # the requests in flight reach Telegram after all
        await first
        rows = await closing_rows(deps)
    certificates = [r for r in rows if r.payload["reminder"] == "certificate"]
    assert sorted(r.chat_id for r in certificates) == sorted(earned)  # planned once each
    assert report.unknown == sending.CONCURRENCY  # in flight when it died: never resent
    for chat in earned:
        (pdf,) = documents(telegram, chat, ".pdf")
        assert f"Cán bộ {chat}" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for chat in range(BASE + EARNED, BASE + EARNED + SHORT):
        assert telegram.sent(chat) == []
    # The admin's three messages, in reading order even when the bot catches up (as here)
    # and the report takes longer to build than the list.
    admin = telegram.sent(ADMIN.id)
    assert [m.media[1][-5:] if m.media else "text" for m in admin] == ["text", ".docx", ".xlsx"]
    (figures,) = [m for m in admin if m.media is None]
    assert "Tuần lễ năm 2023 đã kết thúc" in figures.text
    assert f"{EARNED + SHORT}" in figures.text  # the participants
    (docx,) = documents(telegram, ADMIN.id, ".docx")
    (xlsx,) = documents(telegram, ADMIN.id, ".xlsx")
    with zipfile.ZipFile(io.BytesIO(docx)) as report:
        assert "word/document.xml" in report.namelist()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as workbook:
        assert "xl/workbook.xml" in workbook.namelist()


async def test_an_admin_removed_before_the_morning_gets_nothing(
    restartable: Restartable,
) -> None:
    clock, telegram = restartable.clock, restartable.telegram
    restartable.configure(admin_ids=frozenset({ADMIN.id}))
    clock.set(vn(2023, 10, 9, 7, 30, 5))
    async with restartable.started() as bot:
        await seed_week(deps_of(bot.app), telegram)
        deps = deps_of(bot.app)
        # Planned for the admin at 07:30; ADMIN_IDS changes before it is sent.
        from bot.delivery.outbox_sender import plan

        await plan(deps, clock.now(), timedelta(hours=2))
        assert [r.payload["reminder"] for r in await closing_rows(deps)] == ["week_figures"]
    restartable.configure(admin_ids=frozenset({2}))
    async with restartable.started() as bot:
        await dispatch_once(deps_of(bot.app), bot.app.bot)
        rows = await closing_rows(deps_of(bot.app))
    assert telegram.sent(ADMIN.id) == []
    (row,) = rows
    assert row.status == "failed" and "no longer an admin" in (row.error or "")


async def test_the_schedule_counts_who_the_closing_messages_will_reach(
    restartable: Restartable,
) -> None:
    clock, telegram = restartable.clock, restartable.telegram
    restartable.configure(admin_ids=frozenset({ADMIN.id, 2}))
    clock.set(vn(2023, 10, 8, 12, 0))
    async with restartable.started() as bot:
        await seed_week(deps_of(bot.app), telegram)
        reply = await bot.say(ADMIN, "/lichnhac")
    assert reply is not None
    lines = reply.text.splitlines()
    certificate = next(line for line in lines if "Giấy chứng nhận" in line)
    assert f"{EARNED} " in certificate
    figures = next(line for line in lines if "Số liệu cuối tuần" in line)
    assert "2 " in figures


async def test_a_bot_back_in_the_afternoon_still_sends_the_closing_messages(
    restartable: Restartable,
) -> None:
    """Reminders more than REMINDER_LATE_GRACE_MINUTES late are skipped (too late to help);
    a certificate or the admins' files are welcome all that day."""
    clock, telegram = restartable.clock, restartable.telegram
    restartable.configure(admin_ids=frozenset({ADMIN.id}))
    clock.set(vn(2023, 10, 9, 15, 0))  # down since before the last evening's summary
    async with restartable.started() as bot:
        deps = deps_of(bot.app)
        earned = await seed_week(deps, telegram)
        report = await dispatch_once(deps, bot.app.bot)
        rows = await closing_rows(deps)
        async with deps.sessions() as session:
            summary = await session.scalars(
                select(Outbox.status).where(Outbox.key == "summary@2023-10-08")
            )
            assert set(summary) == {"skipped_late"}
    assert report.skipped_late == 0  # the summary's rows were planned as skipped, not sent
    assert {r.status for r in rows} == {"sent"}
    assert len(rows) == 3 + len(earned)
    for chat in earned:
        assert len(documents(telegram, chat, ".pdf")) == 1
