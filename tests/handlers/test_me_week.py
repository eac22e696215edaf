"""/me (/cuatoi) through the real Application (issue 13): the edition's week so far, the
last edition's result outside it, streaks of the edition's days only, the final summary's
longest streak, and deleting any check-in of the running week."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from sqlalchemy import select

from bot.context import deps_of
from bot.delivery.outbox_sender import dispatch_once
from bot.offline.fake_telegram import SentMessage
from bot.offline.fake_updates import FakeUser
from db.models import Checkin
from tests.conftest import AN, BINH, EMMA, Harness, Restartable, vn


async def register(bot: Harness, user: FakeUser, name: str) -> None:
    bot.clock.set(vn(2023, 9, 30, 9, 0))
    await bot.say(user, f"/hoso {name} | Phòng Tổng hợp")
    await bot.agree(user)


async def check_in(bot: Harness, user: FakeUser, *days: int, text: str = "30 đọc sách") -> None:
    command = "/checkin" if user.language_code.startswith("en") else "/diemdanh"
    for day in days:
        bot.clock.set(vn(2023, 10, day, 12, 0))
        await bot.say(user, f"{command} {text}")


async def me(bot: Harness, user: FakeUser, *moment: int) -> SentMessage:
    bot.clock.set(vn(*moment))
    reply = await bot.say(user, "/cuatoi" if user.language_code == "vi" else "/me")
    assert reply is not None
    return reply


def buttons(message: SentMessage) -> list[dict[str, Any]]:
    return [b for row in (message.reply_markup or {}).get("inline_keyboard", []) for b in row]


async def live(bot: Harness) -> list[tuple[int, int]]:
    async with deps_of(bot.app).sessions() as session:
        rows = await session.scalars(select(Checkin).where(Checkin.deleted_at.is_(None)))
        return sorted((r.local_date.day, r.minutes) for r in rows)


# --- the week so far ---------------------------------------------------------------------


async def test_mid_week_shows_each_day_today_and_a_streak_of_the_edition_only(
    bot: Harness,
) -> None:
    """As found: a streak of 4 with 3 days checked in (1 October is before the week)."""
    await register(bot, AN, "Nguyễn Văn An")
    await check_in(bot, AN, 1, 2, 3, 4)
    text = (await me(bot, AN, 2023, 10, 4, 18, 0)).text
    assert "Tuần lễ 2023</b> (02/10/2023 – 08/10/2023) · hôm nay là ngày 3/7" in text
    assert "✅ Thứ Hai 02/10/2023: 30 phút" in text
    assert "✅ Thứ Tư 04/10/2023: 30 phút · <i>hôm nay</i>" in text
    assert "01/10" not in text and "05/10" not in text  # before the week; not yet
    assert "Tổng: <b>1 giờ 30 phút</b>" in text and "<b>3/7</b>" in text
    assert "Chuỗi ngày liên tiếp: <b>3</b>" in text
    # The next day, before checking in: yesterday's streak is still alive.
    text = (await me(bot, AN, 2023, 10, 5, 9, 0)).text
    assert "— Thứ Năm 05/10/2023 · <i>hôm nay</i>" in text
    assert "Chuỗi ngày liên tiếp: <b>3</b>" in text
    text = (await me(bot, AN, 2023, 10, 6, 9, 0)).text
    assert "— Thứ Năm 05/10/2023\n" in text and "Chuỗi ngày liên tiếp: <b>0</b>" in text


async def test_mid_week_in_english(bot: Harness) -> None:
    await register(bot, EMMA, "Emma Tran")
    await check_in(bot, EMMA, 1, 2, 3, text="45 reading")
    text = (await me(bot, EMMA, 2023, 10, 3, 20, 0)).text
    assert "<b>2023 week</b> (2 Oct 2023 – 8 Oct 2023) · today is day 2/7" in text
    assert "✅ Tuesday 3 Oct 2023: 45 min · <i>today</i>" in text
    assert "<b>2/7</b>" in text and "Streak: <b>2 days</b>" in text


# --- outside the week --------------------------------------------------------------------


async def test_after_the_week_the_editions_result_with_its_longest_streak(bot: Harness) -> None:
    """As found: a rolling "7 ngày qua" that cut off the first days of the week."""
    await register(bot, AN, "Nguyễn Văn An")
    await check_in(bot, AN, 2, 3, 4, 7)
    text = (await me(bot, AN, 2023, 10, 12, 9, 0)).text
    assert "7 ngày qua" not in text
    assert "Tuần lễ 2023 đã kết thúc ngày 08/10/2023." in text
    assert "Kết quả Tuần lễ 2023 của bạn</b> (02/10/2023 – 08/10/2023)" in text
    assert "✅ Thứ Hai 02/10/2023: 30 phút" in text and "— Chủ nhật 08/10/2023" in text
    assert "hôm nay" not in text
    assert "<b>2 giờ</b>" in text and "<b>4/7</b>" in text
    assert "Chuỗi ngày liên tiếp dài nhất: <b>3</b>" in text
    assert [b["callback_data"] for b in buttons(await me(bot, AN, 2023, 10, 12, 9))] == [
        "remind:off"
    ]


async def test_in_2026_there_is_no_data_and_2023s_result_is_shown(bot: Harness) -> None:
    await register(bot, AN, "Nguyễn Văn An")
    await register(bot, EMMA, "Emma Tran")
    await check_in(bot, AN, 5, 6)
    await check_in(bot, EMMA, 8, text="1 hour reading")
    text = (await me(bot, AN, 2026, 11, 24, 9, 0)).text
    assert "chưa có thông tin về Tuần lễ năm 2026" in text
    assert "Kết quả Tuần lễ 2023 của bạn" in text and "<b>2/7</b>" in text
    assert "Chuỗi ngày liên tiếp dài nhất: <b>2</b>" in text
    text = (await me(bot, EMMA, 2026, 11, 24, 9, 0)).text
    assert "no information yet about a 2026 week" in text
    assert "Your result in the 2023 week" in text and "<b>1/7</b>" in text
    assert "Longest streak: <b>1 day</b>" in text and "1 h" in text


# --- the final summary --------------------------------------------------------------------


async def test_final_summary_gives_the_longest_streak(bot: Harness) -> None:
    """As found: "Chuỗi ngày liên tiếp: 0" after three days running and the end missed."""
    await register(bot, AN, "Nguyễn Văn An")
    await register(bot, EMMA, "Emma Tran")
    await check_in(bot, AN, 1, 4, 5, 6)
    await check_in(bot, EMMA, 1, 2, 5, text="20 reading")
    bot.clock.set(vn(2023, 10, 8, 20, 30, 5))
    await dispatch_once(deps_of(bot.app), bot.app.bot)
    text = bot.last(AN).text
    assert "Tổng kết tuần học tập" in text and "<b>3/7</b>" in text
    assert "Chuỗi ngày liên tiếp dài nhất: <b>3</b>" in text and "<b>1 giờ 30 phút</b>" in text
    text = bot.last(EMMA).text
    assert "Your week of learning" in text and "<b>2/7</b>" in text
    assert "Longest streak: <b>1</b>" in text  # 1 October is not a day of the week


# --- deleting any check-in of the running week ----------------------------------------------


async def test_delete_any_entry_after_confirming_once(bot: Harness) -> None:
    await register(bot, AN, "Nguyễn Văn An")
    await register(bot, BINH, "Trần Bình")
    await check_in(bot, AN, 2)
    await check_in(bot, AN, 3, text="45 hội thảo")
    summary = await me(bot, AN, 2023, 10, 4, 9, 0)
    labels = [b["text"] for b in buttons(summary)]
    assert labels[:2] == ["✅ Điểm danh tự học", "🔕 Tắt nhắc nhở"]  # check in, reminders
    assert labels[2:] == [
        "🗑 03/10/2023 · 45 phút · 🎤 Hội thảo/webinar",
        "🗑 02/10/2023 · 30 phút · 📚 Đọc sách/tài liệu",
    ]
    assert "Bấm 🗑 bên dưới để xóa" in summary.text
    ask = buttons(summary)[3]["callback_data"]  # the older one: not only the last can go
    assert ask.startswith("mine:ask:") and len(ask.encode()) <= 64
    target = ask.removeprefix("mine:ask:")
    # Someone else pressing a forged button deletes nothing.
    await bot.feed(bot.factory.press(BINH, summary, f"mine:yes:{target}"))
    assert await live(bot) == [(2, 30), (3, 45)]
    summary = await me(bot, AN, 2023, 10, 4, 9, 0)
    confirm = await bot.press(AN, ask)
    assert confirm is not None and "Xóa lượt điểm danh này?" in confirm.text
    assert "• Thời lượng: 30 phút" in confirm.text and "• Ngày: 02/10/2023" in confirm.text
    assert await live(bot) == [(2, 30), (3, 45)]  # asking deletes nothing
    kept = await bot.press(AN, f"mine:keep:{target}")
    assert kept is not None and "giữ nguyên" in kept.text
    confirm = await bot.press(AN, ask)
    assert confirm is not None
    done = await bot.press(AN, f"mine:yes:{target}")
    assert done is not None and "Đã xóa lượt điểm danh" in done.text
    assert await live(bot) == [(3, 45)]
    # A second press of the same button deletes nothing and says so.
    await bot.feed(bot.factory.press(AN, confirm, f"mine:yes:{target}"))
    assert "đã được xóa trước đó" in bot.last(AN).text
    await bot.feed(bot.factory.press(AN, summary, ask))
    assert "đã được xóa trước đó" in bot.last(AN).text
    assert await live(bot) == [(3, 45)]
    text = (await me(bot, AN, 2023, 10, 4, 9, 5)).text
    assert "— Thứ Hai 02/10/2023" in text and "<b>1/7</b>" in text
    assert "Tổng: <b>45 phút</b>" in text and "Chuỗi ngày liên tiếp: <b>1</b>" in text


async def test_a_button_from_the_week_deletes_nothing_once_it_is_over(bot: Harness) -> None:
    await register(bot, AN, "Nguyễn Văn An")
    await register(bot, EMMA, "Emma Tran")
    await check_in(bot, AN, 8)
    await check_in(bot, EMMA, 8, text="20 reading")
    summary = await me(bot, AN, 2023, 10, 8, 23, 0)
    english = await me(bot, EMMA, 2023, 10, 8, 23, 0)
    ask, ask_en = buttons(summary)[2]["callback_data"], buttons(english)[2]["callback_data"]
    confirm = await bot.press(EMMA, ask_en)
    assert confirm is not None and "Delete this check-in?" in confirm.text
    # For DAYS_BACK days after a check-in's day it may still go (as one may still be added);
    # four days after the week's last day, the week's figures stand.
    bot.clock.set(vn(2023, 10, 12, 0, 5))
    await bot.feed(bot.factory.press(AN, summary, ask))
    assert "không thuộc Tuần lễ đang diễn ra" in bot.last(AN).text
    await bot.feed(bot.factory.press(EMMA, confirm, ask_en.replace("ask", "yes")))
    assert "can no longer be deleted" in bot.last(EMMA).text
    assert await live(bot) == [(8, 20), (8, 30)]


async def test_delete_in_english(bot: Harness) -> None:
    await register(bot, EMMA, "Emma Tran")
    await check_in(bot, EMMA, 3, text="25 reading")
    summary = await me(bot, EMMA, 2023, 10, 3, 21, 0)
    assert "Press 🗑 below" in summary.text
    ask = buttons(summary)[2]["callback_data"]
    await bot.press(EMMA, ask)
    done = await bot.press(EMMA, ask.replace("ask", "yes"))
    assert done is not None and "Check-in deleted" in done.text and "25 min" in done.text
    text = (await me(bot, EMMA, 2023, 10, 3, 21, 5)).text
    assert "<b>0/7</b>" in text and "Streak: <b>0 days</b>" in text
    assert len(buttons(await me(bot, EMMA, 2023, 10, 3, 21, 6))) == 2  # check in, reminders


async def test_before_an_announced_edition_its_start_and_the_last_result(
    restartable: Restartable,
) -> None:
    """With a 2027 edition in the editions file: before it starts, /me says when, in both
    languages, and shows the 2023 result."""
    text = files("bot.core").joinpath("data/editions.toml").read_text("utf-8")
    block = text[text.index("[[edition]]") : text.index("[[edition]]", text.index("year = 2023"))]
    future = (
        block.replace("year = 2023", "year = 2027")
        .replace("2023-10-02", "2027-10-04")
        .replace("2023-10-08", "2027-10-10")
    )
    path = restartable.tmp_path / "editions.toml"
    path.write_text(text + "\n" + future, "utf-8")
    restartable.configure(editions_file=path)
    async with restartable.started() as bot:
        await register(bot, AN, "Nguyễn Văn An")
        await register(bot, EMMA, "Emma Tran")
        await check_in(bot, AN, 3)
        vi = (await me(bot, AN, 2027, 9, 1, 9, 0)).text
        en = (await me(bot, EMMA, 2027, 9, 1, 9, 0)).text
    assert "Tuần lễ 2027 bắt đầu ngày 04/10/2027." in vi
    assert "Kết quả Tuần lễ 2023 của bạn" in vi and "<b>1/7</b>" in vi
    assert "The 2027 week starts on 4 Oct 2027." in en and "Your result in the 2023 week" in en
