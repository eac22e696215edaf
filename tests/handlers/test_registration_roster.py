"""QA of issue 14, registration: the staff list's spelling of the name is stored (7); a unit
not on the list names whom to tell and how to stop, without repeating itself (9); the
confirmation names the next step (10); the roster's unit is offered first to a name it lists
once (27); the data notice says the bot links people to the staff list (26)."""

from __future__ import annotations

from sqlalchemy import update

from bot.context import deps_of
from db.models import Checkin, User
from db.queries.users import CONSENT_VERSION
from tests.conftest import AN, BINH, EMMA, Harness, Restartable, button_pairs, callback_data, vn
from tests.handlers.test_invite_links import _roster, invite, profile_of


async def test_a_roster_match_stores_the_lists_spelling_and_says_so(bot: Harness) -> None:
    await _roster(bot, ("Nguyễn Văn An", "Phòng Kế toán"))
    await invite(bot)
    await bot.say(AN, "/start u-phong-ke-toan")
    await bot.agree(AN)
    reply = await bot.say(AN, "nguyen van an")
    assert reply is not None
    assert "Họ và tên: Nguyễn Văn An" in reply.text
    assert "theo danh sách cán bộ: <b>Nguyễn Văn An</b> (bạn gõ «nguyen van an»)" in reply.text
    assert await profile_of(bot, AN.id) == ("Nguyễn Văn An", "Phòng Kế toán")
    # Typed as the list spells it: nothing more to say.
    reply = await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Kế toán")
    assert reply is not None and "bạn gõ" not in reply.text


async def test_a_unit_not_on_the_list_names_whom_to_tell_and_how_to_stop(
    restartable: Restartable,
) -> None:
    for contact, named in ((None, "ban tổ chức Tuần lễ"), ("Phòng Tổ chức – 028 1234", "028 1234")):
        restartable.configure(privacy_contact=contact)
        async with restartable.started() as bot:
            await _roster(bot, (f"Người {named}", f"Phòng {named}"))
            await bot.say(AN, "/hoso")
            await bot.agree(AN)  # nothing is stored before the unit: asked each time
            await bot.say(AN, "Lê Minh")
            first = await bot.say(AN, "Phòng Mới Toanh")
            assert first is not None and "Không có đơn vị nào khớp" in first.text
            assert named in first.text and "Hủy</b>" in first.text
            assert "cancel" in callback_data(first)
            second = await bot.say(AN, "Phòng Khác Nữa")
            assert second is not None and "Vẫn chưa có đơn vị nào khớp" in second.text
            assert named in second.text and second.text != first.text
            done = await bot.say(AN, "hủy")
            assert done is not None and await profile_of(bot, AN.id) == (None, None)
            # Asked afresh, the first answer comes first again.
            await bot.say(AN, "/hoso Lê Minh")
            await bot.agree(AN)
            again = await bot.say(AN, "Phòng Mới Toanh")
            assert again is not None and "Không có đơn vị nào khớp" in again.text


async def test_during_the_week_the_confirmation_leads_to_the_check_in(bot: Harness) -> None:
    await bot.register(BINH, "Trần Bình", "Phòng Kế toán")
    await invite(bot)
    await bot.say(AN, "/start u-phong-ke-toan")
    await bot.agree(AN)
    reply = await bot.say(AN, "Lê Minh")
    assert reply is not None and "Đã lưu hồ sơ" in reply.text
    assert "/diemdanh" in reply.text and callback_data(reply) == ["menu:checkin"]
    asked = await bot.press(AN, "menu:checkin")
    assert asked is not None and "bao lâu" in asked.text
    # English.
    reply = await bot.register(EMMA, "Emma Lee", "Phòng Kế toán")
    assert "/checkin" in reply.text


async def test_before_the_week_it_says_when_the_week_starts(bot: Harness) -> None:
    bot.clock.set(vn(2023, 9, 30, 9, 0))  # the 2023 notice is out, the week starts 2 October
    reply = await bot.register(AN, "Nguyễn Văn An", "Phòng Kế toán")
    assert "Tuần lễ bắt đầu ngày 02/10/2023" in reply.text and "menu:checkin" not in str(
        reply.reply_markup
    )
    bot.clock.set(vn(2023, 11, 15, 9, 0))  # after the last week known: nothing more
    reply = await bot.register(BINH, "Trần Bình", "Phòng Kế toán")
    assert "/diemdanh" not in reply.text and "Tuần lễ bắt đầu" not in reply.text


async def test_registering_on_the_way_to_a_check_in_goes_on_to_it(bot: Harness) -> None:
    await bot.say(AN, "/diemdanh")
    await bot.agree(AN)
    await bot.say(AN, "Nguyễn Văn An")
    await bot.say(AN, "Phòng Kế toán")
    saved, asked = bot.texts(AN)[-2:]
    assert "Đã lưu hồ sơ" in saved and "Bước tiếp theo" not in saved
    assert "bao lâu" in asked


async def test_a_name_the_roster_lists_once_is_offered_its_unit_first(bot: Harness) -> None:
    await _roster(
        bot,
        *((f"Người {i}", f"Phòng số {i}") for i in range(12)),
        ("Nguyễn Văn An", "Phòng số 9"),
        ("Trần Thị Bình", "Phòng số 1"),
        ("Trần Thị Bình", "Phòng số 2"),
    )
    await bot.say(AN, "/hoso")
    await bot.agree(AN)
    reply = await bot.say(AN, "nguyễn văn an")
    assert reply is not None and "ghi bạn thuộc <b>Phòng số 9</b>" in reply.text
    pairs = button_pairs(reply)
    assert pairs[0][0] == "✅ Phòng số 9 (theo danh sách)"
    # The picker below, in natural order: 0, 1, 2 ... 7 on the first page.
    assert [label for label, _ in pairs[1:9]] == [f"Phòng số {i}" for i in range(8)]
    nxt = await bot.press(AN, "unitpg:1")
    assert nxt is not None and button_pairs(nxt)[0][0] == "✅ Phòng số 9 (theo danh sách)"
    assert [label for label, _ in button_pairs(nxt)[1:5]] == [f"Phòng số {i}" for i in range(8, 12)]
    done = await bot.press(AN, pairs[0][1])
    assert done is not None and "danh sách cán bộ của Phòng số 9" in done.text
    # Listed twice: no unit is put first.
    await bot.say(BINH, "/hoso")
    await bot.agree(BINH)
    reply = await bot.say(BINH, "Trần Thị Bình")
    assert reply is not None and "theo danh sách" not in str(reply.reply_markup)


async def test_the_notice_says_registration_is_linked_to_the_staff_list(bot: Harness) -> None:
    notice = await bot.say(AN, "/hoso")
    assert notice is not None and "danh sách cán bộ" in notice.text
    assert "mã cán bộ do cơ quan quản lý" in notice.text
    await bot.agree(AN)
    await bot.say(AN, "Nguyễn Văn An")
    await bot.say(AN, "Phòng Kế toán")
    privacy = await bot.say(AN, "/baomat")
    assert privacy is not None and "dòng của bạn trong danh sách" in privacy.text
    english = await bot.say(EMMA, "/profile")
    assert english is not None and "staff list" in english.text


async def test_who_agreed_to_the_earlier_notice_is_asked_again_and_told_why(
    bot: Harness,
) -> None:
    await bot.register(AN, "Nguyễn Văn An", "Phòng Kế toán")
    async with deps_of(bot.app).sessions() as s, s.begin():
        await s.execute(update(User).values(consent_version="2026-01"))
    asked = await bot.say(AN, "/diemdanh 30")
    assert asked is not None and "đã được cập nhật" in asked.text
    assert "consent:yes" in callback_data(asked)
    assert CONSENT_VERSION != "2026-01"
    await bot.agree(AN)
    assert await bot.checkins(Checkin.minutes) == [(30,)]
