"""Numbers typed by people or carried in button data: ASCII digits only, always in a range.

`str.isdigit()` accepts "²⁰²³" and `int()` accepts "٢٠٢٣" and raises on 5,000 digits; every
number the bot reads from an update goes through here instead, so none of that reaches a
handler. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.textnorm import fold

# Primary keys are INTEGER columns: PostgreSQL refuses a bigger parameter with an error.
DB_ID_MAX = 2**31 - 1
# Telegram ids are BIGINT columns (Telegram says user ids fit in 52 bits).
TELEGRAM_ID_MAX = 2**63 - 1
YEAR_MIN, YEAR_MAX = 1000, 9999

_SIGNED = re.compile(r"-?[0-9]+")


def parse_int(text: str, lo: int, hi: int) -> int | None:
    """The integer `text` spells in ASCII digits (an optional leading "-"), if lo <= it <= hi.

    Anything else is None: other digits, signs, spaces, a number with more digits than the
    range allows (checked before converting, so a huge number costs nothing).
    """
    if lo > hi:
        raise ValueError("empty range")
    widest = max(len(str(lo)), len(str(hi)))
    if len(text) > widest or _SIGNED.fullmatch(text) is None:
        return None
    value = int(text)
    return value if lo <= value <= hi else None


def parse_year(text: str) -> int | None:
    """A four-digit year ("2023"), else None."""
    return parse_int(text, YEAR_MIN, YEAR_MAX)


# A word people put before the year: "/chude năm 2021", "/theme year 2021" (folded).
YEAR_WORDS = frozenset({"nam", "year"})


def parse_year_args(args: Sequence[str]) -> int | None:
    """The year a command's arguments name: "2021", or "năm 2021" ("nam", "Năm", "year")
    followed by one; else None ("năm", "năm abc", "2021abc")."""
    if len(args) >= 2 and fold(args[0]) in YEAR_WORDS:
        return parse_year(args[1])
    return parse_year(args[0]) if args else None


def looks_numeric(text: str) -> bool:
    """Whether `text` was meant as a number (any digit, in any script, or a leading sign)."""
    return text[:1] in {"-", "+"} or any(ch.isdigit() or ch.isnumeric() for ch in text)


def parse_id(text: str) -> int | None:
    """A database id from button data ("17"), else None."""
    return parse_int(text, 1, DB_ID_MAX)
