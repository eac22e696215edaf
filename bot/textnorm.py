"""Vietnamese text helpers: NFC for storing, diacritic folding for matching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Letters that are not "base + combining mark" in NFD and so survive the generic fold.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Canonical composed form with runs of white space collapsed: the form we store."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower-case ASCII-ish form for matching: "Đọc sách" -> "doc sach"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def has_control_chars(text: str) -> bool:
    """True if the text holds control or format characters other than newline and tab."""
    return any(unicodedata.category(ch) in {"Cc", "Cf"} and ch not in "\n\t" for ch in text)


def fold_aligned(text: str) -> str:
    """Like `fold`, but one output character per input character, so indexes carry over.

    Callers match on the folded string and slice the original with the same offsets.
    """
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)
