"""/baocao (/report): admins get the results report as a DOCX whose every figure is the
`stats` figure; organisers and officials are refused; a year without an edition is said."""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document
from sqlalchemy import select

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from bot.services import reports
from db.models import AuditEntry
from tests.conftest import ADMIN, AN, Harness, vn
from tests.handlers.test_reports import ORG, seed
from tests.ui.test_report_docx import assert_figures, texts

ADMIN_EN = replace(ADMIN, language_code="en")


async def test_an_admin_gets_the_report_with_the_stats_figures(bot: Harness) -> None:
    await seed(bot)
    bot.clock.set(vn(2023, 10, 12, 9, 0))
    await bot.say(ADMIN, "/baocao 2023")
    sent = bot.telegram.sent(ADMIN.id)[-1]
    assert sent.media == ("document", "bao-cao-tuan-le-hoc-tap-suot-doi-2023.docx")
    assert sent.upload is not None and "sendChatAction" in bot.telegram.methods()
    assert sent.text.startswith("📄 Báo cáo kết quả tổ chức Tuần lễ năm 2023")
    assert "số liệu đến ngày 12/10/2023" in sent.text
    doc = Document(io.BytesIO(sent.upload))
    deps = deps_of(bot.app)
    edition = deps.editions.get(2023)
    assert edition is not None
    figures = await reports.figures(deps.sessions, edition, deps.clock.tz)
    assert (figures.registered, figures.participants, figures.checkins) == (4, 3, 4)
    assert_figures(doc, figures.as_json())
    body = "\n".join(texts(doc))
    # The settings are unset in tests: blanks, never a name.
    assert "……………………, ngày … tháng … năm 2023" in body
    async with deps.sessions() as session:
        entry = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()[-1]
    assert (entry.action, entry.actor_id, entry.params) == (
        "report",
        ADMIN.id,
        {"year": 2023, "checkins": 4},
    )


async def test_the_caption_follows_the_admins_language_the_document_stays_vietnamese(
    bot: Harness,
) -> None:
    await seed(bot)
    await bot.say(ADMIN_EN, "/report")  # the clock is in the 2023 week: that edition
    sent = bot.telegram.sent(ADMIN.id)[-1]
    assert sent.media == ("document", "bao-cao-tuan-le-hoc-tap-suot-doi-2023.docx")
    assert sent.text.startswith("📄 Results report of the 2023 Week")
    assert sent.upload is not None
    assert "BÁO CÁO" in texts(Document(io.BytesIO(sent.upload)))


async def test_organisers_and_officials_are_refused(bot: Harness) -> None:
    await seed(bot)
    for user in (ORG, AN):
        reply = await bot.say(user, "/baocao")
        assert reply is not None and reply.text == bot.texts(user)[-1]
        assert "quản trị viên" in reply.text
        assert not any(m.media for m in bot.telegram.sent(user.id))
    async with deps_of(bot.app).sessions() as session:
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert "report" not in actions


async def test_a_year_without_an_edition_is_answered(bot: Harness) -> None:
    await seed(bot)
    reply = await bot.say(ADMIN, "/baocao 1999")
    assert reply is not None
    assert "Bot chưa có thông tin về Tuần lễ năm 1999" in reply.text
    assert not any(m.media for m in bot.telegram.sent(ADMIN.id))
    reply = await bot.say(ADMIN, "/baocao abc")
    assert reply is not None and "Năm không hợp lệ" in reply.text


async def test_a_roleless_stranger_gets_no_file(bot: Harness) -> None:
    stranger = FakeUser(4242, "Lạ", "vi")
    reply = await bot.say(stranger, "/report 2023")
    assert reply is not None and not reply.media
