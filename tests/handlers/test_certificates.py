"""/chungnhan, /chungnhan all and /xacthuc end to end, on the seeded 2023 week (2–8 October)
with a bar of 2 days: An (2 days, 2 h) earns one; Bình and Chi (1 day each) do not."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import AsyncIterator

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bot.context import deps_of
from bot.core.cert_code import check_symbol
from bot.offline.fake_updates import FakeUser
from db.models import AuditEntry
from tests.conftest import ADMIN, AN, BINH, EMMA, Harness, Restartable, vn
from tests.handlers.test_reports import ORG, seed

STRANGER = FakeUser(1009, "Khách", "vi")
CODE = re.compile(r"<code>([0-9A-Z]{5}-[0-9A-Z]{5})</code>")


@pytest.fixture
async def week(restartable: Restartable) -> AsyncIterator[Harness]:
    """The seeded week, with certificates for 2 days of check-ins, the day after it."""
    restartable.configure(cert_min_days=2, org_name="Sở Khoa học và Công nghệ")
    async with restartable.started() as harness:
        await seed(harness)
        harness.clock.set(vn(2023, 10, 9, 9, 0))
        yield harness


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


async def test_an_official_below_the_bar_is_told_what_is_missing(week: Harness) -> None:
    reply = await week.say(BINH, "/chungnhan")
    assert reply is not None and reply.media is None
    assert "chưa đủ điều kiện" in reply.text
    assert "<b>1/7 ngày</b>, tổng cộng <b>45 phút</b>" in reply.text
    assert "ít nhất 2 ngày" in reply.text
    assert "Còn thiếu: <b>1 ngày có điểm danh</b>" in reply.text
    assert "Tuần lễ đã kết thúc ngày 08/10/2023" in reply.text
    unregistered = await week.say(EMMA, "/certificate")
    assert unregistered is not None and "You have not registered yet" in unregistered.text
    nothing = await week.say(ORG, "/chungnhan")
    assert nothing is not None and "chưa có lượt điểm danh nào" in nothing.text


async def test_during_the_week_the_figures_not_yet_the_certificate(week: Harness) -> None:
    week.clock.set(vn(2023, 10, 4, 10, 0))
    reply = await week.say(AN, "/chungnhan")
    assert reply is not None and reply.media is None
    assert "Bạn đã đạt điều kiện" in reply.text and "sáng ngày 09/10/2023" in reply.text
    short = await week.say(BINH, "/chungnhan 2023")
    assert short is not None and "Tuần lễ còn 5 ngày nữa" in short.text
    early = await week.say(ADMIN, "/chungnhan all")
    assert early is not None and "chưa kết thúc" in early.text


async def test_an_earned_certificate_is_a_pdf_with_its_code(week: Harness) -> None:
    before = len(week.telegram.calls)
    reply = await week.say(AN, "/chungnhan")
    assert reply is not None and reply.media is not None and reply.upload is not None
    assert "sendChatAction" in [c.method for c in week.telegram.calls[before:]]
    assert re.fullmatch(
        r"chung-nhan-2023-nguyen-van-an-[0-9A-Z]{5}-[0-9A-Z]{5}\.pdf", reply.media[1]
    )
    code = CODE.search(reply.text)
    assert code is not None
    pages, text = pdf_text(reply.upload)
    assert pages == 1
    for expected in ("Nguyễn Văn An", "Phòng Quản lý Khoa học", code.group(1), "SỞ KHOA HỌC"):
        assert expected in text
    assert "tự học 2/7 ngày, tổng cộng 2 giờ" in text
    again = await week.say(AN, "/chungnhan")
    assert again is not None and code.group(1) in again.text  # one certificate, one code


async def test_verify_genuine_forged_mistyped_and_empty(week: Harness) -> None:
    reply = await week.say(AN, "/chungnhan")
    assert reply is not None
    found = CODE.search(reply.text)
    assert found is not None
    code = found.group(1)
    genuine = await week.say(STRANGER, f"/xacthuc {code.lower()}")
    assert genuine is not None
    assert "giấy chứng nhận thật" in genuine.text
    assert "<b>Nguyễn Văn An</b>" in genuine.text and "Phòng Quản lý Khoa học" in genuine.text
    assert "năm 2023 (02/10/2023 – 08/10/2023)" in genuine.text
    assert (
        "Tự học 2/7 ngày, tổng cộng 2 giờ" in genuine.text and "Cấp ngày 09/10/2023" in genuine.text
    )
    plain = code.replace("-", "")
    body = "7K4MQ9XP3" if plain[:9] != "7K4MQ9XP3" else "7K4MQ9XP4"
    forged = await week.say(STRANGER, f"/verify {body + check_symbol(body)}")
    assert forged is not None and "không thuộc giấy chứng nhận nào" in forged.text
    typo = ("2" if plain[3] != "2" else "3") if plain[3] not in "0Z" else "5"
    mistyped = await week.say(STRANGER, f"/xacthuc {plain[:3]}{typo}{plain[4:]}")
    assert mistyped is not None and "không phải là mã xác thực hợp lệ" in mistyped.text
    assert "<code>/xacthuc 7K4MQ-9XP3R</code>" in mistyped.text
    html = await week.say(STRANGER, "/xacthuc <b>hi</b>")
    assert html is not None and "&lt;b&gt;hi&lt;/b&gt;" in html.text
    usage = await week.say(STRANGER, "/xacthuc")
    assert usage is not None and "kèm mã xác thực" in usage.text
    linked = await week.say(STRANGER, f"/start xacthuc-{plain}")  # the certificate's QR code
    assert linked is not None and "<b>Nguyễn Văn An</b>" in linked.text
    pasted = await week.say(STRANGER, f"/xacthuc https://t.me/bot?start=xacthuc-{plain}")
    assert pasted is not None and "<b>Nguyễn Văn An</b>" in pasted.text
    spoof = await week.say(STRANGER, "/xacthuc \u202eRNCFS-8XVCX")
    assert spoof is not None and "\u202e" not in spoof.text  # no override turns the reply


async def test_admins_get_every_certificate_as_a_zip_officials_are_refused(
    week: Harness,
) -> None:
    refused = await week.say(ORG, "/chungnhan all")
    assert refused is not None and "chỉ dành cho quản trị viên" in refused.text
    also = await week.say(AN, "/chungnhan tatca 2023")
    assert also is not None and "chỉ dành cho quản trị viên" in also.text and also.media is None
    reply = await week.say(ADMIN, "/chungnhan all 2023")
    assert reply is not None and reply.media == ("document", "giay-chung-nhan-2023.zip")
    assert reply.upload is not None and "1 giấy chứng nhận Tuần lễ 2023" in reply.text
    with zipfile.ZipFile(io.BytesIO(reply.upload)) as archive:
        names = archive.namelist()
        assert len(names) == 1 and names[0].startswith("chung-nhan-2023-nguyen-van-an-")
        for name in names:
            pages, text = pdf_text(archive.read(name))
            assert pages == 1 and "Nguyễn Văn An" in text
    async with deps_of(week.app).sessions() as session:
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "certificates"))
    assert entry is not None and entry.actor_id == ADMIN.id
    assert entry.params == {"year": 2023, "certificates": 1}
    # Written the natural way, two words with their marks, it is the same command.
    natural = await week.say(ADMIN, "/chungnhan tất cả 2023")
    assert natural is not None and natural.media == ("document", "giay-chung-nhan-2023.zip")


async def test_nobody_earned_one(restartable: Restartable) -> None:
    restartable.configure(cert_min_days=3)
    async with restartable.started() as bot:
        await seed(bot)
        bot.clock.set(vn(2023, 10, 12, 9, 0))
        reply = await bot.say(ADMIN, "/chungnhan all")
    assert reply is not None and reply.media is None
    assert "Chưa có ai đạt điều kiện" in reply.text and "ít nhất 3 ngày" in reply.text


async def test_from_a_group_a_button_opens_the_private_chat_at_the_certificate(
    week: Harness,
) -> None:
    group = -100123
    await week.feed(week.factory.message(AN, "/chungnhan", chat_id=group, kind="supergroup"))
    sent = week.telegram.sent(group)[-1]
    [[button]] = sent.reply_markup["inline_keyboard"]
    assert button["url"].endswith("?start=chungnhan")
    reply = await week.say(AN, "/start chungnhan")
    assert reply is not None and reply.media is not None  # the PDF, as /chungnhan sends it
    await week.feed(week.factory.message(AN, "/xacthuc ABC", chat_id=group, kind="group"))
    [[button]] = week.telegram.sent(group)[-1].reply_markup["inline_keyboard"]
    assert button["url"].endswith("?start=xacthuc")
    usage = await week.say(STRANGER, "/start xacthuc")
    assert usage is not None and "kèm mã xác thực" in usage.text
