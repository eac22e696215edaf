"""Typed words that stop a flow ("hủy", "thôi", "cancel"…), never read as an answer to it."""

from __future__ import annotations

import re
import unicodedata

# Each word as typed, with its diacritics or none at all: "dung" is "dừng" typed without
# them, while "đúng" (right) and "dùng" (use) are other words and stop nothing.
_SPELLINGS = {
    "huy": ("huy", "hủy", "huỷ"),
    "thoi": ("thoi", "thôi"),
    "dung": ("dung", "dừng"),
    "bo": ("bo", "bỏ"),
    "lai": ("lai", "lại"),
    "cancel": ("cancel",),
    "stop": ("stop",),
}
_WORD_OF = {spelling: word for word, spellings in _SPELLINGS.items() for spelling in spellings}
CANCEL_PHRASES = frozenset({"huy", "thoi", "dung", "cancel", "stop", "huy bo", "dung lai"})
# Softeners that may follow: "hủy đi", "thôi nhé", "dừng lại ạ", "cancel please".
_TAIL = frozenset(
    {"đi", "di", "nhé", "nhe", "nha", "nhá", "ạ", "a", "thôi", "thoi", "luôn", "please", "now"}
)
_TOKEN = re.compile(r"\w+")
# After "thôi", "hủy" or "dừng", words that only say "not logging it after all": "thôi không
# ghi nữa", "hủy, khỏi ghi". (Not "điểm danh": "hủy điểm danh" names an action of its own.)
_GIVING_UP = frozenset({"không", "khong", "ko", "k", "ghi", "nữa", "nua", "khỏi", "khoi"})


def is_cancel(text: str) -> bool:
    """True if the whole message asks to stop: a cancel word, maybe softened ("hủy đi nhé"),
    in any case, with or without diacritics.

    A sentence that only contains one ("hủy lượt điểm danh", "dừng nhắc") is not: it asks
    for something else, and its step or the free-text answerer reads it.
    """
    words = _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
    if len(words) > 6:  # a sentence, not a word and its softeners
        return False
    while len(words) > 1 and words[-1] in _TAIL:
        words.pop()
    first = _WORD_OF.get(words[0]) if words else None
    giving_up = all(word in _GIVING_UP or word in _TAIL for word in words[1:])
    if first in {"thoi", "huy", "dung"} and len(words) > 1 and giving_up:
        return True
    folded = [_WORD_OF.get(word) for word in words]
    return None not in folded and " ".join(str(w) for w in folded) in CANCEL_PHRASES


# Typed instead of pressing "Bỏ qua" at the note step: no note, not a note saying "không".
_SKIP_PHRASES = frozenset(
    {"bỏ qua", "bo qua", "không", "khong", "không có", "khong co", "ko", "k", "skip", "no", "none"}
)


def is_skip(text: str) -> bool:
    """True if the whole message says "no note": "bỏ qua", "không", "skip" (any case)."""
    words = _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
    while len(words) > 1 and words[-1] in _TAIL:
        words.pop()
    return " ".join(words) in _SKIP_PHRASES


_YES_PHRASES = frozenset(
    {"có", "co", "ghi thêm", "ghi them", "thêm", "them", "đồng ý", "dong y", "ok", "yes", "y"}
)


def is_yes(text: str) -> bool:
    """True if the whole message says yes: "có", "ghi thêm", "ok", "yes" (any case)."""
    words = _TOKEN.findall(unicodedata.normalize("NFC", text).lower())
    while len(words) > 1 and words[-1] in _TAIL:
        words.pop()
    return " ".join(words) in _YES_PHRASES
