"""English readers get English answer cards (issue 28, 29): the bot's own words in English,
the week named from the year, dates written the English way, the source described in
English, and every verbatim Vietnamese value marked once as quoted from the notice."""

from __future__ import annotations

from datetime import datetime
from html import escape

import pytest

from bot.core.editions import Edition, load_editions
from tests.conftest import AN, EMMA, Harness, vn
from tests.ui.test_texts import is_vietnamese

EDITIONS = load_editions()
E2023, E2021 = EDITIONS.get(2023), EDITIONS.get(2021)
assert E2023 is not None and E2021 is not None
MARK = "(quoted from the notice, in Vietnamese)"

# Every answer card and honest-gap reply, for both editions.
QUESTIONS = (
    "/week",
    "/week 2021",
    "/theme",
    "/theme 2021",
    "/dates",
    "/dates 2021",
    "/ceremony",
    "/ceremony 2021",
    "what is the purpose",
    "purpose 2021",
    "who organises the week",
    "who organised the week in 2021",
    "plan number",
    "plan number 2021",
    "ministry document",
    "ministry document 2021",
    "emulation movement",
    "emulation movement 2021",
    "how many days are left",
    "what day is it today",
    "theme in 2030",
    "where is the venue",
    "where is the venue in 2021",
)
CLOCKS = (
    vn(2023, 9, 25, 10, 0),  # before
    vn(2023, 10, 1, 10, 0),  # the eve
    vn(2023, 10, 4, 20, 0),  # during (the tester's clock)
    vn(2023, 10, 8, 10, 0),  # the last day
    vn(2023, 11, 1, 10, 0),  # over
)


def quoted_values(e: Edition) -> list[str]:
    """What the notice says in its own (Vietnamese) words, as a card shows it."""
    values = [e.theme, e.audience, e.plan_title, e.ministry_launch, e.movement]
    values += [e.related_decision, *e.purposes]
    return [escape(v) for v in values if v]


def outside_quotes(text: str) -> str:
    """The reply without the notice's own words: what is left is the bot's."""
    values = []
    for e in (E2023, E2021):
        assert e is not None
        # Names and numbers stay as the notice writes them, unmarked (e.g. in the source).
        values += [*quoted_values(e), escape(e.organiser), escape(e.plan_number)]
    for value in sorted(values, key=len, reverse=True):  # a longer one may hold a shorter
        text = text.replace(value, "«»")
    return text


@pytest.mark.parametrize("moment", CLOCKS, ids=lambda m: m.date().isoformat())
async def test_every_card_is_english_outside_the_quotes(bot: Harness, moment: datetime) -> None:
    bot.clock.set(moment)
    for question in QUESTIONS:
        reply = await bot.say(EMMA, question)
        assert reply is not None, question
        assert "Sorry, I did not understand" not in reply.text, question
        rest = outside_quotes(reply.text)
        for word in ("Tuần lễ", "Thông báo", "ngày ", "năm ", "Nguồn"):
            assert word not in rest, (question, reply.text)
        assert not is_vietnamese(rest), (question, reply.text)
        assert "1 days" not in rest and "(s)" not in rest, (question, reply.text)
        quotes = [v for e in (E2023, E2021) if e for v in quoted_values(e) if v in reply.text]
        # A card with the notice's own words says so, once; one without them does not.
        assert reply.text.count(MARK) == (1 if quotes else 0), (question, reply.text)


async def test_the_testers_defects(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 4, 20, 0))
    week = (await bot.say(EMMA, "/week")).text  # type: ignore[union-attr]
    assert "Overview of the 2023 Lifelong Learning Week" in week
    assert "Today is day <b>3/7</b> of the 2023 Lifelong Learning Week. 4 days to go." in week
    assert "• Dates: 2–8 October 2023" in week
    assert "Source: notice of Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh, 29 Sep 2023" in week
    dates = (await bot.say(EMMA, "/dates 2021")).text  # type: ignore[union-attr]
    assert "1–7 October 2021 (7 days)." in dates
    assert "notice of Sở Giáo dục và Đào tạo tỉnh Điện Biên, 30 Sep 2021" in dates
    organiser = (await bot.say(EMMA, "who organises the week")).text  # type: ignore[union-attr]
    assert f"Organiser of the 2023 Lifelong Learning Week</b> <i>{MARK}</i>" in organiser
    ceremony = (await bot.say(EMMA, "/ceremony")).text  # type: ignore[union-attr]
    assert "Monday, 2 October 2023." in ceremony


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (vn(2023, 9, 30, 10, 0), "<b>2 days</b> to go: the 2023 Lifelong Learning Week opens"),
        (vn(2023, 10, 1, 10, 0), "Tomorrow, 2 October 2023, is the opening day of the 2023"),
        (vn(2023, 10, 7, 10, 0), "day <b>6/7</b> of the 2023 Lifelong Learning Week. 1 day to go."),
        (vn(2023, 10, 8, 10, 0), "the last day (7/7) of the 2023 Lifelong Learning Week."),
        (vn(2023, 10, 9, 10, 0), "the 2023 Lifelong Learning Week ended on 8 October 2023."),
    ],
)
async def test_countdown_in_english(bot: Harness, moment: datetime, expected: str) -> None:
    bot.clock.set(moment)
    reply = await bot.say(EMMA, "how many days are left")
    assert reply is not None and expected in reply.text


async def test_vietnamese_cards_keep_the_notice_words(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 4, 20, 0))
    week = (await bot.say(AN, "/tuanle")).text  # type: ignore[union-attr]
    assert "📘 <b>Tuần lễ hưởng ứng học tập suốt đời năm 2023</b>" in week
    assert "của Tuần lễ hưởng ứng học tập suốt đời năm 2023. Còn 4 ngày nữa." in week
    source = "Thông báo của Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh, ngày 29/09/2023"
    assert f"Nguồn: {source}" in week
    assert MARK not in week
