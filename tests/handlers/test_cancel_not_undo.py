"""Issue 13, defect 2: cancel and undo cannot be confused.

Found as: inside the check-in flow `/huy` offered to delete an earlier check-in, and "hủy"
typed at the duration step was read as a duration. Now /huy, /cancel and the typed words
"hủy", "huỷ", "thôi", "dừng", "cancel" stop any flow at any typed step and delete nothing;
undo is /undo, /hoantac, or the "↩️ Hoàn tác" button under a receipt, always after a confirm.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.context import deps_of
from bot.ui.texts.en import En
from bot.ui.texts.vi import Vi
from db.models import Broadcast, Checkin, DailyTotal, User
from tests.conftest import ADMIN, AN, BINH, EMMA, Harness, callback_data, vn

CANCEL_WORDS = ["hủy", "Huỷ", "HỦY ĐI", "huy", "thôi", "thôi nhé", "dừng", "dung lai", "cancel"]


async def live(bot: Harness) -> list[int]:
    """Minutes of the check-ins still standing."""
    return [minutes for (minutes,) in await bot.checkins(Checkin.minutes, live=True)]


async def test_as_found_huy_at_the_duration_step_cancels_and_deletes_nothing(
    bot: Harness,
) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30 đọc sách")
    await bot.say(AN, "/diemdanh")  # waits for a duration
    reply = await bot.say(AN, "/huy")
    assert reply is not None and reply.text == Vi.CANCELLED
    assert "undo:" not in str(callback_data(reply))
    assert await live(bot) == [30]
    # The flow is over: a number typed now is not a duration.
    await bot.say(AN, "45")
    assert await live(bot) == [30]


@pytest.mark.parametrize("word", CANCEL_WORDS)
async def test_a_typed_cancel_word_at_the_duration_step_is_not_a_duration(
    bot: Harness, word: str
) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh")
    reply = await bot.say(AN, word)
    assert reply is not None and reply.text == Vi.CANCELLED
    assert await bot.checkin_count() == 0


@pytest.mark.parametrize(
    ("steps", "word"),
    [
        (["/diemdanh", "dur:30"], "hủy"),  # the activity step
        (["/diemdanh", "dur:30", "act:reading"], "thôi"),  # the note step: not stored as a note
        (["/diemdanh", "dur:custom"], "dừng"),  # the typed duration
        (["/hoso"], "Hủy"),  # the name step: not a name
        (["/hoso", "Nguyễn Văn An"], "huỷ đi"),  # the unit step: not a unit
    ],
)
async def test_every_typed_step_stops_on_a_cancel_word(
    bot: Harness, steps: list[str], word: str
) -> None:
    await bot.register(AN)
    for step in steps:
        if ":" in step and not step.startswith("/"):
            await bot.press(AN, step)
        else:
            await bot.say(AN, step)
    reply = await bot.say(AN, word)
    assert reply is not None and reply.text == Vi.CANCELLED
    assert await bot.checkin_count() == 0
    async with deps_of(bot.app).sessions() as session:
        names = list(await session.scalars(select(User.full_name)))
    assert names == ["An Nguyễn"]  # the profile did not become "Hủy"


async def test_a_cancel_word_while_the_consent_question_is_open(bot: Harness) -> None:
    reply = await bot.say(AN, "/diemdanh 45")
    assert reply is not None and "consent:yes" in callback_data(reply)
    reply = await bot.say(AN, "thôi")
    assert reply is not None and reply.text == Vi.CANCELLED
    async with deps_of(bot.app).sessions() as session:
        assert list(await session.scalars(select(User.id))) == []
    assert await bot.checkin_count() == 0


async def test_in_english_cancel_stops_the_flow(bot: Harness) -> None:
    await bot.register(EMMA)
    await bot.say(EMMA, "/checkin 30 reading")
    await bot.say(EMMA, "/checkin")
    reply = await bot.say(EMMA, "Cancel")
    assert reply is not None and reply.text == En.CANCELLED
    await bot.say(EMMA, "/checkin")
    reply = await bot.say(EMMA, "/cancel")
    assert reply is not None and reply.text == En.CANCELLED
    assert await live(bot) == [30]


async def test_outside_a_flow_huy_and_a_bare_cancel_word_delete_nothing(bot: Harness) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30")
    for text in ("/huy", "hủy", "thôi"):
        reply = await bot.say(AN, text)
        assert reply is not None and reply.text == Vi.NOTHING_TO_CANCEL
    assert await live(bot) == [30]


async def test_undo_is_hoantac_or_undo_and_asks_first(bot: Harness) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 30")
    for command in ("/hoantac", "/undo"):
        reply = await bot.say(AN, command)
        assert reply is not None and reply.text.startswith("Xóa lượt điểm danh gần nhất?")
        assert "Hủy" not in str(reply.reply_markup)  # "Hủy" is only ever cancel
    # A sentence still means undo, with the same confirmation.
    reply = await bot.say(AN, "hủy điểm danh vừa rồi")
    assert reply is not None and reply.text.startswith("Xóa lượt điểm danh gần nhất?")
    assert await live(bot) == [30]


async def test_a_cancel_word_stops_composing_a_broadcast(bot: Harness) -> None:
    await bot.say(ADMIN, "/thongbao")
    reply = await bot.say(ADMIN, "hủy")
    assert reply is not None and reply.text == Vi.CANCELLED
    async with deps_of(bot.app).sessions() as session:
        assert list(await session.scalars(select(Broadcast.id))) == []


# --- the undo button under a receipt ---------------------------------------------------------


async def test_the_receipt_undo_button_asks_then_deletes_exactly_that_check_in(
    bot: Harness,
) -> None:
    await bot.register(AN)
    first = await bot.say(AN, "/diemdanh 30 đọc sách")
    await bot.say(AN, "/diemdanh 45 hội thảo")
    assert first is not None
    [ask] = [d for d in callback_data(first) if d.startswith("rundo:ask:")]
    assert "↩️ Hoàn tác" in str(first.reply_markup)
    reply = await bot.press(AN, ask)
    assert reply is not None and reply.text.startswith("Xóa lượt điểm danh này?")
    assert "30 phút" in reply.text
    assert await live(bot) == [30, 45]  # nothing deleted before the confirmation
    yes = ask.replace(":ask:", ":yes:")
    assert callback_data(reply) == [yes, "undo:keep"]
    reply = await bot.press(AN, yes)
    assert reply is not None and reply.text.startswith("🗑 Đã xóa lượt điểm danh")
    assert await live(bot) == [45]  # that one, not the latest
    # Pressed again (or a second copy of the question): nothing is deleted twice.
    await bot.feed(bot.factory.press(AN, reply, yes))
    assert bot.last(AN).text == Vi.UNDO_GONE
    assert await live(bot) == [45]
    async with deps_of(bot.app).sessions() as session:
        [total] = list(await session.scalars(select(DailyTotal.minutes)))
    assert total == 45  # the day's rollup dropped once


async def test_keep_leaves_the_check_in(bot: Harness) -> None:
    await bot.register(AN)
    receipt = await bot.say(AN, "/diemdanh 30")
    assert receipt is not None
    await bot.press(AN, callback_data(receipt)[0])
    reply = await bot.press(AN, "undo:keep")
    assert reply is not None and reply.text == Vi.UNDO_KEPT
    assert await live(bot) == [30]


async def test_someone_else_pressing_the_payload_deletes_nothing(bot: Harness) -> None:
    await bot.register(AN)
    await bot.register(BINH)
    receipt = await bot.say(AN, "/diemdanh 30")
    own = await bot.say(BINH, "/diemdanh 45")
    assert receipt is not None and own is not None
    for action in ("ask", "yes"):  # a forged press in Bình's chat naming An's check-in
        data = callback_data(receipt)[0].replace(":ask:", f":{action}:")
        await bot.feed(bot.factory.press(BINH, own, data))
        assert bot.last(BINH).text == Vi.UNDO_GONE
    assert await live(bot) == [30, 45]


async def test_a_receipt_of_a_week_that_is_over_cannot_be_undone_from_it(bot: Harness) -> None:
    await bot.register(AN)
    receipt = await bot.say(AN, "/diemdanh 30")  # 03/10/2023, in the 2023 week
    assert receipt is not None
    bot.clock.set(vn(2023, 10, 20, 9, 0))
    await bot.press(AN, callback_data(receipt)[0])
    assert bot.last(AN).text == Vi.RECEIPT_UNDO_CLOSED
    assert await live(bot) == [30]


async def test_the_receipt_undo_button_in_english(bot: Harness) -> None:
    await bot.register(EMMA)
    receipt = await bot.say(EMMA, "/checkin 30 reading")
    assert receipt is not None and "↩️ Undo" in str(receipt.reply_markup)
    reply = await bot.press(EMMA, callback_data(receipt)[0])
    assert reply is not None and reply.text.startswith("Remove this check-in?")
    bot.clock.advance(timedelta(minutes=1))
    reply = await bot.press(EMMA, callback_data(reply)[0])
    assert reply is not None and reply.text.startswith("🗑 Check-in removed")
    assert await live(bot) == []
