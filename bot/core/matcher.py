"""Understand a free-text message: which intent (and of which kind) it is, and for which year.

Folds diacritics, expands chat shorthand, corrects typos against the phrase vocabulary,
then scores every intent by the weighted phrases it finds. The phrases are data
(`data/intents.toml`), so coverage grows without code changes. Each intent has a kind: a fact
the notices give, an action typed as a sentence, small talk, or a question about something the
notices do not say (answered honestly, never with a card that merely looks like an answer).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources

from bot.core.duration import DurationError, split_duration
from bot.core.textnorm import fold, nfc

_TOKEN = re.compile(r"[a-z0-9]+")
# Questions are short; past this many words a message is not a question about the week, and
# typo-correcting hundreds of unknown words would stall the event loop.
MAX_TOKENS = 40
# Only the start of a message is read (the longest labelled question has 85 characters), so
# the work per message is bounded whatever arrives: a 4,096-character message, or a 10 MB
# body that once got past the webhook.
MAX_CHARS = 300
# No vocabulary word is longer than 12 letters, nor two of them run together longer than 24;
# a longer token is left as it is (splitting it tried every cut: quadratic in its length).
MAX_WORD = 24
_YEAR = re.compile(r"\b(?:19|20)[0-9]{2}\b")
_YEAR_RANGE = re.compile(r"\b(?:19|20)[0-9]{2}\s*[-–/]\s*(?:19|20)[0-9]{2}\b")
# A study duration in a sentence ("điểm danh 30p đọc sách") counts as this token, so a phrase
# in the data can weigh it. Not a word anyone types: no typo is ever corrected into it.
DURATION = "#duration"
_WORD = re.compile(r"\S+")
# Words closing a sentence that are not part of a check-in's note ("học 30p rồi").
_FILLERS = (("hom", "nay"), ("roi",), ("nhe",), ("nha",), ("nhen",), ("a",), ("di",), ("ha",),
            ("ne",), ("oi",), ("today",), ("please",), ("now",))  # fmt: skip


class Kind(StrEnum):
    """What sort of message an intent stands for."""

    FACT = "fact"  # a fact the editions data holds: theme, dates, ceremony, …
    ACTION = "action"  # a request to do something: check in, undo, reminders off, …
    SMALLTALK = "smalltalk"  # thanks, ok, bye, who are you, …
    UNANSWERABLE = "unanswerable"  # a fact the notices do not give: place, prize, deadline, …


@dataclass(frozen=True, slots=True)
class Intent:
    name: str
    phrases: Mapping[tuple[str, ...], float]
    min_score: float
    kind: Kind = Kind.FACT


@dataclass(frozen=True, slots=True)
class Match:
    """What the matcher understood. `intent` and `kind` are None when nothing scored enough."""

    intent: str | None
    score: float
    year: int | None = None  # an explicit year such as 2021
    relative_year: int | None = None  # 0 this year, -1 last year, +1 next year
    kind: Kind | None = None
    # The duration the sentence carries and the words after it, in the sender's spelling
    # ("30p đọc sách"): what `/diemdanh 30p đọc sách` would be given. None without one.
    duration: str | None = None


def find_duration(text: str) -> str | None:
    """The first study duration in a sentence, with its unit, and the note after it.

    "tôi muốn điểm danh 30p đọc sách" -> "30p đọc sách"; "học 30p rồi" -> "30p". A bare
    number ("ngày 4", "năm 2023") is not a duration here: only the one-line command reads
    those as minutes.
    """
    text = nfc(text[:MAX_CHARS])
    for word in list(_WORD.finditer(text))[:MAX_TOKENS]:
        tail = text[word.start() :]
        try:
            parsed = split_duration(tail)
        except DurationError:
            continue
        said = tail[: len(tail) - len(parsed.rest)].strip()
        if not any(ch.isalpha() or ch == "'" for ch in said):
            continue
        note = parsed.rest.split()
        folded = [fold(w).strip(".,!?;:") for w in note]
        while note:
            filler = next((f for f in _FILLERS if tuple(folded[-len(f) :]) == f), None)
            if filler is None:
                break
            del note[-len(filler) :], folded[-len(filler) :]
        return " ".join([said, *note])
    return None


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (adjacent swaps count once), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Matcher:
    """Scores questions against intents; build once, share across updates (it is stateless)."""

    def __init__(
        self,
        intents: Iterable[Intent],
        shorthand: Mapping[str, str],
        relative_years: Mapping[tuple[str, ...], int],
        keep: Iterable[str] = (),
    ) -> None:
        self.intents = tuple(intents)
        self._shorthand = {k: tuple(v.split()) for k, v in shorthand.items()}
        self._relative_years = dict(relative_years)
        self._keep = frozenset(keep)
        self._vocabulary = frozenset(
            token
            for intent in self.intents
            for phrase in intent.phrases
            for token in phrase
            if token != DURATION
        ) | frozenset(t for phrase in self._relative_years for t in phrase)
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self._vocabulary):
            self._by_length.setdefault(len(word), []).append(word)
        # Phrases by their first word, so scoring looks only at phrases that can start here.
        self._index: dict[str, list[tuple[tuple[str, ...], int, float]]] = {}
        for position, intent in enumerate(self.intents):
            for phrase, weight in intent.phrases.items():
                self._index.setdefault(phrase[0], []).append((phrase, position, weight))
        # Bound per instance so each matcher has its own cache.
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)

    def _correct_uncached(self, token: str) -> tuple[str, ...]:
        """The vocabulary word(s) a misspelt token was meant to be, or the token itself."""
        if token in self._vocabulary or token in self._keep or not 4 <= len(token) <= MAX_WORD:
            return (token,)
        if token.isdigit():
            return (token,)
        # Two words typed without the space between them: "chude", "mucdich".
        for cut in range(2, len(token) - 1):
            if token[:cut] in self._vocabulary and token[cut:] in self._vocabulary:
                return (token[:cut], token[cut:])
        limit = 1 if len(token) < 7 else 2
        best, best_distance = token, limit + 1
        # Same-length words first: a swapped or wrong letter is likelier than a lost one.
        lengths = sorted(
            range(len(token) - limit, len(token) + limit + 1), key=lambda n: abs(n - len(token))
        )
        for length in lengths:
            for word in self._by_length.get(length, ()):
                distance = _edit_distance(token, word, limit)
                if distance < best_distance:
                    best, best_distance = word, distance
        return (best,)

    def tokens(self, text: str) -> list[str]:
        """Folded, shorthand-expanded, typo-corrected tokens of a question."""
        out: list[str] = []
        for raw in _TOKEN.findall(fold(text[:MAX_CHARS]))[:MAX_TOKENS]:
            expanded = self._shorthand.get(raw)
            if expanded is not None:
                out.extend(expanded)
            else:
                out.extend(self._correct(raw))
        return out

    @staticmethod
    def _count(tokens: list[str], phrase: tuple[str, ...]) -> bool:
        n = len(phrase)
        return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))

    def match(self, text: str) -> Match:
        """The best intent and any year the question names (read from its first MAX_CHARS)."""
        text = text[:MAX_CHARS]
        folded = fold(text)
        years = _YEAR.findall(_YEAR_RANGE.sub(" ", folded))
        year = int(years[0]) if years else None
        tokens = self.tokens(text)
        duration = find_duration(text)
        if duration is not None:
            tokens.append(DURATION)
        relative = next(
            (off for phrase, off in self._relative_years.items() if self._count(tokens, phrase)),
            None,
        )
        scores = [0.0] * len(self.intents)
        seen: set[tuple[tuple[str, ...], int]] = set()  # a phrase counts once per question
        for i, token in enumerate(tokens):
            for phrase, position, weight in self._index.get(token, ()):
                key = (phrase, position)
                if key not in seen and tuple(tokens[i : i + len(phrase)]) == phrase:
                    seen.add(key)
                    scores[position] += weight
        best: Intent | None = None
        best_score = 0.0
        for intent, score in zip(self.intents, scores, strict=True):
            if score >= intent.min_score and score > best_score:
                best, best_score = intent, score
        if best is None:
            return Match(None, best_score, year, relative, duration=duration)
        return Match(best.name, best_score, year, relative, best.kind, duration)


def load_matcher() -> Matcher:
    """The matcher built from the packaged `data/intents.toml`."""
    text = resources.files("bot.core").joinpath("data/intents.toml").read_text("utf-8")
    data = tomllib.loads(text)
    intents = [
        Intent(
            name=name,
            phrases={tuple(p.split()): float(w) for p, w in spec["phrases"].items()},
            min_score=float(spec.get("min_score", 1.5)),
            kind=Kind(spec.get("kind", "fact")),
        )
        for name, spec in data["intents"].items()
    ]
    years = {tuple(p.split()): int(off) for p, off in data["years"].items()}
    return Matcher(intents, data["shorthand"], years, data.get("keep", {}).get("words", ()))
