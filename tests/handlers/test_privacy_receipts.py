"""Erasure against the receipts that go through the outbox (issue 11, findings 1 and 3 together):
a delayed receipt must not leave the person's id behind, before or after the erasure."""

from __future__ import annotations

from bot.context import deps_of
from bot.delivery.outbox_sender import dispatch_once
from tests.conftest import Harness, vn
from tests.handlers.test_privacy import FULL_NAME, NEEDLES, NOTE, UNIT, VAN, traces, via_inbox
from tests.handlers.test_receipts import fail, forget_injected


async def registered(bot: Harness) -> Harness:
    bot = via_inbox(bot)
    bot.clock.set(vn(2023, 11, 15, 9, 0))
    await bot.say(VAN, f"/hoso {FULL_NAME} | {UNIT}")
    await bot.agree(VAN)
    return bot


async def test_a_delayed_check_in_receipt_leaves_no_id_after_erasure(bot: Harness) -> None:
    """Found in review: the receipt's outbox key was built from chat and message ids."""
    bot = await registered(bot)
    fail(bot, "sendMessage", VAN.id, 2)
    await bot.say(VAN, f"/diemdanh 45 {NOTE}")
    await dispatch_once(deps_of(bot.app), bot.app.bot)  # the receipt, sent later
    await bot.say(VAN, "/xoadulieu")
    await bot.press(VAN, "del:yes")
    forget_injected(bot)
    assert await traces(bot, NEEDLES, VAN.id) == []


async def test_a_failed_erasure_receipt_is_not_queued_with_their_chat(bot: Harness) -> None:
    """Found in review: the 'erased' receipt, failing, was queued with the erased chat's id."""
    bot = await registered(bot)
    await bot.say(VAN, "/xoadulieu")
    fail(bot, "editMessageText", VAN.id, 2)
    await bot.press(VAN, "del:yes")
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    forget_injected(bot)
    assert await traces(bot, NEEDLES, VAN.id) == []
