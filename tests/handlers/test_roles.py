"""Issue 13 (roles): refusals that name the role, menus and /help per role and language,
people's words instead of developer text, unknown commands, deep links from groups."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.error import NetworkError
from telegram.request import RequestData

from bot.context import deps_of
from bot.offline.fake_telegram import BOT_USERNAME, OfflineTelegram
from bot.offline.fake_updates import FakeUser
from bot.ui.texts import En, Vi
from db.models import AuditEntry, User
from tests.conftest import ADMIN, AN, EMMA, Harness, Restartable, StandInRequest, vn
from tests.handlers.test_broadcast import EX, OFFICIAL, ORG, staff

ORG_EN = FakeUser(2004, "Olivia", "en", "olivia_org")
GROUP = -100555


async def audit_rows(bot: Harness) -> int:
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(select(func.count(AuditEntry.id))) or 0)


async def role_in_db(bot: Harness, telegram_id: int) -> str | None:
    async with deps_of(bot.app).sessions() as session:
        return await session.scalar(select(User.role).where(User.telegram_id == telegram_id))


def help_names(text: str) -> set[str]:
    """The command names /help teaches, one per line ("/diemdanh — …")."""
    return set(re.findall(r"^/(\w+) —", text, re.M))


# --- 3. refusals name the role the tool needs ---------------------------------------------


@pytest.mark.parametrize("command", ["/capquyen @to_chuc", "/audit", "/roles", "/nhatky"])
async def test_an_organiser_is_told_the_tool_is_for_admins(bot: Harness, command: str) -> None:
    await staff(bot)
    reply = await bot.say(ORG, command)
    assert reply is not None and reply.text == Vi.NOT_ALLOWED_ADMIN
    assert "quản trị viên" in reply.text and "ban tổ chức" not in reply.text


async def test_refusals_in_english_and_on_buttons(bot: Harness) -> None:
    await staff(bot)
    await bot.register(ORG_EN)
    await bot.say(ADMIN, "/capquyen @olivia_org")
    await bot.press(ADMIN, f"role:grant:{ORG_EN.id}")
    reply = await bot.say(ORG_EN, "/grant @to_chuc")
    assert reply is not None and reply.text == En.NOT_ALLOWED_ADMIN
    # An organiser pressing an admin's confirmation button: refused as an admin tool.
    await bot.say(ADMIN, "/thuhoi @cuu_to_chuc")  # EX is no organiser: a refusal, no button
    await bot.say(ADMIN, "/thuhoi @to_chuc")
    message = next(m for m in reversed(bot.telegram.sent(ADMIN.id)) if m.reply_markup)
    await bot.feed(bot.factory.press(ORG, message, f"role:revoke:{ORG.id}"))
    answer = bot.telegram.calls[-1]
    assert answer.method == "answerCallbackQuery" and answer.params["text"] == Vi.NOT_ALLOWED_ADMIN
    assert await role_in_db(bot, ORG.id) == "organiser"
    reply = await bot.say(OFFICIAL, "/thongke")
    assert reply is not None and reply.text == Vi.NOT_ALLOWED


# --- 14. menus and /help per role and language --------------------------------------------


async def test_menus_follow_the_role_and_the_language(bot: Harness) -> None:
    await staff(bot)  # ORG granted, EX granted then revoked, ADMIN in ADMIN_IDS
    seen = bot.telegram.menu_seen
    # Everyone: Vietnamese names in Vietnamese, English names in English, no staff tools.
    assert {"diemdanh", "cuatoi", "hoso", "trogiup"} <= set(seen(AN.id))
    assert {"checkin", "me", "profile", "help"} <= set(seen(AN.id, "en"))
    assert not {"thongke", "thongbao", "lichnhac", "capquyen"} & set(seen(AN.id))
    # The organiser's own menu, refreshed on grant.
    assert {"thongke", "thongbao", "lichnhac", "diemdanh"} <= set(seen(ORG.id))
    assert {"stats", "broadcast", "schedule", "checkin"} <= set(seen(ORG.id, "en"))
    assert "capquyen" not in seen(ORG.id)
    # Revoked: the default menu again.
    assert seen(EX.id) == seen(AN.id) and seen(EX.id, "en") == seen(AN.id, "en")
    # The admin gets theirs on /start (Telegram knows their chat once they have written).
    reply = await bot.say(ADMIN, "/start")
    assert reply is not None and "quản trị viên" in reply.text and "/trogiup" in reply.text
    assert {"capquyen", "thuhoi", "nhatky", "phanquyen", "thongke"} <= set(seen(ADMIN.id))
    assert {"grant", "revoke", "audit", "roles", "export"} <= set(seen(ADMIN.id, "en"))


@pytest.mark.parametrize(
    ("who", "language"),
    [
        ("official", "vi"),
        ("official", "en"),
        ("organiser", "vi"),
        ("organiser", "en"),
        ("admin", "vi"),
    ],  # an English admin: test_english_admin_menu_and_help
)
async def test_help_teaches_exactly_the_menu(bot: Harness, who: str, language: str) -> None:
    await staff(bot)
    for user in (EMMA, ORG_EN):
        await bot.register(user)
    await bot.say(ADMIN, "/capquyen @olivia_org")
    await bot.press(ADMIN, f"role:grant:{ORG_EN.id}")
    await bot.say(ADMIN, "/start")
    user = {
        ("official", "vi"): AN,
        ("official", "en"): EMMA,
        ("organiser", "vi"): ORG,
        ("organiser", "en"): ORG_EN,
        ("admin", "vi"): ADMIN,
    }[(who, language)]
    if user is AN:
        await bot.register(AN)
    reply = await bot.say(user, "/help" if language == "en" else "/trogiup")
    assert reply is not None
    menu = bot.telegram.menu_seen(user.id, "en" if language == "en" else "")
    assert help_names(reply.text) == set(menu)
    tools = {"thongke", "thongbao", "lichnhac", "capquyen", "nhatky", "stats", "grant", "audit"}
    if who == "official":
        assert not help_names(reply.text) & tools
    if who == "organiser":
        assert ({"thongke", "thongbao", "lichnhac"} if language == "vi" else {"stats"}) <= set(menu)
        assert not {"capquyen", "grant", "audit", "nhatky"} & set(menu)


async def test_english_admin_menu_and_help(restartable: Restartable) -> None:
    restartable.configure(admin_ids=frozenset({ADMIN.id, EMMA.id}))
    async with restartable.started() as bot:
        await bot.register(EMMA)
        reply = await bot.say(EMMA, "/start")
        assert reply is not None and "You are an <b>admin</b>" in reply.text
        reply = await bot.say(EMMA, "/help")
        assert reply is not None
        assert {"grant", "revoke", "audit", "stats", "broadcast", "checkin"} <= help_names(
            reply.text
        )
        assert "/capquyen" not in reply.text and "/diemdanh" not in reply.text


async def test_menus_and_description_published_at_start_up(restartable: Restartable) -> None:
    async with restartable.started() as bot:
        await staff(bot)
    telegram = restartable.telegram
    assert "Tuần lễ" in telegram.description_seen("description")
    assert "Lifelong Learning Week" in telegram.description_seen("description", "en")
    assert 0 < len(telegram.description_seen("short_description")) <= 120
    assert "Lifelong" in telegram.description_seen("short_description", "en")
    telegram.menus.clear()  # as if Telegram had forgotten them: start-up sets them again
    async with restartable.started():
        assert {"thongke", "diemdanh"} <= set(telegram.menu_seen(ORG.id))
        assert {"capquyen", "nhatky"} <= set(telegram.menu_seen(ADMIN.id))  # ADMIN_IDS
        assert "thongke" not in telegram.menu_seen(EX.id)
        assert "diemdanh" in telegram.menu_seen(AN.id)
    # An admin of ADMIN_IDS who never wrote to the bot: no chat to set, nothing refused.
    assert not [r for r in telegram.rejections if r[0] == "setMyCommands"]


class MenusDown(StandInRequest):
    """Telegram unreachable for per-chat menus only (a network error, not a refusal)."""

    def __init__(self, inner: OfflineTelegram) -> None:
        self.inner = inner

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        scoped = request_data is not None and "scope" in request_data.parameters
        if url.endswith(("/setMyCommands", "/deleteMyCommands")) and scoped:
            raise NetworkError("connection reset by peer")
        return await self.inner.do_request(url, method, request_data, *args, **kwargs)


async def test_grant_and_revoke_stand_when_the_menu_cannot_be_set(
    restartable: Restartable,
) -> None:
    async with restartable.started(request=MenusDown(restartable.telegram)) as bot:
        for user in (ORG, ADMIN):
            await bot.register(user)
        await bot.say(ADMIN, "/capquyen @to_chuc btc")
        reply = await bot.press(ADMIN, f"role:grant:{ORG.id}")
        assert reply is not None and "Đã cấp quyền ban tổ chức" in reply.text
        assert await role_in_db(bot, ORG.id) == "organiser"
        await bot.say(ADMIN, "/thuhoi @to_chuc")
        reply = await bot.press(ADMIN, f"role:revoke:{ORG.id}")
        assert reply is not None and "Đã thu hồi quyền ban tổ chức" in reply.text
        assert await role_in_db(bot, ORG.id) is None


# --- 15. people's words, not developer text -----------------------------------------------


async def test_audit_reads_as_sentences_with_local_dates(bot: Harness) -> None:
    await staff(bot)
    await bot.say(ORG, "/thongbao")
    await bot.say(ORG, "Họp toàn Sở lúc 14:00")
    message = next(m for m in reversed(bot.telegram.sent(ORG.id)) if m.reply_markup)
    data = message.reply_markup["inline_keyboard"][0][0]["callback_data"]  # bc:aud:<id>:all
    await bot.press(ORG, data)
    await bot.press(ORG, data.replace("aud:", "send:").removesuffix(":all"))
    reply = await bot.say(ADMIN, "/audit")
    assert reply is not None
    text = reply.text
    assert "Quản trị Nguyễn (@quantri) cấp quyền ban tổ chức cho Tổ chức Nguyễn (@to_chuc)." in text
    assert "thu hồi quyền ban tổ chức của Cựu tổ chức Nguyễn (@cuu_to_chuc)." in text
    assert "gửi thông báo số 1 tới tất cả cán bộ đã đăng ký (4 nơi nhận)." in text
    assert "15/11/2023 09:00" in text
    for developer in ("broadcast=", "audience=", "unit=", "recipients=", "user=", "2023-11-15"):
        assert developer not in text


async def test_schedule_names_the_zone_in_words(bot: Harness) -> None:
    await staff(bot)
    reply = await bot.say(ORG, "/lichnhac")
    assert reply is not None and "(giờ Việt Nam)" in reply.text and "Asia/" not in reply.text


@pytest.mark.parametrize(
    "words", ["ban tổ chức", "btc", "BTC", "tổ chức", "Ban To Chuc", "organiser", "organizer", ""]
)
async def test_grant_accepts_the_role_in_people_s_words(bot: Harness, words: str) -> None:
    for user in (ORG, ADMIN):
        await bot.register(user)
    reply = await bot.say(ADMIN, f"/capquyen @to_chuc {words}".strip())
    assert reply is not None and "Cấp quyền <b>ban tổ chức</b> cho người này?" in reply.text


async def test_grant_usage_and_admin_role_in_people_s_words(bot: Harness) -> None:
    for user in (ORG, ADMIN):
        await bot.register(user)
    reply = await bot.say(ADMIN, "/capquyen")
    assert reply is not None and reply.text == Vi.GRANT_USAGE and "organiser" not in reply.text
    reply = await bot.say(ADMIN, "/capquyen @to_chuc quản trị viên")
    assert reply is not None and reply.text == Vi.GRANT_ADMIN_NOT_BY_COMMAND
    reply = await bot.say(ADMIN, "/capquyen @to_chuc giám đốc")
    assert reply is not None and reply.text == Vi.GRANT_USAGE


async def test_granting_an_organiser_again_changes_and_audits_nothing(bot: Harness) -> None:
    await staff(bot)
    before = await audit_rows(bot)
    reply = await bot.say(ADMIN, "/capquyen @to_chuc ban tổ chức")
    assert reply is not None and "đã là ban tổ chức" in reply.text and reply.reply_markup is None
    # Two confirmations asked for at once, both pressed: the second changes nothing.
    await bot.register(AN)
    await bot.say(ADMIN, "/capquyen @an_nguyen")
    first = bot.last(ADMIN)
    await bot.say(ADMIN, "/capquyen @an_nguyen")
    await bot.press(ADMIN, f"role:grant:{AN.id}")
    await bot.feed(bot.factory.press(ADMIN, first, f"role:grant:{AN.id}"))
    assert any("đã là ban tổ chức" in t for t in bot.texts(ADMIN)[-2:])
    assert await audit_rows(bot) == before + 1


async def test_unknown_commands_in_a_private_chat(bot: Harness) -> None:
    reply = await bot.say(AN, "/foo")
    assert reply is not None and reply.text == Vi.UNKNOWN_COMMAND.format(name="foo")
    reply = await bot.say(AN, "/diemdnah")
    assert reply is not None and "Có phải bạn muốn gõ /diemdanh?" in reply.text
    reply = await bot.say(EMMA, "/chekin")
    assert reply is not None and "Did you mean /checkin?" in reply.text
    # Officials are not pointed at tools they cannot use.
    reply = await bot.say(AN, "/capquyn")
    assert reply is not None and "capquyen" not in reply.text
    assert await bot.say(AN, "/foo@other_bot") is None


async def test_unknown_commands_in_a_group_only_when_addressed(bot: Harness) -> None:
    await bot.feed(bot.factory.message(AN, "/foo", chat_id=GROUP, kind="supergroup"))
    await bot.feed(bot.factory.message(AN, "/foo@other_bot", chat_id=GROUP, kind="group"))
    assert bot.telegram.sent(GROUP) == []
    await bot.feed(bot.factory.message(AN, f"/foo@{BOT_USERNAME}", chat_id=GROUP, kind="group"))
    reply = bot.telegram.sent(GROUP)[-1]
    assert "/foo" in reply.text and reply.reply_markup is not None


# --- 16. from a group to the private chat, and /start's payloads ---------------------------


@pytest.mark.parametrize(
    ("command", "payload"),
    [("/diemdanh 45", "checkin"), ("/hoso", "register"), ("/tuanle", "week"), ("/cuatoi", None)],
)
async def test_group_reply_links_to_the_private_chat(
    bot: Harness, command: str, payload: str | None
) -> None:
    await bot.feed(bot.factory.message(AN, command, chat_id=GROUP, kind="supergroup"))
    reply = bot.telegram.sent(GROUP)[-1]
    assert reply.text == Vi.PRIVATE_ONLY
    assert reply.reply_markup is not None
    url = reply.reply_markup["inline_keyboard"][0][0]["url"]
    link = f"https://t.me/{BOT_USERNAME}"
    assert url == (f"{link}?start={payload}" if payload else link)


async def test_start_payloads_open_what_was_asked_for(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    reply = await bot.say(AN, "/start register")
    assert reply is not None and reply.reply_markup is not None  # the consent notice
    assert "consent:yes" in str(reply.reply_markup)
    await bot.agree(AN)
    await bot.say(AN, "An Nguyễn")
    await bot.say(AN, "Phòng Tổng hợp")
    reply = await bot.say(AN, "/start checkin")  # the check-in's first step itself
    assert reply is not None and "dur:custom" in str(reply.reply_markup)
    await bot.say(AN, "/cancel")
    reply = await bot.say(AN, "/start week")
    assert reply is not None and "ngày thứ <b>2/7</b>" in reply.text
    reply = await bot.say(AN, "/start nonsense")
    assert reply is not None and "Xin chào An" in reply.text


async def test_deep_links_enter_the_flow_itself(bot: Harness) -> None:
    """t.me/<bot>?start=checkin opens the check-in's first step, ?start=register the form:
    the next typed text is that step's answer, not a question."""
    reply = await bot.say(AN, "/start register")
    assert reply is not None and "consent:yes" in str(reply.reply_markup)
    await bot.agree(AN)
    await bot.say(AN, "Nguyễn Văn An")
    await bot.say(AN, "Phòng Tổng hợp")
    reply = await bot.say(AN, "/start checkin")
    assert reply is not None and reply.reply_markup is not None
    reply = await bot.say(AN, "45")  # the duration step reads it
    assert reply is not None and "45 phút" in reply.text
