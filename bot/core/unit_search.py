"""Find a unit by what someone typed: part of its name, with or without diacritics
("ke toan" finds "Phòng Kế toán"), its initials ("qlkh" finds "Phòng Quản lý Khoa học",
"KHTC" finds "Phòng Kế hoạch - Tài chính"), or a mix of the two ("phong ql", "p.ktoan":
each typed word is the start of the next words of the name, in order). Deterministic: the
same text, the same units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.core.textnorm import fold

_WORD = re.compile(r"[a-z0-9]+")
# Words that open most unit names and that people leave out of initials ("QLKH", not "PQLKH").
_GENERIC = ("phong", "ban", "van phong", "trung tam", "khoa", "to", "bo phan", "chi cuc")
MIN_INITIALS = 2


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def initials(name: str) -> set[str]:
    """The unit's initials, with and without a generic first word ("pqlkh", "qlkh")."""
    words = _words(name)
    found = {"".join(w[0] for w in words)} if words else set()
    joined = " ".join(words)
    for generic in _GENERIC:
        if joined.startswith(generic + " "):
            rest = joined.removeprefix(generic + " ").split()
            found.add("".join(w[0] for w in rest))
    return {i for i in found if len(i) >= MIN_INITIALS}


@lru_cache(maxsize=4096)  # bounded: the tokens are what people type
def _run_ends(token: str, words: tuple[str, ...], start: int) -> frozenset[int]:
    """Where a run of consecutive words from `start` can end (the index after it) when the
    token is the starts of those words written together: "ql" = q(uan) l(y), "ktoan" =
    k(e) toan, "phong" = phong. Each word of the run gives at least its first letter."""
    if not token:
        return frozenset({start})
    if start >= len(words):
        return frozenset()
    word = words[start]
    ends: set[int] = set()
    for size in range(1, min(len(word), len(token)) + 1):
        if token[:size] != word[:size]:
            break
        ends |= _run_ends(token[size:], words, start + 1)
    return frozenset(ends)


def abbreviates(query: Sequence[str], words: Sequence[str]) -> bool:
    """Whether the typed words start words of the name in order, each typed word covering
    one or more consecutive words by their first letters ("phong ql", "p ktoan", "qlkh");
    words of the name may be left out between them ("ke toan" in "Phòng Kế toán")."""
    name = tuple(words)
    free = 0  # the first word of the name the next typed word may start at
    for token in query:
        ends = [end for start in range(free, len(name)) for end in _run_ends(token, name, start)]
        if not ends:
            return False
        free = min(ends)  # the earliest end leaves the most room for the words after
    return True


def search(query: str, names: Sequence[str]) -> list[int]:
    """Indexes of the names `query` finds, in their order; an exact name (folded) alone."""
    words = _words(query)
    if not words:
        return []
    wanted = " ".join(words)
    keys = [" ".join(_words(n)) for n in names]
    exact = [i for i, key in enumerate(keys) if key == wanted]
    if exact:
        return exact
    squeezed = "".join(words)
    found = []
    for i, key in enumerate(keys):
        if (
            f" {wanted} " in f" {key} "
            or wanted in key
            or (
                len(words) == 1 and len(squeezed) >= MIN_INITIALS and squeezed in initials(names[i])
            )
            or abbreviates(words, key.split())
        ):
            found.append(i)
    return found
