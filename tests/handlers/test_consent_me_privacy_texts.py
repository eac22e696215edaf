"""Follow-ups of the English review through the real Application: /privacy shows no
version id next to the consent day (issue 24), "I do not agree" leaves a way back to the
notice and the menu (issue 30), /me offers a check-in while the week runs (issue 31) and
counts its streak in words (issue 29)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.context import deps_of
from bot.offline.fake_telegram import SentMessage
from bot.offline.fake_updates import FakeUser
from db.models import User
from db.queries.users import CONSENT_VERSION
from tests.conftest import AN, EMMA, Harness, vn


def callbacks(message: SentMessage | None) -> list[str]:
    assert message is not None
    rows: list[list[dict[str, Any]]] = (message.reply_markup or {}).get("inline_keyboard", [])
    return [b.get("callback_data", "") for row in rows for b in row]


async def register(bot: Harness, user: FakeUser) -> None:
    command = "/profile" if user.language_code.startswith("en") else "/hoso"
    await bot.say(user, f"{command} Nguyễn Văn An | Phòng Tổng hợp")
    await bot.agree(user)


@pytest.mark.parametrize(
    ("user", "command", "expected"),
    [(AN, "/baomat", "đã đồng ý ngày 03/10/2023."), (EMMA, "/privacy", "given on 3 Oct 2023.")],
)
async def test_privacy_shows_the_day_not_the_version(
    bot: Harness, user: FakeUser, command: str, expected: str
) -> None:
    await register(bot, user)
    reply = await bot.say(user, command)
    assert reply is not None and expected in reply.text
    assert CONSENT_VERSION not in reply.text
    assert "phiên bản" not in reply.text and "version" not in reply.text
    async with deps_of(bot.app).sessions() as session:  # still stored: it decides re-asking
        stored = await session.scalar(select(User.consent_version))
    assert stored == CONSENT_VERSION


@pytest.mark.parametrize(
    ("user", "command", "label"),
    [(AN, "/diemdanh", "Đọc lại thông báo và đăng ký"), (EMMA, "/checkin", "Read the notice")],
)
async def test_declining_leaves_a_way_back_and_the_menu(
    bot: Harness, user: FakeUser, command: str, label: str
) -> None:
    await bot.say(user, command)
    reply = await bot.press(user, "consent:no")
    assert reply is not None and label in str(reply.reply_markup)
    assert callbacks(reply) == [
        "consent:back",
        "menu:theme",
        "menu:dates",
        "menu:opening",
        "menu:purpose",
        "menu:checkin",
    ]
    # The menu still answers; the way back shows the notice, and agreeing registers.
    reply = await bot.press(user, "menu:theme")
    assert reply is not None and "Xây dựng năng lực tự học" in reply.text
    await bot.press(user, "consent:back")
    # The notice, rewritten into the refusal and back into the notice with its buttons.
    [asked] = [m for m in bot.telegram.sent(user.id) if "consent:yes" in callbacks(m)]
    assert asked.edits == 2 and "🔒" in asked.text
    reply = await bot.agree(user)
    assert reply is not None and ("họ và tên" in reply.text or "full name" in reply.text)


@pytest.mark.parametrize(("user", "me"), [(AN, "/cuatoi"), (EMMA, "/me")])
async def test_me_offers_a_checkin_while_the_week_runs(
    bot: Harness, user: FakeUser, me: str
) -> None:
    await register(bot, user)
    reply = await bot.say(user, me)  # 3 October 2023: the week runs
    assert callbacks(reply)[0] == "menu:checkin"
    reply = await bot.press(user, "menu:checkin")
    assert reply is not None and ("45" in reply.text or "How long" in reply.text)
    bot.clock.set(vn(2023, 11, 1, 9, 0))  # over: nothing to check in to
    reply = await bot.say(user, me)
    assert "menu:checkin" not in callbacks(reply)


async def test_me_streak_counts_days_in_english(bot: Harness) -> None:
    await register(bot, EMMA)
    await bot.say(EMMA, "/checkin 30 reading")
    reply = await bot.say(EMMA, "/me")
    assert reply is not None and "Streak: <b>1 day</b>" in reply.text
    bot.clock.set(vn(2023, 10, 4, 9, 0))
    await bot.say(EMMA, "/checkin 30 reading")
    reply = await bot.say(EMMA, "/me")
    assert reply is not None and "Streak: <b>2 days</b>" in reply.text
    reply = await bot.say(AN, "/cuatoi")
    await register(bot, AN)
    await bot.say(AN, "/diemdanh 30 đọc sách")
    reply = await bot.say(AN, "/cuatoi")
    assert reply is not None and "Chuỗi ngày liên tiếp: <b>1</b>" in reply.text
