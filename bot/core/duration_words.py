"""Durations written in words: "một tiếng", "bốn lăm phút", "hai tiếng rưỡi", "two hours".

Works on the folded text (bot.core.textnorm.fold_aligned: lower case, no diacritics, one
character per character), so "mười lăm phút" and "muoi lam phut" read alike and the caller
can cut the original text where the phrase ends. Numbers in words and in digits mix freely
("hai tiếng 30 phút"); a phrase with no word for a number is left to the digit rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Vietnamese: "mười" (10) and "mươi" (tens) fold alike and are told apart by position; after
# the tens, 1 is "mốt", 4 may be "tư" and 5 is "lăm" or "nhăm" ("hai mươi lăm" is 25).
_VI_DIGITS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}  # fmt: skip
_VI_AFTER_TENS = {**_VI_DIGITS, "tu": 4, "lam": 5, "nham": 5}
_EN_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
HOUR_WORDS = frozenset({"tieng", "gio", "h", "g", "t", "hour", "hours", "hr", "hrs"})
MINUTE_WORDS = frozenset({"phut", "p", "ph", "m", "min", "mins", "minute", "minutes"})
_AND = frozenset({"va", "and"})
_MAX_DIGITS = 6  # as in duration.py: more digits than any duration we accept

# Words ("tieng"), digit runs ("30") and commas, each after optional spaces or hyphens
# ("forty-five"). Anything else ends the phrase.
_TOKEN = re.compile(
    r"[\s\-]*(?:(?P<word>[a-z]+)|(?P<digits>[0-9]+)(?![0-9]|[.,][0-9])|(?P<comma>,))"
)
_END = re.compile(r"$|[\s,.;:!?)\-–]")


class WordsError(ValueError):
    """Why a phrase in words is no duration: `problem` is a DurationProblem value."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


NEEDS_UNIT = "needs_unit"  # only a number in words: hours or minutes?
UNREADABLE = "unreadable"  # looks like a duration but means nothing ("một tiếng kém 75")


@dataclass(frozen=True, slots=True)
class WordsMatch:
    minutes: int
    end: int  # where the phrase ends in the folded (and so the original) text


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    end: int
    digits: bool


def _tokens(folded: str) -> list[_Token]:
    tokens, at = [], 0
    while (match := _TOKEN.match(folded, at)) is not None and match.end() > at:
        text = match["word"] or match["digits"] or match["comma"]
        tokens.append(_Token(text, match.end(), match["digits"] is not None))
        at = match.end()
        if len(tokens) > 16:  # the longest phrase we read has fewer; the rest is a note
            break
    return tokens


class _Reader:
    """A recursive-descent reader over the tokens; `words` notes a number read from words."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0
        self.words = False

    def peek(self, offset: int = 0) -> str:
        index = self.at + offset
        return self.tokens[index].text if index < len(self.tokens) else ""

    def take(self, *options: str | frozenset[str]) -> bool:
        """Consume the next tokens if they are `options` in order (a word or a set of them)."""
        for offset, option in enumerate(options):
            word = self.peek(offset)
            if not (word in option if isinstance(option, frozenset) else word == option):
                return False
        self.at += len(options)
        return True

    def end(self) -> int:
        return self.tokens[self.at - 1].end if self.at else 0

    # --- numbers ------------------------------------------------------------------------
    def number(self) -> int | None:
        token = self.tokens[self.at] if self.at < len(self.tokens) else None
        if token is None:
            return None
        if token.digits:
            if len(token.text.lstrip("0")) > _MAX_DIGITS:
                return None  # the digit rules refuse it, with the reason
            self.at += 1
            return int(token.text)
        value = self._vietnamese() or self._english()
        if value is not None:
            self.words = True
        return value

    def _vietnamese(self) -> int | None:
        word = self.peek()
        if word == "muoi":  # "mười", "mười lăm"
            self.at += 1
            return 10 + self._after_tens()
        if word not in _VI_DIGITS:
            return None
        self.at += 1
        digit = _VI_DIGITS[word]
        if self.take("muoi"):  # "hai mươi", "bốn mươi lăm"
            return digit * 10 + self._after_tens()
        if digit >= 2 and self.peek() in {"lam", "nham"}:  # "bốn lăm": 45, said short
            self.at += 1
            return digit * 10 + 5
        if self.take("tram"):  # "một trăm hai mươi", "một trăm linh năm"
            if self.peek() in {"linh", "le"} and self.peek(1) in _VI_DIGITS:
                self.at += 2
                return digit * 100 + _VI_DIGITS[self.peek(-1)]
            rest = self._vietnamese()
            return digit * 100 + (rest if rest is not None and rest < 100 else 0)
        return digit

    def _after_tens(self) -> int:
        word = self.peek()
        if word in _VI_AFTER_TENS and self.peek(1) != "muoi":  # not "mười ba mươi"
            self.at += 1
            return _VI_AFTER_TENS[word]
        return 0

    def _english(self) -> int | None:
        word = self.peek()
        if word in _EN_ONES:
            self.at += 1
            value = _EN_ONES[word]
        elif word in _EN_TENS:
            self.at += 1
            value = _EN_TENS[word]
            ones = _EN_ONES.get(self.peek(), 0)
            if 0 < ones < 10:
                self.at += 1
                value += ones
        else:
            return None
        if value < 10 and self.take("hundred"):
            self.take("and")
            rest = self._english()
            value = value * 100 + (rest if rest is not None and rest < 100 else 0)
        return value

    # --- the phrase ---------------------------------------------------------------------
    def phrase(self) -> int | None:
        """Minutes, or None when this is not a phrase in words (the digit rules try)."""
        if self.take(frozenset({"tieng", "gio"}), "ruoi"):  # "tiếng rưỡi": one and a half
            self.words = True
            return 90
        if self.peek() in {"a", "an"} and self.peek(1) in HOUR_WORDS | MINUTE_WORDS:
            self.at += 1
            self.words = True
            count = 1
        else:
            found = self.number()
            if found is None:
                return None
            count = found
        half = self.take("and", "a", "half")  # "one and a half hours"
        self.words = self.words or half
        if self.take(MINUTE_WORDS):
            return None if half else count
        if not self.take(HOUR_WORDS):
            if self.words and self.at == len(self.tokens):
                raise WordsError(NEEDS_UNIT)
            return None
        return count * 60 + (30 if half else self._after_hours())

    def _after_hours(self) -> int:
        """What may follow the hours: rưỡi, and a half, kém N, (và) N (phút)."""
        if self.take("ruoi"):
            return 30
        if self.take("and", "a", "half"):
            self.words = True
            return 30
        start = self.at
        if self.take("kem"):
            self.words = True
            less = self.number()
            if less is None:
                raise WordsError(UNREADABLE)
            self.take(MINUTE_WORDS)
            if not 1 <= less < 60:
                raise WordsError(UNREADABLE)
            return -less
        self.take(_AND | {","})
        words_before = self.words
        in_words = self.at < len(self.tokens) and not self.tokens[self.at].digits
        minutes = self.number()
        unit = minutes is not None and self.take(MINUTE_WORDS)
        # "một tiếng ba cuốn sách": a small number in words with no unit starts the note.
        if minutes is None or (in_words and minutes < 10 and not unit):
            self.at, self.words = start, words_before  # "một tiếng, đọc sách": so does this
            return 0
        if minutes >= 60:
            raise WordsError(UNREADABLE)
        return minutes


def read_words(folded: str) -> WordsMatch | None:
    """The duration at the start of `folded` if it is written (partly) in words, else None.

    Raises WordsError for a phrase that reads as words but is not a usable duration.
    """
    if folded.startswith(("-", "−", "–")):  # a sign: the digit rules say "negative"
        return None
    reader = _Reader(_tokens(folded))
    minutes = reader.phrase()
    if minutes is None or not reader.words:
        return None
    end = reader.end()
    if _END.match(folded, end) is None:  # "hai giờ30x": the phrase does not end here
        return None
    return WordsMatch(minutes, end)
