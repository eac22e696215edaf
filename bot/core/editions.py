"""The editions of the week, loaded from a TOML data file, and where "today" falls in them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any


class EditionsError(ValueError):
    """The editions file is missing a field or contradicts itself."""


@dataclass(frozen=True, slots=True)
class Edition:
    """One year's Lifelong Learning Week, as the official notice describes it."""

    year: int
    name: str
    start: date
    end: date
    opening: date
    theme: str
    organiser: str
    purposes: tuple[str, ...]
    source: str
    opening_time: time | None = None
    audience: str = ""
    plan_number: str = ""
    plan_date: date | None = None
    # When the notice was published: before that day the bot does not know the edition
    # (a rehearsal clock in 2021 must not answer with 2023's plan), and the date a reader in
    # another language sees in place of the Vietnamese `source` sentence. Defaults to
    # plan_date; with neither, the edition is known at any date.
    published: date | None = None
    plan_title: str = ""
    ministry_launch: str = ""
    movement: str = ""
    related_decision: str = ""
    # Facts people ask about that no notice so far has given (issue 13). Left empty, the bot
    # says the notice does not give them; filled from a future notice, it answers from them.
    venue: str = ""
    ceremony_host: str = ""
    participation: str = ""  # whether taking part is mandatory
    prizes: str = ""
    deadline: str = ""
    fee: str = ""
    contact: str = ""
    # The day an admin saved the edition from its notice (chat or command line): known from
    # then on even when the notice is dated later. Not part of the stored data.
    saved_on: date | None = field(default=None, compare=False)
    # Raw [[edition.reminder]] blocks replacing the default schedule (see bot/core/schedule.py).
    reminder: tuple[dict[str, Any], ...] = ()

    @property
    def days(self) -> int:
        """Length of the week in days (7 for every edition so far)."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def notice_date(self) -> date | None:
        """When its notice was published (`published`, else the plan's date), if known."""
        return self.published or self.plan_date

    def known_on(self, day: date) -> bool:
        """Whether the edition's notice had been published, or the edition saved, by `day`."""
        if self.saved_on is not None and self.saved_on <= day:
            return True
        return self.notice_date is None or self.notice_date <= day


class Phase(Enum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


@dataclass(frozen=True, slots=True)
class WeekStatus:
    """Where a day falls relative to an edition."""

    phase: Phase
    days_until_opening: int  # > 0 only before the week
    day_number: int  # 1-based, only during the week
    days_left: int  # days after today until the end, only during the week


def week_status(edition: Edition, today: date) -> WeekStatus:
    """Before the week (days until the opening), during it (day N, days left) or after it."""
    if today < edition.start:
        return WeekStatus(Phase.BEFORE, (edition.opening - today).days, 0, 0)
    if today > edition.end:
        return WeekStatus(Phase.AFTER, 0, 0, 0)
    return WeekStatus(Phase.DURING, 0, (today - edition.start).days + 1, (edition.end - today).days)


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answer to "which edition?": the edition to show and whether it is the one asked."""

    edition: Edition
    requested_year: int
    exact: bool


class Editions:
    """All editions in the data, newest first.

    What "today" may see is narrower: an edition is known only from its notice's publication
    (`Edition.known_on`), so every answer that depends on today (`lookup`, `running`,
    `to_show`) skips the editions announced later: /chude 2023 on a 2021 clock says there is
    no information about 2023 yet. `get` and `all` are the data itself (reports, reminders).
    """

    def __init__(self, editions: list[Edition]) -> None:
        if not editions:
            raise EditionsError("the editions file lists no edition")
        years = [e.year for e in editions]
        if len(set(years)) != len(years):
            raise EditionsError("an edition year appears twice")
        self.all: tuple[Edition, ...] = tuple(sorted(editions, key=lambda e: e.year, reverse=True))

    def get(self, year: int) -> Edition | None:
        return next((e for e in self.all if e.year == year), None)

    @property
    def latest(self) -> Edition:
        return self.all[0]

    def known(self, today: date) -> tuple[Edition, ...]:
        """The editions published by `today`, newest first."""
        return tuple(e for e in self.all if e.known_on(today))

    def _fallback(self, today: date) -> Edition:
        """The most recent edition known today; before any notice, the oldest edition (the
        one nearest to being announced), since an answer needs some edition."""
        known = self.known(today)
        return known[0] if known else self.all[-1]

    def lookup(self, year: int | None, today: date) -> Lookup:
        """The edition for `year` (default: today's year) if known today; else the most recent
        one known (already begun if any)."""
        wanted = year if year is not None else today.year
        found = self.get(wanted)
        if found is not None and found.known_on(today):
            return Lookup(found, wanted, exact=True)
        begun = [e for e in self.known(today) if e.start <= today]
        return Lookup(begun[0] if begun else self._fallback(today), wanted, exact=False)

    def running(self, today: date) -> Edition | None:
        """The edition known today whose days include `today`, if any."""
        return next((e for e in self.known(today) if e.contains(today)), None)

    def to_show(self, today: date) -> Edition:
        """The running edition, else the next one announced, else the latest known."""
        upcoming = sorted((e for e in self.known(today) if e.start > today), key=lambda e: e.start)
        return self.running(today) or (upcoming[0] if upcoming else self._fallback(today))


# Not `purposes`: a short notice may state none, and the bot then says it does not give them.
_REQUIRED = ("year", "name", "start", "end", "opening", "theme", "organiser", "source")


def _edition(raw: dict[str, Any]) -> Edition:
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise EditionsError(f"edition {raw.get('year', '?')}: missing {', '.join(missing)}")
    fields = dict(raw)
    fields["purposes"] = tuple(raw.get("purposes", ()))
    fields["reminder"] = tuple(raw.get("reminder", ()))
    try:
        edition = Edition(**fields)
    except TypeError as exc:
        raise EditionsError(f"edition {raw['year']}: {exc}") from exc
    for key in ("start", "end", "opening"):
        if not isinstance(getattr(edition, key), date):
            raise EditionsError(f"edition {edition.year}: {key} must be a date (YYYY-MM-DD)")
    for key in ("plan_date", "published"):
        if getattr(edition, key) is not None and not isinstance(getattr(edition, key), date):
            raise EditionsError(f"edition {edition.year}: {key} must be a date (YYYY-MM-DD)")
    if not edition.start <= edition.opening <= edition.end:
        raise EditionsError(f"edition {edition.year}: opening must fall within start..end")
    return edition


def load_editions(path: Path | None = None) -> Editions:
    """Read the editions file (`EDITIONS_FILE`, else the one shipped with the package)."""
    if path is None:
        text = resources.files("bot.core").joinpath("data/editions.toml").read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EditionsError(f"editions file is not valid TOML: {exc}") from exc
    return Editions([_edition(raw) for raw in data.get("edition", [])])


class EditionBook(Editions):
    """The editions the running bot answers from: `Editions`, whose contents `replace` swaps
    at once (an admin saved a new edition; another replica did). Every reader holds the book,
    never a copy, so the next answer, report or reminder pass sees the new editions."""

    def __init__(self, editions: Editions, version: object = None) -> None:
        super().__init__(list(editions.all))
        self.version = version  # what the store says it last loaded (e.g. max updated_at)

    def replace(self, editions: Editions, version: object = None) -> None:
        self.all = editions.all  # one assignment: a reader sees the old or the new tuple
        self.version = version


_DATES = ("start", "end", "opening", "plan_date", "published")


def edition_data(edition: Edition) -> dict[str, Any]:
    """The edition as JSON-friendly data (ISO dates, "HH:MM:SS" times), for the database."""
    data: dict[str, Any] = {}
    for name in Edition.__slots__:
        if name == "saved_on":  # when, not what: the row's own created_at keeps it
            continue
        value = getattr(edition, name)
        if isinstance(value, date | time):
            value = value.isoformat()
        elif name == "purposes":
            value = list(value)
        elif name == "reminder":
            value = [
                {k: v.isoformat() if isinstance(v, time) else v for k, v in block.items()}
                for block in value
            ]
        if value not in (None, "", []):
            data[name] = value
    return data


def edition_from_data(data: dict[str, Any]) -> Edition:
    """The inverse of `edition_data`, checked as at start-up (EditionsError if wrong)."""
    raw = dict(data)
    try:
        for key in _DATES:
            if isinstance(raw.get(key), str):
                raw[key] = date.fromisoformat(raw[key])
        if isinstance(raw.get("opening_time"), str):
            raw["opening_time"] = time.fromisoformat(raw["opening_time"])
        raw["reminder"] = [
            {
                k: time.fromisoformat(v) if k == "time" and isinstance(v, str) else v
                for k, v in b.items()
            }
            for b in raw.get("reminder", ())
        ]
    except (TypeError, ValueError, AttributeError) as exc:
        raise EditionsError(f"edition {raw.get('year', '?')}: {exc}") from exc
    return _edition(raw)
