"""The consent question answered truthfully (issue 11 retest, findings 2, 3 and 8).

As found: a person registered before the notice pressed "Không đồng ý" then "Giữ lại" and kept
their profile and check-ins with no consent; an old "Tôi đồng ý" after declining or after
/xoadulieu said "Đã ghi nhận sự đồng ý" though nothing was recorded, and a double tap after
registering said it again and opened the profile form; a question typed while the notice was
open only got "Vui lòng bấm Tôi đồng ý…".
"""

from __future__ import annotations

from sqlalchemy import func, select

from bot.context import deps_of
from bot.offline.fake_telegram import SentMessage
from bot.offline.fake_updates import FakeUser
from db.models import Checkin
from tests.conftest import AN, BINH, Harness, callback_data
from tests.handlers.test_consent import forget_consent, people

RECORDED = "Đã ghi nhận sự đồng ý"
FORM = "nhập <b>họ và tên</b>"  # the profile form's first question


async def legacy(bot: Harness) -> None:
    """Bình registered and checked in before the notice existed (as migration 0006 leaves)."""
    await bot.say(BINH, "/hoso Trần Thị Bình | Phòng Tổng hợp")
    await bot.agree(BINH)
    await bot.say(BINH, "/diemdanh 30 đọc sách")
    await forget_consent(bot)


async def all_checkins(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(select(func.count(Checkin.id))) or 0)


async def press_on(bot: Harness, user: FakeUser, message: SentMessage, data: str) -> list[str]:
    """Press `data` on `message` as a client still showing it would (a stale button); every
    text the bot sent, edited or answered with in return."""
    before = len(bot.telegram.calls)
    await bot.feed(bot.factory.press(user, message, data))
    return [str(c.params.get("text", "")) for c in bot.telegram.calls[before:]]


async def test_declining_consent_on_stored_data_leads_to_erasure_not_keeping(
    bot: Harness,
) -> None:
    await legacy(bot)
    await bot.say(BINH, "/diemdanh 45 đọc sách")
    reply = await bot.press(BINH, "consent:no")
    assert reply is not None
    assert "cần được xóa" in reply.text and "không lưu thêm gì" not in reply.text
    # No "keep": erase, or back to the question.
    assert callback_data(bot.last(BINH)) == ["del:yes", "consent:back"]
    assert "Giữ lại" not in str(bot.last(BINH).reply_markup)
    # Back: the question again, and agreeing carries on with the check-in that was asked for.
    reply = await bot.press(BINH, "consent:back")
    assert reply is not None and "Bạn có đồng ý không?" in reply.text
    assert callback_data(bot.last(BINH)) == ["consent:yes", "consent:no"]
    reply = await bot.agree(BINH)
    assert reply is not None and "Đã ghi nhận điểm danh" in reply.text
    assert await all_checkins(bot) == 2
    assert (await people(bot))[0].consent_at is not None


async def test_declining_then_erasing_leaves_nothing(bot: Harness) -> None:
    await legacy(bot)
    await bot.say(BINH, "/diemdanh 45 đọc sách")
    await bot.press(BINH, "consent:no")
    reply = await bot.press(BINH, "del:yes")
    assert reply is not None and "Đã xóa hồ sơ" in reply.text
    assert await people(bot) == [] and await all_checkins(bot) == 0
    # Nothing waits behind: a question is answered as for anyone.
    reply = await bot.say(BINH, "chủ đề năm nay là gì")
    assert reply is not None and "Chủ đề" in reply.text and callback_data(bot.last(BINH)) == []


async def test_an_old_i_agree_after_declining_records_nothing_and_says_so(bot: Harness) -> None:
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    first = bot.last(AN)
    await bot.say(AN, "Nguyễn Văn An")  # not an answer: the buttons come again
    await bot.press(AN, "consent:no")
    said = await press_on(bot, AN, first, "consent:yes")
    assert any("Nút này đã hết hạn; chưa có gì được ghi nhận" in x for x in said)
    assert not any(RECORDED in x for x in said)
    assert callback_data(bot.last(AN)) == ["consent:yes", "consent:no"]  # asked afresh
    assert await people(bot) == []


async def test_an_old_i_agree_after_erasure_records_nothing_and_says_so(bot: Harness) -> None:
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    notice = bot.last(AN)
    await bot.agree(AN)
    await bot.say(AN, "/xoadulieu")
    await bot.press(AN, "del:yes")
    said = await press_on(bot, AN, notice, "consent:yes")
    assert any("Nút này đã hết hạn; chưa có gì được ghi nhận" in x for x in said)
    assert not any(RECORDED in x or FORM in x for x in said)
    assert callback_data(bot.last(AN)) == ["consent:yes", "consent:no"] and await people(bot) == []


async def test_a_double_tap_after_registering_says_consent_is_on_record(bot: Harness) -> None:
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    notice = bot.last(AN)
    await bot.agree(AN)
    assert "Đã lưu hồ sơ" in bot.last(AN).text
    said = await press_on(bot, AN, notice, "consent:yes")
    assert any("sự đồng ý của bạn đã được ghi nhận" in x for x in said)
    assert not any(RECORDED in x or FORM in x for x in said)  # no profile form
    [an] = await people(bot)
    assert an.full_name == "Nguyễn Văn An"
    # An old "I do not agree" after agreeing points to the real way to withdraw.
    said = await press_on(bot, AN, notice, "consent:no")
    assert any("/xoadulieu" in x for x in said) and not any("cần được xóa" in x for x in said)
    assert len(await people(bot)) == 1


async def test_a_question_while_the_notice_is_open_is_answered(bot: Harness) -> None:
    await bot.say(AN, "/hoso")
    before = len(bot.texts(AN))
    await bot.say(AN, "chủ đề năm nay là gì")
    answer, again = bot.texts(AN)[before:]
    assert "Chủ đề" in answer
    assert "vẫn đang chờ" in again and callback_data(bot.last(AN)) == ["consent:yes", "consent:no"]
    # The flow is still open: agreeing goes on to the form.
    await bot.agree(AN)
    assert "họ và tên" in bot.last(AN).text
