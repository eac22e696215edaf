"""A moment typed in Vietnamese or in figures, for scheduling a broadcast.

"20:00" (today, or tomorrow once 20:00 has passed), "8h30 05/10", "08:00 05/10/2023",
"8h sáng mai", "8h sang mai", "20h tối nay", "9 giờ ngày mai", "mai 8h", "7h tối ngày kia".
Diacritics are optional: the text is folded first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.core.textnorm import fold, nfc

HORIZON = timedelta(days=30)

_DATE = re.compile(
    r"(?<![0-9/])(?P<d>[0-9]{1,2})/(?P<mo>[0-9]{1,2})(?:/(?P<y>[0-9]{4}))?(?![0-9/])"
)
_TIME = re.compile(
    r"(?<![0-9/])(?P<h>[0-9]{1,2})(?:[:hg](?P<m>[0-9]{2})?|\s*gio(?:\s*(?P<m2>[0-9]{1,2})"
    r"(?:\s*phut)?)?)(?![0-9/])"
)
# Parts of the day: a 12-hour figure said with them is read on the 24-hour clock.
_AFTERNOON = {"chieu", "toi", "dem"}
_PARTS = {"sang", "trua"} | _AFTERNOON
_DAYS = {"mai": 1, "kia": 2, "mot": 2, "nay": 0}  # "ngày mai", "ngày kia/mốt", "hôm/tối nay"
_FILLER = {"ngay", "hom", "luc", "vao", "buoi", "sau", "nua"}


class WhenError(ValueError):
    """A schedule time that cannot be used; `problem` is unreadable, past or too_far."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class When:
    """The moment, and whether a bare time was moved to tomorrow because it had passed today
    (the confirmation says so)."""

    moment: datetime
    tomorrow: bool = False


def _hour(hour: int, part: str | None) -> int:
    if part in _AFTERNOON and 1 <= hour < 12:
        return hour + 12
    if part == "trua" and 1 <= hour <= 3:  # "1h trưa": just after noon
        return hour + 12
    if part == "sang" and hour > 12:
        raise WhenError("unreadable")
    return hour


def read_when(text: str, now: datetime) -> When:
    """The moment `text` names in now's time zone; it must be ahead, within 30 days."""
    rest = fold(nfc(text)).strip()
    found_date = _DATE.search(rest)
    if found_date is not None:
        rest = rest[: found_date.start()] + " " + rest[found_date.end() :]
    found_time = _TIME.search(rest)
    if found_time is None:
        raise WhenError("unreadable")
    rest = rest[: found_time.start()] + " " + rest[found_time.end() :]
    words = re.findall(r"[^\s,.]+", rest)
    parts = {w for w in words if w in _PARTS}
    days = {_DAYS[w] for w in words if w in _DAYS}
    unknown = [w for w in words if w not in _PARTS and w not in _DAYS and w not in _FILLER]
    if unknown or len(parts) > 1 or len(days) > 1 or (days and found_date is not None):
        raise WhenError("unreadable")
    part = next(iter(parts), None)
    minute = int(found_time["m"] or found_time["m2"] or 0)
    try:
        hour = _hour(int(found_time["h"]), part)
        if found_date is not None:
            year = int(found_date["y"]) if found_date["y"] else now.year
            day = date(year, int(found_date["mo"]), int(found_date["d"]))
        else:
            day = now.date() + timedelta(days=next(iter(days), 0))
        moment = datetime.combine(day, time(hour, minute), tzinfo=now.tzinfo)
    except ValueError as exc:  # 25:00, 31/02…
        raise WhenError("unreadable") from exc
    tomorrow = False
    if moment <= now and found_date is None and not days:
        moment, tomorrow = moment + timedelta(days=1), True  # "8h" at 21:00: tomorrow's
    if moment <= now:
        raise WhenError("past")
    if moment - now > HORIZON:
        raise WhenError("too_far")
    return When(moment, tomorrow)
