"""A field of the edition typed by an admin on the review card: read and checked, or a
problem code ("date", "time", "year", "long") and nothing changed."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from bot.core import notice_dates as nd
from bot.core.inputs import InputProblem, name_problem
from bot.core.notice_fields import DATE_FIELDS
from bot.core.numbers import parse_int
from bot.core.textnorm import nfc

CLEAR = "-"  # typed alone: leave the field empty
TEXT_LIMIT = 500
PURPOSES_LIMIT = 2000
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_TIME = re.compile(r"([01]?\d|2[0-3])\s*(?:[:hg]|giờ)\s*([0-5]\d)?(?:\s*phút)?", re.I)
YEARS = range(2000, 2101)


class FieldInputError(ValueError):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def kind_of(name: str) -> str:
    """What the field holds, for the hint: "date", "time", "year", "purposes" or "text"."""
    if name in DATE_FIELDS:
        return "date"
    if name == "opening_time":
        return "time"
    return name if name in {"year", "purposes"} else "text"


def read_value(name: str, typed: str) -> Any:
    """The value `typed` gives the field (empty for "-"); FieldInputError if it is not one."""
    text = typed.strip()
    kind = kind_of(name)
    if text == CLEAR:
        return {"date": None, "time": None, "year": None, "purposes": ()}.get(kind, "")
    if kind == "date":
        m = _DATE.fullmatch(text)
        found = nd.dates(text) if m else []
        if not found:
            raise FieldInputError("date")
        value: date = found[0][0]
        return value
    if kind == "time":
        t = _TIME.fullmatch(text)
        if t is None:
            raise FieldInputError("time")
        return time(int(t[1]), int(t[2] or 0))
    if kind == "year":
        year = parse_int(text, YEARS.start, YEARS.stop - 1)
        if year is None:
            raise FieldInputError("year")
        return year
    if kind == "purposes":
        if len(text) > PURPOSES_LIMIT:
            raise FieldInputError("long")
        items = [nfc(line).lstrip("-–•+* ").strip() for line in text.splitlines()]
        _no_markup(*items)
        return tuple(item for item in items if item)
    if len(text) > TEXT_LIMIT:
        raise FieldInputError("long")
    _no_markup(text)
    return nfc(text)


def _no_markup(*texts: str) -> None:
    """A fact the bot will repeat to everyone holds no HTML tag (the names' rule; a leading
    "-" or "+" is ordinary in a notice's wording, so only the tag part applies)."""
    if any(name_problem(text) is InputProblem.MARKUP for text in texts):
        raise FieldInputError("markup")
