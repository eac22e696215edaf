"""Findings 12 and 14c, and the resend action: a broadcast belongs to its author (admins may
act on any); a finished one says where it stands; recipients in doubt can be resent to once."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, update

from bot.context import deps_of
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_updates import FakeUser
from bot.ui.texts import Vi
from db.models import AuditEntry, Outbox
from db.queries import broadcasts
from tests.conftest import ADMIN, Harness
from tests.handlers.test_broadcast import OFFICIAL, ORG, draft, sent_now, staff

ORG2 = FakeUser(2004, "Tổ chức hai", "vi", "to_chuc_hai")


async def two_organisers(bot: Harness) -> int:
    """ORG's draft with an audience; ORG2 is an organiser too."""
    await staff(bot)
    await bot.say(ORG2, "/hoso Tổ chức hai Nguyễn | Phòng B")
    await bot.agree(ORG2)
    await bot.say(ADMIN, "/capquyen @to_chuc_hai organiser")
    await bot.press(ADMIN, f"role:grant:{ORG2.id}")
    broadcast_id = await draft(bot)
    await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
    return broadcast_id


async def state(bot: Harness, broadcast_id: int) -> str:
    async with deps_of(bot.app).sessions() as session:
        info = await broadcasts.get(session, broadcast_id)
    assert info is not None
    return info.status


FORGED = ["send:{id}", "stop:{id}", "cancel:{id}", "aud:{id}:groups", "sched:{id}", "redook:{id}"]


@pytest.mark.parametrize("button", FORGED)
async def test_another_organiser_cannot_act_on_a_draft_with_forged_button_data(
    bot: Harness, button: str
) -> None:
    """As found: ORG2 sends or stops ORG's draft by its id."""
    broadcast_id = await two_organisers(bot)
    message = next(m for m in reversed(bot.telegram.sent(ORG2.id)))
    sends = len(bot.telegram.sent())
    await bot.feed(bot.factory.press(ORG2, message, "bc:" + button.format(id=broadcast_id)))
    last = bot.telegram.calls[-1]
    assert last.method == "answerCallbackQuery"
    assert last.params["text"] == Vi.BC_NOT_YOURS
    assert await state(bot, broadcast_id) == "draft"
    assert len(bot.telegram.sent()) == sends
    async with deps_of(bot.app).sessions() as session:
        info = await broadcasts.get(session, broadcast_id)
    assert info is not None and info.audience == "all"


async def test_others_may_see_it_and_an_admin_may_act_on_it(bot: Harness) -> None:
    broadcast_id = await two_organisers(bot)
    listing = await bot.say(ORG2, "/broadcasts")
    assert listing is not None and f"#{broadcast_id}" in listing.text
    message = bot.telegram.sent(ADMIN.id)[-1]
    await bot.feed(bot.factory.press(ADMIN, message, f"bc:cancel:{broadcast_id}"))
    assert await state(bot, broadcast_id) == "cancelled"


async def test_another_organiser_cannot_schedule_it_through_the_conversation(
    bot: Harness,
) -> None:
    broadcast_id = await two_organisers(bot)
    message = bot.telegram.sent(ORG2.id)[-1]
    await bot.feed(bot.factory.press(ORG2, message, f"bc:sched:{broadcast_id}"))
    await bot.say(ORG2, "20:00")
    assert await state(bot, broadcast_id) == "draft"


@pytest.mark.parametrize("status", ["done", "stopped", "cancelled", "sending", "scheduled"])
async def test_send_now_on_a_finished_broadcast_says_where_it_stands(
    bot: Harness, status: str
) -> None:
    """As found: "Send now" on a finished broadcast said "starting to send"."""
    await staff(bot)
    broadcast_id = await draft(bot)
    await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
    async with deps_of(bot.app).sessions() as session, session.begin():
        await session.execute(
            update(broadcasts.Broadcast)
            .where(broadcasts.Broadcast.id == broadcast_id)
            .values(status=status)
        )
    reply = await bot.press(ORG, f"bc:send:{broadcast_id}")
    assert reply is not None
    assert "Bắt đầu gửi" not in reply.text
    expected = {
        "done": "đã gửi xong",
        "stopped": "đã bị dừng",
        "cancelled": "đã bị hủy",
        "sending": "đang được gửi",
        "scheduled": "đã được hẹn giờ",
    }[status]
    assert f"Thông báo #{broadcast_id} {expected}" in reply.text


async def test_send_now_pressed_twice_starts_once(bot: Harness) -> None:
    await staff(bot)
    broadcast_id = await draft(bot)
    await sent_now(bot, broadcast_id)
    message = next(m for m in bot.telegram.sent(ORG.id) if "Bắt đầu gửi" in m.text)
    await bot.feed(bot.factory.press(ORG, message, f"bc:send:{broadcast_id}"))
    assert "đang được gửi" in bot.telegram.sent(ORG.id)[-1].text
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert sum("Họp giao ban" in m.text for m in bot.telegram.sent(OFFICIAL.id)) == 1


async def in_doubt_after_sending(bot: Harness) -> int:
    """A sent broadcast in which two recipients ended `unknown` (their requests timed out)."""
    await staff(bot)
    broadcast_id = await draft(bot)
    await sent_now(bot, broadcast_id)
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    async with deps_of(bot.app).sessions() as session, session.begin():
        rows = list(await session.scalars(select(Outbox).where(Outbox.kind == "broadcast")))
        for row in rows:
            if row.chat_id in {OFFICIAL.id, ADMIN.id}:
                row.status, row.error = "unknown", "timed out"
        await session.execute(
            update(broadcasts.Broadcast).values(progress_at=None, status="sending")
        )
    await dispatch_once(deps_of(bot.app), bot.app.bot)  # the final report again
    return broadcast_id


async def test_resend_to_those_in_doubt_with_count_confirmation_once_and_audited(
    bot: Harness,
) -> None:
    broadcast_id = await in_doubt_after_sending(bot)
    report = next(m for m in bot.telegram.sent(ORG.id) if "Kết thúc thông báo #" in m.text)
    assert "không rõ 2" in report.text
    [[resend]] = (report.reply_markup or {})["inline_keyboard"]
    assert resend["text"] == "🔁 Gửi lại cho 2 nơi nhận chưa rõ"
    assert resend["callback_data"] == f"bc:redo:{broadcast_id}"
    listing = await bot.say(ORG, "/broadcasts")
    assert listing is not None and "gửi lại cho 2 nơi nhận chưa rõ" in str(listing.reply_markup)
    # Another organiser sees the list without the button, and cannot press it.
    await bot.say(ORG2, "/hoso Tổ chức hai Nguyễn | Phòng B")
    await bot.agree(ORG2)
    await bot.say(ADMIN, "/capquyen @to_chuc_hai organiser")
    await bot.press(ADMIN, f"role:grant:{ORG2.id}")
    other = await bot.say(ORG2, "/broadcasts")
    assert other is not None and other.reply_markup is None
    ask = await bot.press(ORG, f"bc:redo:{broadcast_id}")
    assert ask is not None and "<b>2</b> nơi nhận có thể chưa nhận được" in ask.text
    before = len(bot.telegram.sent(OFFICIAL.id))
    await bot.press(ORG, f"bc:redook:{broadcast_id}")
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert len(bot.telegram.sent(OFFICIAL.id)) == before + 1
    async with deps_of(bot.app).sessions() as session:
        tally = await broadcasts.tally(session, broadcast_id)
        audits = list(
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "broadcast_resend"))
        )
        assert await broadcasts.in_doubt(session, broadcast_id) == 0
    assert (tally.unknown, tally.pending) == (0, 0)
    assert [(a.actor_id, a.params) for a in audits] == [
        (ORG.id, {"broadcast": broadcast_id, "recipients": 2})
    ]
    # Once: the confirm button pressed again (its message is the progress report now)
    # resends nothing.
    await bot.feed(bot.factory.press(ORG, ask, f"bc:redook:{broadcast_id}"))
    assert "không còn nơi nhận nào cần gửi lại" in bot.telegram.sent(ORG.id)[-1].text
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert len(bot.telegram.sent(OFFICIAL.id)) == before + 1


async def test_resend_checks_the_role_at_press_time(bot: Harness) -> None:
    broadcast_id = await in_doubt_after_sending(bot)
    await bot.press(ORG, f"bc:redo:{broadcast_id}")
    await bot.say(ADMIN, "/thuhoi @to_chuc")  # revoked between the question and the answer
    await bot.press(ADMIN, f"role:revoke:{ORG.id}")
    await bot.press(ORG, f"bc:redook:{broadcast_id}")
    assert "chỉ dành cho ban tổ chức" in bot.telegram.calls[-1].params["text"]
    async with deps_of(bot.app).sessions() as session:
        assert await broadcasts.in_doubt(session, broadcast_id) == 2


def _parse(data: str) -> tuple[str, int] | None:
    from bot.ui.buttons import BroadcastButton, BroadcastChoice, BroadcastUnit

    payload = (
        BroadcastButton.unpack(data) or BroadcastChoice.unpack(data) or BroadcastUnit.unpack(data)
    )
    return None if payload is None else (payload.action, payload.broadcast_id)


@given(st.text(max_size=80))
def test_broadcast_button_data_parser_takes_ascii_ids_only(data: str) -> None:
    from bot.core.numbers import parse_id
    from bot.ui.buttons import BROADCAST_ACTIONS, BROADCAST_CHOICES
    from db.queries.broadcasts import AUDIENCES

    parsed = _parse("bc:" + data)
    action, raw_id, *rest = [*data.split(":"), "", ""]
    # A choice is known with a known audience key, or a unit's id (never any other string).
    choice = rest[0] if len(rest) == 3 else ""
    known = (action in BROADCAST_ACTIONS and rest == ["", ""]) or (
        action in BROADCAST_CHOICES
        and (choice in AUDIENCES if action == "aud" else parse_id(choice) is not None)
    )
    if parsed is None:
        assert not (known and parse_id(raw_id) is not None)
    else:
        broadcast_id = parsed[1]
        assert parsed[0] == action and broadcast_id == int(raw_id)
        assert 0 <= broadcast_id < 10**12
    # Made-up actions are refused even with a valid id.
    assert _parse(f"bc:nope:{7}") is None


@pytest.mark.parametrize(
    "data",
    [
        "bc:send:²",
        "bc:stop:١٢",
        "bc:send:" + "9" * 5000,
        "bc:redo:",
        "bc:send:-3",
        "bc:send:0",
        f"bc:send:{2**31}",
    ],
)
def test_odd_digits_in_broadcast_buttons_are_not_ids(data: str) -> None:
    assert _parse(data) is None


async def test_a_broadcast_whose_author_erased_their_data_is_never_resent(bot: Harness) -> None:
    """Erasure replaces the author's content with a marker: resending would send the marker."""
    broadcast_id = await in_doubt_after_sending(bot)
    await bot.say(ORG, "/xoadulieu")
    await bot.press(ORG, "del:yes")
    before = len(bot.telegram.sent(OFFICIAL.id))
    # An admin may act on anyone's broadcast: from /broadcasts, or with the button's data.
    for data in (f"bc:redo:{broadcast_id}", f"bc:redook:{broadcast_id}"):
        await bot.feed(bot.factory.press(ADMIN, bot.last(ADMIN), data))
        assert "không còn nơi nhận nào cần gửi lại" in bot.telegram.sent(ADMIN.id)[-1].text
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert len(bot.telegram.sent(OFFICIAL.id)) == before


async def test_a_final_report_telegram_fails_is_shown_at_the_next_pass(bot: Harness) -> None:
    """The final report carries the resend button: a 500 on it must not lose it for good."""
    await staff(bot)
    broadcast_id = await draft(bot)
    await sent_now(bot, broadcast_id)
    async with deps_of(bot.app).sessions() as session, session.begin():
        await session.execute(update(Outbox).values(status="unknown", error="timed out"))
    for method in ("editMessageText", "sendMessage"):
        bot.telegram.fail_next(method, 500, "Internal Server Error", chat_id=ORG.id)
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert await state(bot, broadcast_id) == "sending"  # not shown: still to report
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert await state(bot, broadcast_id) == "done"
    markup = bot.telegram.sent(ORG.id)[-1].reply_markup or {}
    buttons = [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]
    assert f"bc:redo:{broadcast_id}" in buttons
    bot.telegram.rejections[:] = [r for r in bot.telegram.rejections if "Internal" not in r[1]]


async def test_stopping_says_that_messages_already_on_their_way_may_arrive(bot: Harness) -> None:
    """Found by the tester: Stop pressed while requests were in flight reported 'sent 0/2',
    and both arrived."""
    await staff(bot)
    broadcast_id = await draft(bot)
    await sent_now(bot, broadcast_id)
    async with deps_of(bot.app).sessions() as session, session.begin():
        await session.execute(update(Outbox).values(status="sending"))  # handed to HTTP
    await bot.press(ORG, f"bc:stop:{broadcast_id}")
    report = bot.telegram.sent(ORG.id)[-1].text
    assert "Đã dừng thông báo" in report
    assert "tin đang được gửi dở lúc dừng vẫn có thể tới nơi" in report
