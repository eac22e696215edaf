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


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_NUMBER = re.compile(r"([0-9]+)")


def match_key(text: str) -> str:
    """The key two spellings of one name share: case, diacritics, spacing and punctuation
    aside ("Phòng Kế hoạch - Tài chính" ~ "phong ke hoach, tai chinh"). Unit names are stored
    under it, and staff-list names are matched with it."""
    return _NOT_ALNUM.sub(" ", fold(nfc(text))).strip()


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for names people read in order: diacritics aside, and numbers by value
    ("Phòng số 2" before "Phòng số 10")."""
    # split() with a group alternates text and digits: odd positions are the numbers.
    parts = _NUMBER.split(fold(nfc(text)))
    return tuple((0, int(p)) if i % 2 else (1, p) for i, p in enumerate(parts) if p)


# Format characters that are part of ordinary text: the zero-width joiner builds emoji such as
# 👩‍💻 (woman + ZWJ + laptop) and the non-joiner shapes some scripts. Variation selectors
# (U+FE0F in ❤️) are combining marks, not format characters, so they need no exception.
_TEXT_FORMAT_CHARS = frozenset("\u200c\u200d")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def has_control_chars(text: str) -> bool:
    """True if the text holds control or format characters other than newline, tab, ZWJ and
    ZWNJ (bidi overrides, zero-width spaces, invisible tag characters, NUL...)."""
    return any(
        unicodedata.category(ch) in {"Cc", "Cf"}
        and ch not in "\n\t"
        and ch not in _TEXT_FORMAT_CHARS
        for ch in text
    )


def has_lone_surrogates(text: str) -> bool:
    """True if the text holds half of a UTF-16 surrogate pair, which no encoder accepts.

    Telegram never sends one, but a JSON body may spell one ("\\ud800"); storing or echoing it
    fails with UnicodeEncodeError.
    """
    return _LONE_SURROGATE.search(text) is not None


def fold_aligned(text: str) -> str:
    """Like `fold`, but one output character per input character, so indexes carry over.

    Callers match on the folded string and slice the original with the same offsets.
    """
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)
