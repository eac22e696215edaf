"""The day a check-in is for, read from words at its start or end: "hôm qua", "thứ hai",
"t2", "chủ nhật", "cn", "yesterday", "monday", "02/10" (bot.services.checkins decides
whether that day may still be logged)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.textnorm import fold_aligned

_WEEKDAYS = {  # folded word -> date.weekday()
    **{f"thu {n}": n - 2 for n in range(2, 8)},
    **{f"t{n}": n - 2 for n in range(2, 8)},
    "thu hai": 0,
    "thu ba": 1,
    "thu tu": 2,
    "thu nam": 3,
    "thu sau": 4,
    "thu bay": 5,
    "chu nhat": 6,
    "cn": 6,
    **{
        name: index
        for index, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
}
# Days back from today; tomorrow is read too, so that it is refused as the future rather than
# stored today with "ngày mai" as its note.
_BACK = {"hom qua": 1, "yesterday": 1, "hom kia": 2, "ngay mai": -1, "tomorrow": -1}
_WORDS = "|".join(sorted((re.escape(w) for w in (*_WEEKDAYS, *_BACK)), key=len, reverse=True))
_DATE = r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})(?:/(?P<y>[0-9]{4}))?"
_LEAD = r"(?:vao|ngay|hom|on)"
_SEP = r"[\s,.;:!?\-–]"
# At the end, "… đọc sách 02/10"; at the start a date needs its "ngày" ("1/2 giờ" is not one).
_AT_END = re.compile(rf"(?:^|(?<={_SEP}))(?:{_LEAD}\s+)*(?:(?P<w>{_WORDS})|{_DATE}){_SEP}*$")
_AT_START = re.compile(
    rf"^\s*(?:(?:{_LEAD}\s+)*(?P<w>{_WORDS})|(?:{_LEAD}\s+)+{_DATE})(?={_SEP}|$)"
)


class DayError(ValueError):
    """Words that name a day that does not exist ("31/02")."""


@dataclass(frozen=True, slots=True)
class StudyDay:
    day: date | None  # None: no day named, the check-in is for the day it is sent
    rest: str  # the text without the day words, in its original spelling


def split_study_day(text: str, today: date) -> StudyDay:
    """The day named at the start or the end of `text`, and the text without it.

    A weekday is the latest such day up to `today` (today itself if it is that day); a date
    without a year is the nearest such date: in `today`'s year unless that is more than half
    a year ahead ("05/10" on 04/10 is tomorrow, refused as the future; "28/12" on 02/01 is
    last December).
    Words in the middle of a text are left alone: "đọc chương 3/10 của sách" is a note.
    """
    folded = fold_aligned(text)
    match = _AT_END.search(folded) or _AT_START.search(folded)
    if match is None:
        return StudyDay(None, text)
    try:
        day = _day(match, today)
    except DayError:  # said back as the person wrote it
        raise DayError(text[match.start() : match.end()].strip(" ,.;:-–")) from None
    rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,.;:-–\t\n")
    return StudyDay(day, " ".join(rest.split(" ")).strip())


def _day(match: re.Match[str], today: date) -> date:
    word = match["w"]
    if word is not None:
        word = " ".join(word.split())
        if word in _BACK:
            return today - timedelta(days=_BACK[word])
        return today - timedelta(days=(today.weekday() - _WEEKDAYS[word]) % 7)
    year = int(match["y"]) if match["y"] else today.year
    try:
        found = date(year, int(match["m"]), int(match["d"]))
    except ValueError:
        raise DayError(match[0].strip()) from None
    if match["y"] is None and (found - today).days > 183:
        try:
            found = found.replace(year=year - 1)
        except ValueError:  # 29/02 of a year without one
            raise DayError(match[0].strip()) from None
    return found
