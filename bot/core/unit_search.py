"""Find a unit by what someone typed: part of its name, with or without diacritics
("ke toan" finds "Phòng Kế toán"), or its initials ("qlkh" finds "Phòng Quản lý Khoa học",
"KHTC" finds "Phòng Kế hoạch - Tài chính"). Deterministic: the same text, the same units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
        ):
            found.append(i)
    return found
