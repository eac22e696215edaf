"""Validate what people type for their profile and check-ins. Pure functions, no I/O."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from enum import Enum

from bot.core.matcher import Kind, Match
from bot.core.textnorm import fold, has_control_chars, has_lone_surrogates, nfc
from bot.core.when import HORIZON, read_when
from bot.core.when import WhenError as WhenError  # re-exported: the old name of the error

NAME_MAX = 100
UNIT_MAX = 120
NOTE_MAX = 500

ACTIVITIES = ("reading", "course", "webinar", "research", "other")

# Folded keywords that reveal the activity in a one-line check-in ("45 đọc sách ...").
_ACTIVITY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("webinar", ("hoi thao", "webinar", "seminar", "hoi nghi", "toa dam", "talk")),
    (
        "course",
        (
            "khoa hoc",
            "course",
            "mooc",
            "coursera",
            "lop hoc",
            "hoc truc tuyen",
            "e-learning",
            "hoc online",
            "online",
            "truc tuyen",
        ),
    ),
    ("reading", ("doc", "sach", "tai lieu", "bao", "read", "reading", "book", "books", "article")),
    ("research", ("nghien cuu", "tu hoc", "research", "tim hieu", "study")),
)


class InputProblem(Enum):
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NO_LETTERS = "no_letters"
    CONTROL_CHARS = "control_chars"
    BROKEN_CHARS = "broken_chars"
    NO_SEPARATOR = "no_separator"
    MARKUP = "markup"  # an HTML-like tag: "<b>", "</i>", "<!--", "<script>"
    FORMULA = "formula"  # starts with = + - @: a spreadsheet would run it as a formula


class InputError(ValueError):
    """User input that cannot be stored; `problem` picks the message.

    `length` is the length that was measured (for "too long"); `field` says which part of a
    two-part input was wrong ("name" or "unit" in `/profile Name | Unit`).
    """

    def __init__(self, problem: InputProblem, limit: int = 0, length: int = 0) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.limit = limit
        self.length = length
        self.field: str | None = None


def _check_chars(text: str) -> None:
    if has_lone_surrogates(text):
        raise InputError(InputProblem.BROKEN_CHARS)
    if has_control_chars(text):
        raise InputError(InputProblem.CONTROL_CHARS)


# "<" then a letter, "/" or "!" opens a tag; a lone "<" ("A < B", "<>") is just text.
_TAG = re.compile(r"<[A-Za-z/!]")
FORMULA_CHARS = ("=", "+", "-", "@")


def name_problem(text: str) -> InputProblem | None:
    """The one rule for names and units wherever they come from (typed, /units, the staff
    list): no HTML-like tag and no leading formula character. None when the text is fine."""
    value = text.strip()
    if _TAG.search(value):
        return InputProblem.MARKUP
    if value.startswith(FORMULA_CHARS):
        return InputProblem.FORMULA
    return None


def _clean(text: str, *, minimum: int, maximum: int) -> str:
    _check_chars(text)
    value = nfc(text)
    if not value:
        raise InputError(InputProblem.EMPTY)
    if len(value) > maximum:
        raise InputError(InputProblem.TOO_LONG, maximum, len(value))
    if len(value) < minimum:
        raise InputError(InputProblem.TOO_SHORT, minimum)
    if not any(ch.isalpha() for ch in value):
        raise InputError(InputProblem.NO_LETTERS)
    problem = name_problem(value)
    if problem is not None:
        raise InputError(problem)
    return value


def clean_full_name(text: str) -> str:
    """A full name as stored: NFC, single spaces. No tag and no leading formula character
    (name_problem); other characters ("&", "<>", quotes) are kept verbatim and escaped where
    shown."""
    return _clean(text, minimum=2, maximum=NAME_MAX)


def clean_unit(text: str) -> str:
    return _clean(text, minimum=2, maximum=UNIT_MAX)


def split_profile_line(text: str) -> tuple[str, str]:
    """'Nguyễn Văn An | Phòng Quản lý Khoa học' -> (full name, unit), both validated."""
    name, sep, unit = text.partition("|")
    if not sep:
        raise InputError(InputProblem.NO_SEPARATOR)
    return _part("name", clean_full_name, name), _part("unit", clean_unit, unit)


def _part(field: str, clean: Callable[[str], str], text: str) -> str:
    """`clean(text)`, with the field named on the error so the reply blames the right part."""
    try:
        return clean(text)
    except InputError as exc:
        exc.field = field
        raise


def clean_note(text: str) -> str:
    """An optional note: 1..NOTE_MAX characters once trimmed; newlines are kept."""
    _check_chars(text)
    lines = [nfc(line) for line in text.splitlines()]
    value = "\n".join(line for line in lines if line)
    if not value:
        raise InputError(InputProblem.EMPTY)
    if len(value) > NOTE_MAX:
        raise InputError(InputProblem.TOO_LONG, NOTE_MAX, len(value))
    return value


def detect_activity(text: str) -> str:
    """The activity a free description most likely names; 'other' when none fits."""
    words = f" {' '.join(re.findall(r'[a-z0-9-]+', fold(text)))} "
    for activity, keys in _ACTIVITY_WORDS:
        if any(f" {key} " in words for key in keys):
            return activity
    return "other"


SCHEDULE_HORIZON = HORIZON


def parse_when(text: str, now: datetime) -> datetime:
    """The moment a schedule time names (bot/core/when.py reads it)."""
    return read_when(text, now).moment


# Words that make a text a question rather than a name or a unit, folded ("là gì", "khi nào").
# "mấy" only with its diacritics: folded it is "may", and Mây is a given name.
_QUESTION_WORDS = re.compile(
    r"\b(?:la gi|gi vay|khi nao|bao gio|o dau|the nao|bao nhieu|tai sao|vi sao|lam sao|"
    r"what|when|where|which|why|how|who)\b"
)


def looks_like_question(text: str) -> bool:
    """True if `text` reads as a question ("chủ đề năm nay là gì", "khai mạc khi nào?"): it
    ends with "?" or holds a question word. A name or a unit holds neither."""
    value = nfc(text).strip()
    if value.endswith(("?", "？")):
        return True
    if re.search(r"(?<!\w)mấy(?!\w)", value.lower()):
        return True
    return _QUESTION_WORDS.search(" ".join(re.findall(r"[a-z0-9]+", fold(value)))) is not None


def asks_something(text: str, match: Match | None = None) -> bool:
    """True if `text`, typed where a name or a unit is awaited, is a question or a request
    instead: it looks like one, or the matcher (`match` is its reading of `text`) found a
    request ("điểm danh", "xem thống kê") or a question the notices do not answer.

    Fact intents alone do not count: the matcher corrects typos, and names read as facts
    ("Phạm An" as "nhằm", "Thu Mây" as "thứ mấy"); a fact question has its question word.
    A unit is read without the matcher (`match` None): "Cục Thống kê" is a unit, not "xem
    thống kê".
    """
    if looks_like_question(text):
        return True
    return (
        match is not None
        and match.intent is not None
        and match.kind in (Kind.ACTION, Kind.UNANSWERABLE)
    )


# Typed answers to the data notice, folded. A refusal is checked first: "không đồng ý" holds
# "đồng ý". Softeners and pronouns around them ("em đồng ý ạ", "ok đồng ý nhé") do not count.
_AGREE = ("dong y", "agree", "i agree", "ok", "oke", "okay", "yes", "co", "chap nhan", "accept")
_REFUSE = ("khong dong y", "ko dong y", "k dong y", "chua dong y", "tu choi", "khong", "ko",
           "khong chap nhan", "disagree", "i disagree", "i do not agree", "i don't agree", "no",
           "decline")  # fmt: skip
_AROUND = frozenset({"toi", "em", "minh", "anh", "chi", "a", "nhe", "nha", "ok", "oke", "roi",
                     "vang", "da", "xin", "please", "yes"})  # fmt: skip


def consent_reply(text: str) -> bool | None:
    """A typed answer to the data notice: True for "đồng ý", "ok đồng ý", "I agree"; False
    for "không đồng ý", "từ chối"; None for anything else (a question, say)."""
    words = re.findall(r"[a-z']+", fold(nfc(text)))
    while words and words[0] in _AROUND and " ".join(words) not in _AGREE:
        words.pop(0)
    while words and words[-1] in _AROUND and " ".join(words) not in _AGREE:
        words.pop()
    said = " ".join(words)
    if said in _REFUSE:
        return False
    return True if said in _AGREE else None


def _spelling_score(name: str) -> tuple[int, int]:
    """How well written a name is: its letters with diacritics, then its words in title case
    ("Kế", not "KẾ" nor "kế")."""
    marked = sum(1 for ch in name if ch.isalpha() and fold(ch) != ch.lower())
    titled = sum(1 for word in name.split() if word[:1].isupper() and word[1:] == word[1:].lower())
    return marked, titled


def better_spelling(current: str, typed: str) -> str:
    """Of two spellings of one name (the same folded key), the better written: "Phòng Kế
    toán" over "phong ke toan"; `current` when neither is better (the first typed stays)."""
    return typed if _spelling_score(typed) > _spelling_score(current) else current
