"""A unit's invite code: short, readable on a poster, stable, and safe in a /start link.

Telegram's /start payload allows 1-64 characters of A-Z a-z 0-9 _ -. A unit's link is
"u-<code>", so a code is at most 30 lower-case letters, digits and hyphens, made from the
unit's name: "Phòng Quản lý Khoa học" -> "phong-quan-ly-khoa-hoc".
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.core.textnorm import fold

MAX_CODE = 30
PREFIX = "u-"  # the start payload of a unit's link: "u-" + code
_NOT_CODE = re.compile(r"[^a-z0-9]+")
_CODE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?")


def is_code(text: str) -> bool:
    """Whether `text` has the shape of a unit code."""
    return _CODE.fullmatch(text) is not None


def unit_code(name: str, taken: Collection[str] = ()) -> str:
    """The code for a unit called `name`, not among `taken` ("-2", "-3"... when it is)."""
    base = _NOT_CODE.sub("-", fold(name)).strip("-") or "don-vi"
    number = 1
    while True:
        tail = "" if number == 1 else f"-{number}"
        code = _cut(base, MAX_CODE - len(tail)) + tail
        if code not in taken:
            return code
        number += 1


def _cut(base: str, limit: int) -> str:
    """`base` within `limit` characters, cut between words when it must be cut
    ("trung-tam-thong-tin-va-thong-ke..." -> "trung-tam-thong-tin-va", not "...-thong-k")."""
    if len(base) <= limit:
        return base
    head = base[:limit]
    cut = head.rfind("-") if base[limit] != "-" else limit
    return (head[:cut] if cut > 0 else head).rstrip("-")


def code_of_payload(payload: str) -> str | None:
    """The unit code a /start payload names ("u-phong-ke-toan"), None if it names none."""
    if not payload.startswith(PREFIX):
        return None
    code = payload.removeprefix(PREFIX).lower()
    return code if is_code(code) else None
