"""Tester's finding 13: a typed answer to the data notice.

Found as: "dong y", "đồng ý" and "ok đồng ý" typed under the notice got "please press the
buttons"; "bot lưu dữ liệu gì" too, with no answer.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.context import deps_of
from bot.core.inputs import consent_reply
from db.models import User
from tests.conftest import AN, EMMA, FakeUser, Harness


async def consent_on_record(bot: Harness, user: FakeUser = AN) -> bool:
    async with deps_of(bot.app).sessions() as session:
        found = await session.scalar(select(User.consent_at).where(User.telegram_id == user.id))
    return found is not None


@pytest.mark.parametrize("typed", ["dong y", "đồng ý", "ok đồng ý", "Em đồng ý ạ"])
async def test_a_typed_agreement_is_an_agreement(bot: Harness, typed: str) -> None:
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    await bot.say(AN, typed)
    texts = bot.texts(AN)
    assert "✅ Cảm ơn bạn. Đã ghi nhận sự đồng ý." in texts
    assert any("Đã lưu hồ sơ" in text for text in texts)
    assert await consent_on_record(bot)


async def test_a_typed_refusal_declines(bot: Harness) -> None:
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    reply = await bot.say(AN, "không đồng ý")
    assert reply is not None and reply.text.startswith("Bot không lưu hồ sơ của bạn")
    assert not await consent_on_record(bot)


async def test_a_question_about_the_data_is_answered_and_the_notice_waits(bot: Harness) -> None:
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    before = len(bot.texts(AN))
    await bot.say(AN, "bot lưu dữ liệu gì")
    answer, still = bot.texts(AN)[before:]
    assert "bot lưu <b>họ và tên, đơn vị</b>" in answer
    assert still.startswith("🔒 Câu hỏi về việc đồng ý")
    await bot.say(AN, "đồng ý")  # still waiting: a typed agreement now answers it
    assert await consent_on_record(bot)


async def test_english(bot: Harness) -> None:
    await bot.say(EMMA, "/profile Emma Tran | Finance Office")
    await bot.say(EMMA, "I agree")
    assert "✅ Thank you. Your consent is recorded." in bot.texts(EMMA)
    assert await consent_on_record(bot, EMMA)


_AROUND = st.sampled_from(["", "em ", "tôi ", "ok ", "vâng "])
_AFTER = st.sampled_from(["", " ạ", " nhé", " nha"])
_AGREE = st.sampled_from(["đồng ý", "dong y", "Đồng Ý", "ĐỒNG Ý"])


@given(_AROUND, _AGREE, _AFTER)
def test_agreement_with_softeners(before: str, said: str, after: str) -> None:
    assert consent_reply(f"{before}{said}{after}") is True


@given(_AROUND, _AGREE, _AFTER, st.sampled_from(["không ", "ko ", "chưa "]))
def test_a_negated_agreement_is_never_an_agreement(
    before: str, said: str, after: str, no: str
) -> None:
    assert consent_reply(f"{before}{no}{said}{after}") is False


@given(st.text(max_size=40))
def test_never_crashes(text: str) -> None:
    assert consent_reply(text) in (True, False, None)
