"""Free text that is not a fact question (issue 13), through the real Application: requests
typed as sentences start the action, small talk gets a brief reply, and questions about
facts the notices do not give are answered honestly with the nearest fact they do give."""

from __future__ import annotations

import pytest

from bot.offline.fake_updates import FakeUser
from bot.ui.texts.en import En
from bot.ui.texts.vi import Vi
from tests.conftest import AN, EMMA, Harness, callback_data, vn

# --- (7) facts the notices do not give -------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "question", "says", "nearest"),
    [
        (AN, "lễ khai mạc tổ chức ở đâu", "không nêu địa điểm tổ chức", "Thứ Hai, ngày 02/10/2023"),
        (AN, "dia diem to chuc tuan le", "không nêu địa điểm tổ chức", "02/10/2023"),
        (EMMA, "where is the opening ceremony held", "does not give the venue", "2 October 2023"),
        (AN, "ai chủ trì lễ khai mạc", "không nêu người chủ trì", "Sở Khoa học và Công nghệ"),
        (EMMA, "who gives the speech at the opening", "who chairs or speaks", "Sở Khoa học"),
        (AN, "tuần lễ có bắt buộc tham gia không", "bắt buộc hay tự nguyện", "viên chức"),
        (EMMA, "is taking part compulsory?", "whether taking part is mandatory", "Audience"),
        (AN, "có giải thưởng gì không", "không nêu giải thưởng", "Cả nước xây dựng xã hội học tập"),
        (AN, "hạn chót điểm danh là khi nào", "không nêu hạn chót", "Từ 02/10/2023 đến hết"),
        (EMMA, "what is the deadline", "does not give any deadline", "2–8 October 2023"),
    ],
)
async def test_unanswerable_questions_are_answered_honestly(
    bot: Harness, user: FakeUser, question: str, says: str, nearest: str
) -> None:
    reply = await bot.say(user, question)
    assert reply is not None
    assert reply.text.startswith("ℹ️"), "the first line says what is missing, not a card"
    assert says in reply.text and nearest in reply.text
    lead = En.CHAT_NEAREST if user is EMMA else Vi.CHAT_NEAREST
    assert lead in reply.text


async def test_mandatory_is_not_answered_with_the_purpose(bot: Harness) -> None:
    reply = await bot.say(AN, "tuần lễ có bắt buộc tham gia không")
    assert reply is not None and "Mục đích" not in reply.text


async def test_ministry_document_the_2021_notice_lacks(bot: Harness) -> None:
    bot.clock.set(vn(2021, 10, 4, 9, 0))
    reply = await bot.say(AN, "văn bản của bộ")
    assert reply is not None
    assert "không nêu văn bản của Bộ Giáo dục và Đào tạo" in reply.text
    assert "1373/QĐ-TTg" in reply.text  # the nearest fact the 2021 notice gives
    assert "Kế hoạch năm 2021" not in reply.text  # not the province's own plan card
    reply = await bot.say(EMMA, "the ministry's document")
    assert reply is not None and reply.text.startswith(En.MINISTRY_UNKNOWN.format(year=2021))
    assert En.CHAT_NEAREST in reply.text and "1373/QĐ-TTg" in reply.text


# --- (8) requests typed as sentences ---------------------------------------------------------


async def test_check_in_sentence_offers_the_flow_and_the_button_enters_it(bot: Harness) -> None:
    await bot.register(AN)
    reply = await bot.say(AN, "tôi muốn điểm danh")
    assert reply is not None and reply.text == Vi.CHAT_CHECKIN
    assert callback_data(reply) == ["menu:checkin"]
    reply = await bot.press(AN, "menu:checkin")
    assert reply is not None and Vi.ASK_DURATION in reply.text
    reply = await bot.press(AN, "dur:30")  # the conversation owns the steps from here
    assert reply is not None and "30 phút" in reply.text


async def test_check_in_sentence_in_english_before_registering(bot: Harness) -> None:
    reply = await bot.say(EMMA, "I want to log my self-study")
    assert reply is not None and reply.text == En.CHAT_CHECKIN
    reply = await bot.press(EMMA, "menu:checkin")
    assert reply is not None and "consent:yes" in callback_data(reply)  # registration comes first


async def test_my_week_undo_and_reminders_as_sentences(bot: Harness) -> None:
    await bot.register(AN)
    await bot.say(AN, "/diemdanh 45 đọc sách")
    reply = await bot.say(AN, "xem lại điểm danh của tôi")
    assert reply is not None and "An Nguyễn" in reply.text and "45 phút" in reply.text
    reply = await bot.say(AN, "hủy điểm danh")
    assert reply is not None and reply.text.startswith(Vi.UNDO_CONFIRM.split("{")[0])
    undo = [d for d in callback_data(reply) if d.startswith("undo:") and d != "undo:keep"]
    reply = await bot.press(AN, undo[0])
    assert reply is not None and reply.text.startswith(Vi.UNDONE.split("{")[0])
    reply = await bot.say(AN, "tắt thông báo đi")
    assert reply is not None and reply.text == Vi.REMIND_TURNED_OFF
    reply = await bot.say(AN, "/nhacnho")
    assert reply is not None and reply.text == Vi.REMIND_IS_OFF
    reply = await bot.say(AN, "bật nhắc nhở")
    assert reply is not None and reply.text == Vi.REMIND_TURNED_ON
    reply = await bot.say(AN, "nhắc nhở")
    assert reply is not None and reply.text == Vi.REMIND_IS_ON


async def test_requests_in_english(bot: Harness) -> None:
    await bot.register(EMMA)
    await bot.say(EMMA, "/checkin 30 reading")
    reply = await bot.say(EMMA, "show my progress")
    assert reply is not None and "Emma Nguyễn" in reply.text
    reply = await bot.say(EMMA, "undo my last check-in")
    assert reply is not None and reply.text.startswith("Remove your last check-in?")
    reply = await bot.say(EMMA, "stop sending me reminders")
    assert reply is not None and reply.text == En.REMIND_TURNED_OFF
    reply = await bot.say(EMMA, "please remind me every day")
    assert reply is not None and reply.text == En.REMIND_TURNED_ON


async def test_requests_before_registering_say_so(bot: Harness) -> None:
    for text in ("xem lại điểm danh của tôi", "tắt thông báo đi", "bật nhắc nhở"):
        reply = await bot.say(AN, text)
        assert reply is not None and reply.text == Vi.NOT_REGISTERED
        assert "menu:profile" in callback_data(reply)  # one tap to the form, not a dead end
    reply = await bot.say(AN, "hủy điểm danh")
    assert reply is not None and reply.text == Vi.UNDO_NOTHING
    reply = await bot.press(AN, "menu:profile")  # the data notice first, inside the flow
    assert reply is not None and "consent:yes" in callback_data(reply)


async def test_register_sentence_starts_registration(bot: Harness) -> None:
    reply = await bot.say(AN, "đăng ký")
    assert reply is not None and "consent:yes" in callback_data(reply)
    reply = await bot.agree(AN)
    assert reply is not None and Vi.ASK_NAME in reply.text
    reply = await bot.say(AN, "Nguyễn Văn An")  # the conversation has the form now
    assert reply is not None and "đơn vị" in reply.text
    await bot.say(AN, "Phòng Tổng hợp")
    reply = await bot.say(AN, "dang ky")  # registered: how to change it, and its button
    assert reply is not None and reply.text == Vi.CHAT_REGISTER
    reply = await bot.press(AN, "menu:profile")  # the button opens the form itself
    assert reply is not None and "Nhập họ và tên để cập nhật" in reply.text
    reply = await bot.say(AN, "Nguyễn Văn Anh")
    assert reply is not None and "đơn vị" in reply.text


async def test_register_sentence_in_english(bot: Harness) -> None:
    reply = await bot.say(EMMA, "sign me up")
    assert reply is not None and "consent:yes" in callback_data(reply)


@pytest.mark.parametrize(("user", "text"), [(AN, "hướng dẫn"), (EMMA, "help"), (AN, "tro giup")])
async def test_help_sentence_gives_help(bot: Harness, user: FakeUser, text: str) -> None:
    reply = await bot.say(user, text)
    assert reply is not None
    # What the bot answers, then the commands by the names of the reader's menu.
    assert reply.text.startswith(En.HELP if user is EMMA else Vi.HELP)
    assert ("/checkin —" if user is EMMA else "/diemdanh —") in reply.text
    assert "menu:checkin" in callback_data(reply)


# --- (9) small talk --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "text", "intent", "button"),
    [
        (AN, "cảm ơn nhiều nha", "thanks", True),
        (EMMA, "thanks", "thanks", True),
        (AN, "ok", "ack", False),
        (EMMA, "okay", "ack", False),
        (AN, "bạn là ai", "identity", False),
        (EMMA, "who are you?", "identity", False),
        (AN, "bot làm được những gì", "capabilities", True),
        (EMMA, "what can you do", "capabilities", True),
        (AN, "tạm biệt nhé", "bye", False),
    ],
)
async def test_small_talk_gets_a_brief_reply(
    bot: Harness, user: FakeUser, text: str, intent: str, button: bool
) -> None:
    reply = await bot.say(user, text)
    t = En if user is EMMA else Vi
    assert reply is not None and reply.text == t.CHAT_SMALLTALK[intent]
    assert t.FALLBACK not in bot.texts(user)
    assert callback_data(reply) == (["menu:checkin"] if button else [])


async def test_greeting_sentence(bot: Harness) -> None:
    reply = await bot.say(AN, "chào bạn")
    assert reply is not None and "Xin chào An" in reply.text


async def test_unknown_text_still_gets_the_fallback(bot: Harness) -> None:
    reply = await bot.say(AN, "giá vàng hôm qua bao nhiêu")
    assert reply is not None and reply.text == Vi.FALLBACK
