"""Read a study duration the way Vietnamese officials write it: 45p, 1h30, 1,5 giờ, nửa tiếng…"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.core.duration_words import WordsError, WordsMatch, read_words
from bot.core.textnorm import fold_aligned, nfc

MAX_MINUTES_PER_ENTRY = 12 * 60
MAX_MINUTES_PER_DAY = 24 * 60


class DurationProblem(Enum):
    EMPTY = "empty"
    UNREADABLE = "unreadable"
    NEGATIVE = "negative"
    ZERO = "zero"
    NEEDS_UNIT = "needs_unit"
    TOO_LONG = "too_long"


class DurationError(ValueError):
    """The text is not a usable duration; `problem` says why (texts turn it into a message).

    NEEDS_UNIT for a number in digits carries what it could mean (`choices`, in minutes:
    "2" is 120 or 2, "1,5" only 90), the number as typed (`said`) and the text after it
    (`rest`), so the reader can be asked "2 giờ hay 2 phút?" and nothing typed is lost.
    """

    def __init__(
        self,
        problem: DurationProblem,
        *,
        choices: tuple[int, ...] = (),
        said: str = "",
        rest: str = "",
    ) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.choices = choices
        self.said = said
        self.rest = rest


@dataclass(frozen=True, slots=True)
class Parsed:
    minutes: int
    rest: str  # what followed the duration, in the original spelling


_NUM = r"[0-9]+(?:[.,][0-9]+)*"
_HOUR = r"(?:h|g|t|gio|tieng|hours?|hrs?)"
_MIN = r"(?:p|ph|phut|m|mins?|minutes?|')"
_END = r"(?=$|[\s,.;:!?)\-–])"
_AND = r"(?:\s*(?:va|and|,)\s*|\s*)"

_HALF = re.compile(rf"(?:nua\s*(?:tieng|gio)|half\s+(?:an\s+)?hour){_END}")
_HOURS = re.compile(
    rf"(?P<h>{_NUM})\s*{_HOUR}"
    rf"(?:{_AND}(?P<half>ruoi)|\s*kem\s*(?P<less>[0-9]+)(?:\s*{_MIN})?"
    rf"|{_AND}(?P<m>[0-9]+)(?:\s*{_MIN})?)?{_END}"
)
_MINUTES = re.compile(rf"(?P<m>{_NUM})\s*{_MIN}{_END}")
_BARE = re.compile(rf"(?P<m>{_NUM}){_END}")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_NEGATIVE = re.compile(r"[-−–]\s*[0-9]")
_MAX_DIGITS = 6  # more digits than any duration we accept (12 hours = 720 minutes)
# A bare whole number up to this may be hours as well as minutes ("2" after "học bao lâu?"):
# asked, never guessed. From 13 on it can only be minutes (an entry holds at most 12 hours).
AMBIGUOUS_UP_TO = MAX_MINUTES_PER_ENTRY // 60


def _number(raw: str) -> float:
    """'1.234' is a thousand-separated integer; '1,5' and '1.5' are decimals."""
    whole = raw.replace(".", "") if _THOUSANDS.fullmatch(raw) else re.split("[.,]", raw)[0]
    if len(whole.lstrip("0")) > _MAX_DIGITS:  # float() of 400 digits is inf, int() of 5,000 fails
        raise DurationError(DurationProblem.TOO_LONG)
    if _THOUSANDS.fullmatch(raw):
        return float(raw.replace(".", ""))
    if raw.count(",") + raw.count(".") > 1:
        raise DurationError(DurationProblem.UNREADABLE)
    return float(raw.replace(",", "."))


def _checked(minutes: float) -> int:
    whole = round(minutes)
    if whole <= 0:
        raise DurationError(DurationProblem.ZERO)
    if whole > MAX_MINUTES_PER_ENTRY:
        raise DurationError(DurationProblem.TOO_LONG)
    return whole


def _words(folded: str) -> WordsMatch | None:
    try:
        return read_words(folded)
    except WordsError as exc:
        raise DurationError(DurationProblem(exc.problem)) from None


def _hours(match: re.Match[str]) -> float:
    """Minutes of "1h30", "1 tiếng rưỡi", "2 giờ kém 15", "1,5 giờ"."""
    hours = _number(match["h"])
    after = (match["m"] or match["less"] or "").lstrip("0")
    if len(after) > 2:  # minutes after the hours are 0..59: "1h 90000" is not a duration
        raise DurationError(DurationProblem.UNREADABLE)
    extra = 30 if match["half"] else int(after or 0)
    if (extra or match["less"]) and hours != int(hours):
        raise DurationError(DurationProblem.UNREADABLE)  # "1,5 giờ 30" means nothing
    if extra >= 60 or (match["less"] and not extra):  # "2 giờ kém 0" neither
        raise DurationError(DurationProblem.UNREADABLE)
    return hours * 60 + (-extra if match["less"] else extra)


def split_duration(text: str) -> Parsed:
    """Read the duration at the start of `text` and return it with the text that follows."""
    original = nfc(text)
    folded = fold_aligned(original)
    if not folded:
        raise DurationError(DurationProblem.EMPTY)
    if _NEGATIVE.match(folded):
        raise DurationError(DurationProblem.NEGATIVE)
    words = _words(folded)  # "hai tiếng rưỡi", "two hours", "bốn lăm phút"
    if words is not None:
        return Parsed(_checked(words.minutes), _rest(original, words.end))
    if match := _HALF.match(folded):
        minutes = 30.0
    elif match := _HOURS.match(folded):
        minutes = _hours(match)
    elif match := _MINUTES.match(folded):
        minutes = _number(match["m"])
        if minutes != int(minutes):
            raise DurationError(DurationProblem.UNREADABLE)
    elif match := _BARE.match(folded):
        minutes = _number(match["m"])
        if minutes != int(minutes) or 1 <= minutes <= AMBIGUOUS_UP_TO:
            raise _ambiguous(minutes, original, match)  # "1,5", "2" alone: hours or minutes?
    else:
        raise DurationError(DurationProblem.UNREADABLE)
    return Parsed(_checked(minutes), _rest(original, match.end()))


def _ambiguous(number: float, original: str, match: re.Match[str]) -> DurationError:
    """A bare number that may be hours or minutes: what each reading would be, in minutes."""
    choices = []
    if 0 < number * 60 <= MAX_MINUTES_PER_ENTRY:
        choices.append(round(number * 60))
    if number == int(number):
        choices.append(int(number))
    return DurationError(
        DurationProblem.NEEDS_UNIT,
        choices=tuple(choices),
        said=original[match.start("m") : match.end("m")],
        rest=_rest(original, match.end()),
    )


def _rest(original: str, end: int) -> str:
    """What follows the duration, in the original spelling, without the separator."""
    return original[end:].lstrip(" ,.;:-–").strip()


def parse_duration(text: str) -> int:
    """Minutes for a text that is only a duration ("1 tiếng 30" -> 90)."""
    parsed = split_duration(text)
    if parsed.rest:
        raise DurationError(DurationProblem.UNREADABLE)
    return parsed.minutes


# Words that open a correction ("à nhầm, 1 tiếng rưỡi", "sửa lại: 45p", "sorry, 2 hours"),
# folded; they may repeat and are followed by spaces or punctuation.
_CORRECTION = re.compile(
    r"(?:(?:a+|a nham|nham|nham roi|sua|sua lai|lai|xin loi|ko|khong|khong phai|y la|"
    r"y toi la|y minh la|oh|ah|ui|oi|sorry|i mean|no|oops)(?=$|[\s,.;:!\-–])[\s,.;:!\-–]*)+"
)


def without_correction(text: str) -> str:
    """`text` without the correction words it opens with, in the original spelling:
    "à nhầm, 1 tiếng rưỡi" -> "1 tiếng rưỡi"; a text that opens with none is returned as is."""
    original = nfc(text)
    match = _CORRECTION.match(fold_aligned(original))
    return original[match.end() :].strip() if match else original
