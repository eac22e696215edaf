"""Dates, date ranges, hours and sentences as Vietnamese notices write them.

Forms read: "02/10/2023", "2.10.2023", "29-09-2023", "ngày 29 tháng 9 năm 2023"; ranges
"từ ngày 02/10/2023 đến ngày 08/10/2023", "từ ngày 01/10 đến hết ngày 07/10/2021",
"từ 4 đến 10/10/2027", "02-08/10/2023"; hours "8 giờ 00", "8h30", "08:00", "7 giờ 30 phút".
A day that does not exist (31/02) is not a date: it is skipped, never corrected.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date, time

# The longest week the bot accepts (the start-up check says 1–10 days).
MAX_WEEK_DAYS = 10

_DMY = r"(?P<{p}d>\d{{1,2}})(?P<{p}s>[/.-])(?P<{p}m>\d{{1,2}})(?P={p}s)(?P<{p}y>\d{{4}})"
_WORDS = r"(?P<{p}d>\d{{1,2}})\s+tháng\s+(?P<{p}m>\d{{1,2}})(?:\s*(?:năm|,)\s*(?P<{p}y>\d{{4}}))?"
_DM = r"(?P<{p}d>\d{{1,2}})/(?P<{p}m>\d{{1,2}})(?![/\d])"
_B = r"(?<![\d/.-])"  # a date never starts inside a longer number

DATE = re.compile(
    _B + "(?:" + _DMY.format(p="a") + "|" + r"(?i:ngày)\s+" + _WORDS.format(p="b") + ")"
)
_END = "(?:" + _DMY.format(p="e") + "|" + _WORDS.format(p="f") + ")"
_START = "(?:" + _DMY.format(p="s") + "|" + _WORDS.format(p="t") + "|" + _DM.format(p="u") + "|"
_START += r"(?P<vd>\d{1,2})(?![/\d]))"
RANGE = re.compile(
    r"(?i:từ)\s+(?i:ngày\s+)?" + _START + r"\s*(?i:đến|tới|-|–)\s*(?i:hết\s+)?(?i:ngày\s+)?" + _END
)
COMPACT_RANGE = re.compile(
    _B + r"(?P<d1>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])"
)
TIME = re.compile(
    r"(?<![\d/:])(?P<h>[01]?\d|2[0-3])\s*(?P<u>giờ|h|g|:)(?:\s*(?P<m>[0-5]\d))?(?:\s*phút)?(?![\d/])",
    re.IGNORECASE,
)
# Capital letters of Vietnamese (a range such as À-Ỹ would take small letters too).
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())
_SENTENCE_END = re.compile(r"\n|(?<=[.!?…])\s+(?=[\"“«(\-–•+]?[" + UPPER + "0-9])")


@dataclass(frozen=True, slots=True)
class Found:
    """A date (or range, or hour) and where in the text it was written."""

    start: int
    end: int


def _day(year: str | None, month: str | None, day: str | None) -> date | None:
    if not (year and month and day):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _group(m: re.Match[str], *names: str) -> str | None:
    return next((m.group(n) for n in names if m.group(n)), None)


def dates(text: str) -> list[tuple[date, Found]]:
    """Every complete date written in the text (with a year), in order."""
    found = []
    for m in DATE.finditer(text):
        day = _day(_group(m, "ay", "by"), _group(m, "am", "bm"), _group(m, "ad", "bd"))
        if day is not None:
            found.append((day, Found(m.start(), m.end())))
    return found


def partial_date(text: str, year: int | None) -> tuple[date, Found] | None:
    """The first date in `text`, taking a missing year ("ngày 04/10") from `year`."""
    full = dates(text)
    if full:
        return full[0]
    if year is None:
        return None
    m = re.search(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![/\d])", text) or re.search(
        r"(?i:ngày)\s+(\d{1,2})\s+tháng\s+(\d{1,2})", text
    )
    if m is None:
        return None
    day = _day(str(year), m.group(2), m.group(1))
    return (day, Found(m.start(), m.end())) if day else None


def _week(first: date | None, last: date | None) -> bool:
    return first is not None and last is not None and 1 <= (last - first).days + 1 <= MAX_WEEK_DAYS


def week_ranges(text: str) -> list[tuple[date, date, Found]]:
    """Every range of 1–10 days in the text, in order; longer or reversed spans (a
    campaign "từ 01/9 đến 31/12") are not a week and are skipped."""
    found: list[tuple[date, date, Found]] = []
    for m in RANGE.finditer(text):
        last = _day(_group(m, "ey", "fy"), _group(m, "em", "fm"), _group(m, "ed", "fd"))
        if last is None:
            continue
        year = _group(m, "sy", "ty") or str(last.year)
        month = _group(m, "sm", "tm", "um") or str(last.month)
        first = _day(year, month, _group(m, "sd", "td", "ud", "vd"))
        if _week(first, last):
            assert first is not None
            found.append((first, last, Found(m.start(), m.end())))
    for m in COMPACT_RANGE.finditer(text):
        first = _day(m["y"], m["m"], m["d1"])
        last = _day(m["y"], m["m"], m["d2"])
        if _week(first, last):
            assert first is not None and last is not None
            found.append((first, last, Found(m.start(), m.end())))
    return sorted(found, key=lambda item: item[2].start)


_ABOUT_WEEK = re.compile(r"tuần lễ|thời gian", re.IGNORECASE)


def the_week(text: str) -> tuple[date, date, Found] | None:
    """The range that is the week itself: the first one in a sentence naming the week ("Tuần
    lễ … từ …", "Thời gian: từ …"), else the first range at all. A deadline given before the
    week ("báo cáo từ 10/11 đến 15/11") is not taken for it."""
    ranges = week_ranges(text)
    for found in ranges:
        if _ABOUT_WEEK.search(sentence_at(text, found[2].start)):
            return found
    return ranges[0] if ranges else None


_AFTERNOON = re.compile(r"\s*(?:chiều|tối)", re.IGNORECASE)
_MORNING = re.compile(r"\s*(?:sáng|đêm)", re.IGNORECASE)


def hour(text: str) -> time | None:
    """The first hour of the day written in `text` ("8 giờ 30", "8h", "08:00", "2 giờ
    chiều" = 14:00). A small hour with no "sáng" ("phòng 2h") is taken for something else:
    no ceremony opens between midnight and five."""
    for m in TIME.finditer(text):
        after = text[m.end() : m.end() + 1]
        if m["u"].lower() in {"h", "g"} and not m["m"] and after.isalpha():
            continue  # "8 hộ", "5 gói": not an hour of the day
        hours, rest = int(m["h"]), text[m.end() : m.end() + 12]
        if hours < 12 and _AFTERNOON.match(rest):
            hours += 12
        elif hours < 5 and not _MORNING.match(rest):
            continue
        return time(hours, int(m["m"] or 0))
    return None


@functools.lru_cache(maxsize=4)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each sentence (or line) of the text starts and ends. Cached: the extractor asks
    for the sentence of many positions in one text, and must not re-split it each time."""
    spans, begin = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((begin, m.start()))
        begin = m.end()
    spans.append((begin, len(text)))
    return tuple((a, b) for a, b in spans if text[a:b].strip())


def span_at(text: str, position: int) -> tuple[int, int] | None:
    """The (start, end) of the sentence holding `position`, if any."""
    spans = sentence_spans(text)
    index = bisect.bisect_right(spans, (position, len(text) + 1)) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return None


def sentence_at(text: str, position: int) -> str:
    """The sentence holding `position`, trimmed."""
    span = span_at(text, position)
    return "" if span is None else text[span[0] : span[1]].strip()
