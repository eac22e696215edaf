"""Consent before registration (Law 91/2025/QH15, Decree 356/2025/NĐ-CP): nothing stored
before "I agree", recorded when it is given, asked of those registered before the notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from bot.context import deps_of
from db.migrate import upgrade
from db.models import Unit, User
from db.queries.users import CONSENT_VERSION, ConsentRequired, Contact, save_profile
from db.session import create_engine, create_sessionmaker
from tests.conftest import AN, BINH, EMMA, Harness, callback_data, vn
from tests.handlers.test_privacy import FULL_NAME, NEEDLES, UNIT, VAN, traces, via_inbox


async def people(bot: Harness) -> list[User]:
    async with deps_of(bot.app).sessions() as session:
        return list(await session.scalars(select(User).order_by(User.telegram_id)))


async def units(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(select(func.count(Unit.id))) or 0)


async def test_one_line_profile_waits_for_consent_and_stores_nothing_before(bot: Harness) -> None:
    reply = await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Quản lý Khoa học")
    assert reply is not None
    for part in (
        "họ và tên, đơn vị",
        "Để làm gì",
        "Ai xem được",
        "Lưu bao lâu",
        "tự xóa sau 7 ngày",
        "rút lại sự đồng ý",
        "/xoadulieu",
    ):
        assert part in reply.text
    assert callback_data(bot.last(AN)) == ["consent:yes", "consent:no"]
    assert await people(bot) == [] and await units(bot) == 0
    # Text typed instead of an answer is not taken as one, and not stored.
    reply = await bot.say(AN, "Nguyễn Văn An")
    assert reply is not None and "Tôi đồng ý" in reply.text
    assert await people(bot) == []
    bot.clock.set(vn(2023, 10, 3, 9, 5))
    reply = await bot.agree(AN)
    assert reply is not None and "Đã lưu hồ sơ" in reply.text
    [an] = await people(bot)
    assert (an.full_name, an.consent_version) == ("Nguyễn Văn An", CONSENT_VERSION)
    assert an.consent_at == vn(2023, 10, 3, 9, 5)
    # Once given, it is not asked again.
    reply = await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Tổng hợp")
    assert reply is not None and "Đơn vị: Phòng Tổng hợp" in reply.text
    assert (await people(bot))[0].consent_at == vn(2023, 10, 3, 9, 5)


async def test_declining_stores_nothing_and_purges_what_was_typed(bot: Harness) -> None:
    bot = via_inbox(bot)
    await bot.say(VAN, f"/hoso {FULL_NAME} | {UNIT}")
    reply = await bot.press(VAN, "consent:no")
    assert reply is not None and "không lưu hồ sơ" in reply.text
    assert await people(bot) == [] and await units(bot) == 0
    assert await traces(bot, NEEDLES, VAN.id) == []
    # The bot still answers questions.
    reply = await bot.say(VAN, "chủ đề năm nay là gì")
    assert reply is not None and "Chủ đề" in reply.text


async def test_step_by_step_and_checkin_detour_ask_consent_first(bot: Harness) -> None:
    reply = await bot.say(AN, "/diemdanh 45 đọc sách")
    assert reply is not None and reply.text.startswith("Để điểm danh, bạn cần đăng ký")
    assert "Bạn có đồng ý không?" in reply.text
    await bot.agree(AN)
    assert "họ và tên" in bot.last(AN).text
    await bot.say(AN, "Nguyễn Văn An")
    reply = await bot.say(AN, "Phòng Tổng hợp")
    assert reply is not None and "Đã ghi nhận điểm danh" in reply.text
    assert (await people(bot))[0].consent_version == CONSENT_VERSION
    # English speakers read the notice in English.
    reply = await bot.say(EMMA, "/profile")
    assert reply is not None and "Do you agree?" in reply.text and "Who sees it" in reply.text
    assert "I agree" in str(bot.last(EMMA).reply_markup)


async def test_after_a_restart_the_old_button_says_so_and_asks_again(bot: Harness) -> None:
    """A restart forgets what waited in memory: the old "I agree" claims nothing, the
    question comes again, and answering it starts the form afresh."""
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng A")
    bot.app.user_data[AN.id].clear()
    await bot.agree(AN)
    assert any("Nút này đã hết hạn; chưa có gì được ghi nhận" in x for x in bot.texts(AN))
    assert "Đã ghi nhận sự đồng ý" not in " ".join(bot.texts(AN))
    assert callback_data(bot.last(AN)) == ["consent:yes", "consent:no"] and await people(bot) == []
    await bot.agree(AN)
    assert "họ và tên" in bot.last(AN).text and await people(bot) == []
    await bot.say(AN, "Nguyễn Văn An")
    reply = await bot.say(AN, "Phòng A")
    assert reply is not None and "Đã lưu hồ sơ" in reply.text
    assert (await people(bot))[0].consent_at is not None


async def forget_consent(bot: Harness) -> None:
    """As migration 0006 leaves those registered before the notice existed."""
    async with deps_of(bot.app).sessions() as session, session.begin():
        await session.execute(update(User).values(consent_at=None, consent_version=None))


async def test_registered_before_the_notice_are_asked_on_their_next_checkin(bot: Harness) -> None:
    for user, name in ((AN, "Nguyễn Văn An"), (BINH, "Trần Thị Bình")):
        await bot.say(user, f"/hoso {name} | Phòng Tổng hợp")
        await bot.agree(user)
    await forget_consent(bot)
    # Reading their own data needs nothing new.
    reply = await bot.say(AN, "/cuatoi")
    assert reply is not None and "Bạn có đồng ý" not in reply.text
    reply = await bot.say(AN, "/diemdanh 30 đọc sách")
    assert reply is not None and "quy định bảo vệ dữ liệu cá nhân" in reply.text
    assert await bot.checkin_count() == 0
    reply = await bot.agree(AN)
    assert reply is not None and "Đã ghi nhận điểm danh" in reply.text
    assert (await people(bot))[0].consent_version == CONSENT_VERSION
    # Declining is withdrawing: the erasure is offered (or the question again), never "keep".
    await bot.say(BINH, "/hoso")
    reply = await bot.press(BINH, "consent:no")
    assert reply is not None and "cần được xóa" in reply.text
    assert callback_data(bot.last(BINH)) == ["del:yes", "consent:back"]
    await bot.press(BINH, "del:yes")
    assert [u.telegram_id for u in await people(bot)] == [AN.id]


async def test_a_profile_is_never_stored_without_consent(tmp_path: Path, database_url: str) -> None:
    engine = create_engine(database_url)
    await upgrade(engine)
    sessions = create_sessionmaker(engine)
    contact = Contact(AN.id, AN.id, "an_nguyen", "vi")
    with pytest.raises(ConsentRequired):
        async with sessions() as session, session.begin():
            await save_profile(
                session, contact, "Nguyễn Văn An", "Phòng A", vn(2023, 10, 3), unit_key="phong a"
            )
    async with sessions() as session:
        assert await session.scalar(select(func.count(User.id))) == 0
        assert await session.scalar(select(func.count(Unit.id))) == 0
    await engine.dispose()
