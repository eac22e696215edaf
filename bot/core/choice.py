"""Reading a typed answer as one of the buttons on offer ("ke toan" -> "Phòng Kế toán")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from bot.core.textnorm import fold

K = TypeVar("K")
_WORD = re.compile(r"\w+")


def words(text: str) -> str:
    """Folded words joined by single spaces: "Phòng  Kế-toán!" -> "phong ke toan"."""
    return " ".join(_WORD.findall(fold(text)))


def _within(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def pick(text: str, choices: Mapping[K, Iterable[str]]) -> K | None:
    """The one choice whose names match the typed text, without diacritics or case; None if
    none or several do. A name typed in full wins; else the typed words may be part of a name
    ("ke toan" in "Phòng Kế toán") or hold a whole name ("gửi tất cả" holds "tất cả")."""
    typed = words(text)
    if not typed:
        return None
    named = {key: [words(n) for n in names] for key, names in choices.items()}
    exact = [key for key, names in named.items() if typed in names]
    if exact:
        return exact[0] if len(exact) == 1 else None
    close = [
        key
        for key, names in named.items()
        if any(_within(n, typed) or _within(typed, n) for n in names)
    ]
    return close[0] if len(close) == 1 else None
