"""Issue 13, second round, through the real Application: the tester's messages that reached
the wrong action (erase taken for undo, a check-in's duration dropped, shorthand not
understood, privacy and reminder times, organisers' tools, English reminder words), editions
known before their notice, and "năm 2021" as a command's year."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.context import deps_of
from bot.core.schedule import load_reminder_data
from bot.offline.fake_updates import FakeUser
from bot.ui.texts.en import En
from bot.ui.texts.vi import Vi
from db.queries.users import set_role
from tests.conftest import ADMIN, AN, BINH, EMMA, Harness, Restartable, callback_data, vn

ORG = FakeUser(2001, "Tổ chức", "vi", "to_chuc")


async def register(bot: Harness, user: FakeUser = AN) -> None:
    command = "/profile" if user is EMMA else "/hoso"
    await bot.say(user, f"{command} {user.first_name} Nguyễn | Phòng Tổng hợp")
    await bot.agree(user)


@pytest.fixture(autouse=True)
def mid_week(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 4, 20, 0))  # the tester's clock (MID)


# --- (1) erasure is never undo --------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "text"),
    [
        (AN, "xóa dữ liệu của tôi"),
        (AN, "xoa ho so"),
        (AN, "rut lai dong y"),
        (AN, "toi muon xoa tai khoan"),
        (AN, "xóa sạch dữ liệu của tôi đi"),
        (EMMA, "delete my data"),
        (EMMA, "please delete my account"),
    ],
)
async def test_erase_sentences_ask_to_confirm_erasure(
    bot: Harness, user: FakeUser, text: str
) -> None:
    await register(bot, user)
    await bot.say(user, "/diemdanh 30")  # an undo would have something to offer
    reply = await bot.say(user, text)
    t = En if user is EMMA else Vi
    assert reply is not None and reply.text == t.DELETE_CONFIRM
    assert callback_data(reply) == ["del:yes", "del:no"]
    assert await bot.checkin_count() == 1  # nothing erased before the confirmation


async def test_undo_and_reminder_words_keep_their_actions(bot: Harness) -> None:
    await register(bot)
    await bot.say(AN, "/diemdanh 30")
    reply = await bot.say(AN, "xóa lượt vừa rồi")
    assert reply is not None and reply.text.startswith(Vi.UNDO_CONFIRM.split("\n")[0])
    reply = await bot.say(AN, "hủy nhắc nhở")
    assert reply is not None and reply.text == Vi.REMIND_TURNED_OFF
    reply = await bot.say(AN, "hủy đăng ký nhận nhắc nhở")
    assert reply is not None and reply.text == Vi.REMIND_TURNED_OFF


# --- (15, 16) a check-in sentence with a duration is logged like the one-line command -------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("toi muon diem danh 30p doc sach", "/diemdanh 30p doc sach"),
        ("điểm danh 45p đọc sách", "/diemdanh 45p đọc sách"),
        ("hoc 30p roi", "/diemdanh 30p"),
        ("em hoc dc 1 tieng", "/diemdanh 1 tieng"),
    ],
)
async def test_check_in_sentence_with_a_duration_logs_it(
    bot: Harness, text: str, line: str
) -> None:
    await register(bot)
    await register(bot, BINH)
    said = await bot.say(AN, text)
    typed = await bot.say(BINH, line)
    assert said is not None and typed is not None
    assert said.text == typed.text  # exactly what the command does
    assert said.text.startswith("✅") and await bot.checkin_count() == 2


async def test_check_in_sentence_in_english_with_a_duration(bot: Harness) -> None:
    await register(bot, EMMA)
    reply = await bot.say(EMMA, "I studied 45 minutes")
    assert reply is not None and "45 min" in reply.text and await bot.checkin_count() == 1


async def test_check_in_sentence_with_a_duration_before_registering(bot: Harness) -> None:
    reply = await bot.say(AN, "điểm danh 45p đọc sách")
    assert reply is not None and "consent:yes" in callback_data(reply)  # registration first
    await bot.agree(AN)
    await bot.say(AN, "An Nguyễn")
    reply = await bot.say(AN, "Phòng Tổng hợp")
    assert await bot.checkin_count() == 1  # then the check-in it asked for
    assert reply is not None and "45 phút" in reply.text


@pytest.mark.parametrize("text", ["dd", "đd", "tôi muốn điểm danh"])
async def test_check_in_without_a_duration_keeps_the_one_tap_button(
    bot: Harness, text: str
) -> None:
    await register(bot)
    reply = await bot.say(AN, text)
    assert reply is not None and reply.text == Vi.CHAT_CHECKIN
    assert callback_data(reply) == ["menu:checkin"] and await bot.checkin_count() == 0


# --- (16, 17) my week ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "text"),
    [
        (AN, "mình đã học bao nhiêu"),
        (AN, "minh da hoc bao nhieu"),
        (AN, "xem lai diem danh"),
        (AN, "thống kê của tôi"),
        (EMMA, "my progress"),
    ],
)
async def test_my_week_sentences_show_my_week(bot: Harness, user: FakeUser, text: str) -> None:
    await register(bot, user)
    await bot.say(user, "/checkin 30")
    reply = await bot.say(user, text)
    assert reply is not None and reply.text.startswith("👤 <b>")
    assert await bot.checkin_count() == 1  # not a new check-in


# --- (18) privacy and reminder times, registered or not --------------------------------------


@pytest.mark.parametrize(
    ("user", "text"),
    [
        (AN, "bot luu du lieu gi cua toi"),
        (AN, "ai xem duoc du lieu cua toi"),
        (AN, "bảo mật"),
        (EMMA, "what personal data do you store"),
        (EMMA, "privacy"),
    ],
)
async def test_privacy_questions_get_the_privacy_notice(
    bot: Harness, user: FakeUser, text: str
) -> None:
    reply = await bot.say(user, text)
    heading = En.PRIVACY if user is EMMA else Vi.PRIVACY
    assert reply is not None and reply.text.startswith(heading.split("\n")[0])
    assert Vi.NOT_REGISTERED not in reply.text


@pytest.mark.parametrize(
    ("user", "text", "line"),
    [
        (AN, "nhac nho luc may gio", "• Nhắc người chưa điểm danh: {time} mỗi ngày"),
        (EMMA, "what time are the reminders", "• Nudge to those not yet checked in: {time} every"),
    ],
)
async def test_reminder_times_come_from_the_schedule(
    bot: Harness, user: FakeUser, text: str, line: str
) -> None:
    reply = await bot.say(user, text)
    assert reply is not None
    specs = {s.kind: s for s in load_reminder_data().specs}
    nudge = specs["nudge"].time.strftime("%H:%M")
    assert line.format(time=nudge) in reply.text
    for spec in specs.values():
        assert spec.time.strftime("%H:%M") in reply.text
    assert "Asia/" not in reply.text  # the zone in words: "giờ Việt Nam", "Vietnam time"
    assert ("giờ Việt Nam" if user is AN else "Vietnam time") in reply.text


async def test_reminder_times_follow_an_editions_own_schedule(
    restartable: Restartable, tmp_path: Path
) -> None:
    # An edition's own [[edition.reminder]] blocks replace the default: the reply follows.
    own = tmp_path / "editions.toml"
    own.write_text(
        '[[edition]]\nyear = 2023\nname = "N"\nstart = 2023-10-02\nend = 2023-10-08\n'
        'opening = 2023-10-02\ntheme = "T"\norganiser = "O"\npurposes = ["P"]\nsource = "S"\n'
        '[[edition.reminder]]\nkind = "nudge"\nday = "each"\ntime = 21:15:00\n'
        'audience = "without_checkin"\n',
        "utf-8",
    )
    restartable.configure(editions_file=own)
    restartable.clock.set(vn(2023, 10, 4, 20, 0))
    async with restartable.started() as bot:
        reply = await bot.say(AN, "mấy giờ nhắc")
    assert reply is not None and "21:15" in reply.text and "20:00" not in reply.text
    assert "08:00" not in reply.text  # the default's morning message is not in this schedule


# --- (19) organisers' and admins' tools --------------------------------------------------------


async def test_admin_tools_run_for_the_admin(bot: Harness) -> None:
    reply = await bot.say(ADMIN, "thong ke")
    assert reply is not None and reply.text.startswith("📊 <b>Thống kê Tuần lễ năm 2023")
    reply = await bot.say(ADMIN, "bao cao")
    assert reply is not None and reply.text.startswith("📊 <b>Thống kê")
    reply = await bot.say(ADMIN, "gui thong bao")
    assert reply is not None and reply.text == Vi.CHAT_BROADCAST
    reply = await bot.say(ADMIN, "xuat excel")
    assert reply is not None and reply.media == (
        "document",
        "tuan-le-hoc-tap-suot-doi-2023.xlsx",
    )


async def test_organiser_gets_stats_and_is_told_export_is_for_admins(bot: Harness) -> None:
    await register(bot, ORG)
    async with deps_of(bot.app).sessions() as session, session.begin():
        await set_role(session, ORG.id, "organiser")
    reply = await bot.say(ORG, "thống kê")
    assert reply is not None and reply.text.startswith("📊 <b>Thống kê")
    reply = await bot.say(ORG, "xuất excel")
    tool = Vi.CHAT_TOOLS["export"]
    assert reply is not None
    assert reply.text == f"{Vi.CHAT_FOR_ADMINS.format(tool=tool)}\n{Vi.CHAT_ORGANISER_CAN}"


@pytest.mark.parametrize(
    ("user", "text", "intent"),
    [
        (AN, "thong ke", "stats"),
        (AN, "bao cao", "stats"),
        (AN, "gui thong bao", "broadcast"),
        (EMMA, "send an announcement to everyone", "broadcast"),
        (EMMA, "export to excel", "export"),
    ],
)
async def test_officials_are_told_who_the_tools_are_for(
    bot: Harness, user: FakeUser, text: str, intent: str
) -> None:
    await register(bot, user)
    t = En if user is EMMA else Vi
    reply = await bot.say(user, text)
    assert reply is not None
    refusal = t.CHAT_FOR_ADMINS if intent == "export" else t.CHAT_FOR_ORGANISERS
    assert reply.text == f"{refusal.format(tool=t.CHAT_TOOLS[intent])}\n{t.CHAT_OFFICIAL_CAN}"
    assert reply.media is None


# --- (20) English reminder and other action words ----------------------------------------------


async def test_english_action_words(bot: Harness) -> None:
    await register(bot, EMMA)
    for text, expected in [
        ("turn off reminders", En.REMIND_TURNED_OFF),
        ("turn on reminders", En.REMIND_TURNED_ON),
        ("stop reminders", En.REMIND_TURNED_OFF),
        ("switch the reminders on", En.REMIND_TURNED_ON),
        ("mute", En.REMIND_TURNED_OFF),
    ]:
        reply = await bot.say(EMMA, text)
        assert reply is not None and reply.text == expected, text
    await bot.say(EMMA, "/checkin 20")
    reply = await bot.say(EMMA, "undo my last check-in")
    assert reply is not None and reply.text.startswith("Remove your last check-in?")


@pytest.mark.parametrize("text", ["register", "sign up"])
async def test_english_register_words(bot: Harness, text: str) -> None:
    reply = await bot.say(EMMA, text)
    assert reply is not None and "consent:yes" in callback_data(reply)


# --- (22) an edition is not known before its notice --------------------------------------------


@pytest.mark.parametrize(
    ("user", "text", "says"),
    [
        (AN, "chủ đề 2023", "Chưa có thông tin về Tuần lễ năm 2023"),
        (AN, "/chude 2023", "Chưa có thông tin về Tuần lễ năm 2023"),
        (AN, "/tuanle 2023", "Chưa có thông tin về Tuần lễ năm 2023"),
        (EMMA, "theme 2023", "There is no information yet about the 2023 week"),
    ],
)
async def test_a_later_edition_is_unknown_on_an_early_clock(
    bot: Harness, user: FakeUser, text: str, says: str
) -> None:
    bot.clock.set(vn(2021, 10, 3, 10, 0))
    reply = await bot.say(user, text)
    assert reply is not None and says in reply.text
    assert "Xây dựng năng lực tự học" not in reply.text  # 2023's theme
    assert "3801/KH-SKHCN" not in reply.text  # 2023's plan


# --- (34b) "năm 2021" as a command's year -------------------------------------------------------


@pytest.mark.parametrize("text", ["/chude năm 2021", "/chude nam 2021", "/theme year 2021"])
async def test_year_after_the_word_nam(bot: Harness, text: str) -> None:
    reply = await bot.say(AN, text)
    assert reply is not None and "Chủ đề Tuần lễ năm 2021" in reply.text


async def test_stats_year_after_the_word_nam(bot: Harness) -> None:
    reply = await bot.say(ADMIN, "/thongke năm 2021")
    assert reply is not None and "năm 2021" in reply.text.split("\n")[0]


@pytest.mark.parametrize("text", ["/chude năm abc", "/chude năm", "/tuanle tháng 2021"])
async def test_garbage_years_are_still_refused(bot: Harness, text: str) -> None:
    reply = await bot.say(AN, text)
    command = text.split()[0]
    assert reply is not None
    assert reply.text == Vi.YEAR_INVALID.format(example=f"{command} 2023")
