"""The fields read from a notice, each with the sentence it came from, and their checks.

`NoticeFields` is what the extractor returns and what an admin corrects before saving; it
turns into an `Edition` only through `to_edition`, which applies the start-up checks
(`bot.core.editions._edition`: dates in order, the week 1–10 days, the opening inside it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, time
from typing import Any

from bot.core.editions import Edition, EditionsError, _edition
from bot.core.notice_dates import MAX_WEEK_DAYS

# In the order the card shows them.
FIELD_NAMES = (
    "year",
    "name",
    "start",
    "end",
    "opening",
    "opening_time",
    "theme",
    "organiser",
    "audience",
    "plan_number",
    "plan_date",
    "published",
    "plan_title",
    "ministry_launch",
    "movement",
    "related_decision",
    "purposes",
    "source",
)
DATE_FIELDS = frozenset({"start", "end", "opening", "plan_date", "published"})
# What an Edition cannot do without (bot.core.editions._REQUIRED).
# `source` is not asked for: without one it is "Thông báo của <organiser>, ngày <date>"
# (default_source); `purposes` may be empty (the bot says the notice gives none).
REQUIRED = ("year", "name", "start", "end", "opening", "theme", "organiser")


@dataclass(frozen=True)
class NoticeFields:
    """One edition as a notice gives it; what the text does not give stays empty/None."""

    year: int | None = None
    name: str = ""
    start: date | None = None
    end: date | None = None
    opening: date | None = None
    opening_time: time | None = None
    theme: str = ""
    organiser: str = ""
    audience: str = ""
    plan_number: str = ""
    plan_date: date | None = None
    published: date | None = None
    plan_title: str = ""
    ministry_launch: str = ""
    movement: str = ""
    related_decision: str = ""
    purposes: tuple[str, ...] = ()
    source: str = ""
    # field name -> the sentence of the notice it came from (shown on the review card).
    sentences: dict[str, str] = field(default_factory=dict, compare=False)

    def value(self, name: str) -> Any:
        return getattr(self, name)

    def given(self, name: str) -> bool:
        return self.value(name) not in (None, "", ())

    def missing(self) -> tuple[str, ...]:
        """The required fields still empty: the edition cannot be saved without them."""
        return tuple(name for name in REQUIRED if not self.given(name))

    def with_value(self, name: str, value: Any) -> NoticeFields:
        """A copy with one field set by hand (its sentence: none, the admin typed it)."""
        sentences = {k: v for k, v in self.sentences.items() if k != name}
        return replace(self, **{name: value}, sentences=sentences)


def problems(f: NoticeFields) -> tuple[str, ...]:
    """Why these dates cannot be an edition: codes "order", "length", "opening",
    "year_dates" (the year is not the first day's)."""
    found = []
    if f.year and f.start and f.year != f.start.year:
        found.append("year_dates")
    if f.start and f.end:
        if f.end < f.start:
            found.append("order")
        elif (f.end - f.start).days + 1 > MAX_WEEK_DAYS:
            found.append("length")
        if f.opening and not f.start <= f.opening <= f.end:
            found.append("opening")
    return tuple(found)


def to_edition(f: NoticeFields) -> Edition:
    """The edition, checked as at start-up; EditionsError says what is wrong."""
    missing = f.missing()
    if missing:
        raise EditionsError(f"missing {', '.join(missing)}")
    if problems(f):
        raise EditionsError(f"edition {f.year}: {', '.join(problems(f))}")
    if not f.source:
        f = replace(f, source=default_source(f))
    raw: dict[str, Any] = {n: f.value(n) for n in FIELD_NAMES if f.given(n)}
    return _edition(raw)


def default_source(f: NoticeFields, *, posted: bool = False) -> str:
    """Where the edition came from, in the words a notice uses for itself: an agency's own
    notice ("Thông báo của X, ngày D") or a post reporting a plan ("Thông báo về Kế hoạch
    số N của X, đăng ngày D")."""
    parts = ["Thông báo"]
    if posted and f.plan_number:
        parts.append(f" về Kế hoạch số {f.plan_number}")
    if f.organiser:
        parts.append(f" của {f.organiser}")
    if f.published:
        parts.append(f", {'đăng ngày' if posted else 'ngày'} {f.published:%d/%m/%Y}")
    return "".join(parts)


def from_edition(edition: Edition) -> NoticeFields:
    """The fields of a saved edition (to show what a new notice would change)."""
    own = {f.name for f in fields(NoticeFields)} - {"sentences"}
    return NoticeFields(**{n: getattr(edition, n) for n in own})


def to_json(f: NoticeFields) -> dict[str, Any]:
    """JSON-friendly: ISO dates and "HH:MM", null for what the notice does not give."""
    out: dict[str, Any] = {}
    for name in FIELD_NAMES:
        value = f.value(name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, time):
            value = value.strftime("%H:%M")
        elif isinstance(value, tuple):
            value = list(value) or None
        out[name] = value if value not in ("", None) else None
    return out


def from_json(data: dict[str, Any], sentences: dict[str, str] | None = None) -> NoticeFields:
    """The inverse of `to_json` (drafts kept across restarts)."""
    values: dict[str, Any] = {}
    for name in FIELD_NAMES:
        raw = data.get(name)
        if raw is None:
            continue
        if name in DATE_FIELDS:
            values[name] = date.fromisoformat(raw)
        elif name == "opening_time":
            values[name] = time.fromisoformat(raw)
        elif name == "purposes":
            values[name] = tuple(raw)
        elif name == "year":
            values[name] = int(raw)
        else:
            values[name] = str(raw)
    return NoticeFields(**values, sentences=dict(sentences or {}))
