"""The week's calendar file parsed back with icalendar: the edition's exact dates, the
opening timed only when the notice gives its hour, the RFC 5545 essentials."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from bot.core.editions import Edition, load_editions
from bot.ui.files.calendar_ics import build_ics
from bot.ui.texts import Vi
from tests.conftest import VN

E2023 = load_editions().get(2023)
assert E2023 is not None
NOW = datetime(2023, 9, 30, 2, 0, tzinfo=UTC)


def parse(edition: Edition) -> Calendar:
    return Calendar.from_ical(build_ics(Vi, edition, VN, NOW))


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}


def test_the_week_is_an_all_day_event_over_its_days() -> None:
    raw = build_ics(Vi, E2023, VN, NOW)
    assert b"DTSTART;VALUE=DATE:20231002\r\n" in raw and b"DTEND;VALUE=DATE:20231009\r\n" in raw
    cal = Calendar.from_ical(raw)
    assert (str(cal["version"]), str(cal["calscale"]), str(cal["method"])) == (
        "2.0",
        "GREGORIAN",
        "PUBLISH",
    )
    assert str(cal["prodid"])
    week = events(cal)["tuan-le-2023-week"]
    assert week["dtstart"].dt == E2023.start and week["dtend"].dt == E2023.end + timedelta(1)
    assert type(week["dtstart"].dt) is date
    assert str(week["summary"]) == (
        "Tuần lễ hưởng ứng học tập suốt đời năm 2023 — Xây dựng năng lực tự học trong kỷ nguyên số"
    )
    description = str(week["description"])
    assert "Chủ đề: Xây dựng năng lực tự học trong kỷ nguyên số" in description
    assert "Nguồn: Thông báo của Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh" in description
    assert "Kế hoạch số 3801/KH-SKHCN ngày 29/09/2023" in description
    assert "location" not in week  # the 2023 notice names no venue
    assert week["dtstamp"].dt == NOW


def test_without_an_hour_the_opening_is_all_day_and_there_is_no_timezone() -> None:
    cal = parse(E2023)
    opening = events(cal)["tuan-le-2023-opening"]
    assert opening["dtstart"].dt == date(2023, 10, 2) and type(opening["dtstart"].dt) is date
    assert opening["dtend"].dt == date(2023, 10, 3)
    assert "không nêu giờ khai mạc" in str(opening["description"])
    assert str(opening["summary"]) == "Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời năm 2023"
    assert cal.walk("VTIMEZONE") == []  # only dates: nothing needs a time zone


def test_with_an_hour_the_opening_is_timed_in_vietnam_with_its_vtimezone() -> None:
    timed = replace(E2023, opening_time=time(8, 0), venue="Hội trường Sở, 244 Điện Biên Phủ")
    raw = build_ics(Vi, timed, VN, NOW)
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20231002T080000" in raw
    cal = Calendar.from_ical(raw)
    opening = events(cal)["tuan-le-2023-opening"]
    start = opening["dtstart"].dt
    assert start.astimezone(UTC) == datetime(2023, 10, 2, 1, 0, tzinfo=UTC)
    assert "dtend" not in opening  # the notice gives no end: none invented
    assert str(opening["location"]) == "Hội trường Sở, 244 Điện Biên Phủ"
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Asia/Ho_Chi_Minh"
    assert "không nêu giờ" not in str(opening["description"])


def test_uids_are_stable_and_distinct() -> None:
    first = events(parse(E2023))
    later = Calendar.from_ical(build_ics(Vi, E2023, VN, NOW + timedelta(days=3)))
    assert set(first) == {"tuan-le-2023-week", "tuan-le-2023-opening"}
    assert [str(e["uid"]) for e in later.walk("VEVENT")] == [
        str(e["uid"]) for e in parse(E2023).walk("VEVENT")
    ]
    other = load_editions().get(2021)
    assert other is not None
    assert set(events(parse(other))) == {"tuan-le-2021-week", "tuan-le-2021-opening"}


@st.composite
def editions(draw: st.DrawFn) -> Edition:
    start = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 1)))
    length = draw(st.integers(min_value=0, max_value=30))
    end = start + timedelta(days=length)
    opening = start + timedelta(days=draw(st.integers(min_value=0, max_value=length)))
    text = st.text(min_size=1, max_size=120).filter(lambda s: s.strip() != "")
    hour = draw(st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)))
    return replace(
        E2023,
        year=start.year,
        name=draw(text),
        theme=draw(text),
        source=draw(text),
        start=start,
        end=end,
        opening=opening,
        opening_time=hour,
        venue=draw(st.just("") | text),
    )


def one_line(text: str) -> str:
    """What a title or a place becomes: one line, no control characters."""
    return "".join(c for c in " ".join(text.split()) if unicodedata.category(c) != "Cc")


@settings(max_examples=100, deadline=None)
@given(editions())
def test_any_edition_parses_and_round_trips_its_dates(edition: Edition) -> None:
    cal = parse(edition)
    found = events(cal)
    week, opening = found[f"tuan-le-{edition.year}-week"], found[f"tuan-le-{edition.year}-opening"]
    assert week["dtstart"].dt == edition.start
    assert week["dtend"].dt == edition.end + timedelta(days=1)
    assert str(week["summary"]) == one_line(f"{edition.name} — {edition.theme}")
    assert "\n" not in str(cal["x-wr-calname"])
    if edition.opening_time is None:
        assert opening["dtstart"].dt == edition.opening
    else:
        start = opening["dtstart"].dt
        assert (start.date(), start.time()) == (edition.opening, edition.opening_time)
        assert start.utcoffset() == timedelta(hours=7)
        assert len(cal.walk("VTIMEZONE")) == 1
    assert str(week.get("location", "")) == one_line(edition.venue)
    assert all(unicodedata.category(c) != "Cc" for c in str(week["description"]) if c != "\n")
