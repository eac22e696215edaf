"""Finding 3: Telegram fails the reply after the action was committed. The user must never be
told it failed (a retry would store it twice): the receipt is retried, then sent later."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.context import deps_of
from bot.delivery.outbox_sender import dispatch_once
from bot.ui.texts import Vi
from db.models import AuditEntry, Outbox
from tests.conftest import ADMIN, AN, BINH, Harness, vn
from tests.handlers.test_broadcast import ORG, draft, staff

FIVE_HUNDRED = "Internal Server Error"


@pytest.fixture(autouse=True)
def outside_the_week(bot: Harness) -> None:
    """No reminder mixes with the receipts."""
    bot.clock.set(vn(2023, 11, 15, 9, 0))


def fail(bot: Harness, method: str, chat_id: int, times: int) -> None:
    for _ in range(times):
        bot.telegram.fail_next(method, 500, FIVE_HUNDRED, chat_id=chat_id)


def forget_injected(bot: Harness) -> None:
    """The fixture checks nothing was rejected except what a test injected on purpose."""
    bot.telegram.rejections[:] = [r for r in bot.telegram.rejections if r[1] != FIVE_HUNDRED]


def error_said(bot: Harness, user_id: int) -> bool:
    return any("đã có lỗi" in m.text for m in bot.telegram.sent(user_id))


async def notices(bot: Harness) -> list[Outbox]:
    async with deps_of(bot.app).sessions() as session:
        return list(await session.scalars(select(Outbox).where(Outbox.kind == "notice")))


async def test_a_500_on_the_checkin_receipt_is_retried_not_reported_as_a_failure(
    bot: Harness,
) -> None:
    """As found: the check-in is committed, Telegram answers the receipt with a 500, and the
    user was told to try again — whose retry stored a real duplicate."""
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Tổng hợp")
    await bot.agree(AN)
    fail(bot, "sendMessage", AN.id, 1)
    await bot.say(AN, "/diemdanh 45 đọc sách")
    assert not error_said(bot, AN.id)
    assert Vi.CHECKIN_SAVED in bot.last(AN).text
    assert await bot.checkin_count() == 1
    assert await notices(bot) == []  # the immediate retry was enough
    forget_injected(bot)


async def test_a_receipt_telegram_keeps_failing_is_sent_later_through_the_outbox(
    bot: Harness,
) -> None:
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Tổng hợp")
    await bot.agree(AN)
    await bot.say(AN, "/diemdanh")
    await bot.press(AN, "dur:45")
    await bot.press(AN, "act:reading")
    fail(bot, "editMessageText", AN.id, 2)  # the note-skip button's message cannot be edited
    await bot.press(AN, "note:skip")
    assert not error_said(bot, AN.id)
    assert await bot.checkin_count() == 1
    [queued] = await notices(bot)
    assert queued.status == "pending" and Vi.CHECKIN_SAVED in queued.payload["text"]
    report = await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert report.sent == 1
    assert Vi.CHECKIN_SAVED in bot.last(AN).text
    [done] = await notices(bot)
    assert done.status == "sent" and done.payload == {}  # the text is not kept once sent
    # Handled again (a redelivered update): nothing new is stored or queued.
    assert await bot.checkin_count() == 1 and len(await notices(bot)) == 1
    forget_injected(bot)


async def test_send_now_whose_confirmation_fails_still_starts_once_and_reports(
    bot: Harness,
) -> None:
    """The same for "Send now": the broadcast started; the progress message is the receipt."""
    await staff(bot)
    broadcast_id = await draft(bot)
    await bot.press(ORG, f"bc:aud:{broadcast_id}:all")
    fail(bot, "editMessageText", ORG.id, 2)
    await bot.press(ORG, f"bc:send:{broadcast_id}")
    assert not error_said(bot, ORG.id)
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    # A new progress message, edited into the final report.
    assert any("Kết thúc thông báo #" in m.text for m in bot.telegram.sent(ORG.id))
    async with deps_of(bot.app).sessions() as session:
        sent = AuditEntry.action == "broadcast_send"
        sends = await session.scalar(select(func.count()).select_from(AuditEntry).where(sent))
    assert sends == 1
    forget_injected(bot)


SIBLINGS = [
    # (who, setup commands, the action, the method its reply uses, text of the receipt)
    (AN, [], "/hoso Trần Thị Bình | Phòng A", "sendMessage", "Đã lưu hồ sơ"),
    (AN, ["/diemdanh 30"], "/hoantac", None, "Đã xóa lượt điểm danh"),
    # (/xoadulieu is not here on purpose: a queued receipt would keep the erased chat's id;
    # tests/handlers/test_privacy_receipts.py checks that it is not queued.)
    (ADMIN, [], "/capquyen 1002 organiser", None, "Đã cấp quyền ban tổ chức"),
    (AN, [], "/nhacnho tat", "sendMessage", "Đã tắt nhắc nhở"),
]


@pytest.mark.parametrize(("who", "setup", "action", "method", "receipt"), SIBLINGS)
async def test_every_handler_that_commits_then_replies_keeps_its_receipt(
    bot: Harness,
    who,
    setup,
    action,
    method,
    receipt,  # type: ignore[no-untyped-def]
) -> None:
    for user in (AN, BINH, ADMIN):
        await bot.say(user, f"/hoso {user.first_name} Nguyễn | Phòng A")
        await bot.agree(user)
    for command in setup:
        await bot.say(who, command)
    if method is None:  # a confirm button: its message is edited
        await bot.say(who, action)
        data = next(
            b["callback_data"]
            for b in (bot.last(who).reply_markup or {})["inline_keyboard"][0]
            if b["callback_data"].startswith(("undo:", "del:yes", "role:grant:"))
        )
        fail(bot, "editMessageText", who.id, 2)
        await bot.press(who, data)
    else:
        fail(bot, method, who.id, 2)
        await bot.say(who, action)
    assert not error_said(bot, who.id)
    assert len(await notices(bot)) == 1
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    assert receipt in bot.last(who).text
    forget_injected(bot)
