"""The reminder schedule of an edition: data in, concrete due moments out (pure)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from importlib import resources
from typing import Any

from bot.core.bar import Bar
from bot.core.editions import Edition

DAYS = ("eve", "opening", "each", "last", "after")
# Who a reminder goes to; Item.without_checkin_on says what the first two mean. "certified":
# those who earned a certificate; "admins": the bot's admins (the week's closing messages).
AUDIENCES = ("registered", "without_checkin", "certified", "admins")
# The closing messages (reminders.toml [[closing]]), rendered by bot/delivery/closing_messages.
CLOSING_KINDS = ("week_figures", "week_report", "week_honours", "certificate")


@dataclass(frozen=True, slots=True)
class ReminderSpec:
    kind: str
    day: str
    time: time
    audience: str
    groups: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """One reminder to send at one moment, e.g. key "morning@2023-10-03"."""

    key: str
    kind: str
    due: datetime
    audience: str
    groups: bool
    edition_year: int
    day: date
    day_number: int  # 1..N within the week; 0 outside it (the day before, the day after)

    @property
    def without_checkin_on(self) -> date | None:
        """The day whose check-in spares someone this reminder (audience "without_checkin")."""
        return self.day if self.audience == "without_checkin" else None


@dataclass(frozen=True, slots=True)
class Closing:
    """Who the closing messages reach: the certificate's bar, and the admins."""

    min_days: int = 5
    min_minutes: int = 0
    admin_ids: frozenset[int] = frozenset()

    def bar(self, edition: Edition) -> Bar:
        """What a certificate of `edition` needs."""
        return Bar.of(edition, self.min_days, self.min_minutes)


@dataclass(frozen=True, slots=True)
class ReminderData:
    specs: tuple[ReminderSpec, ...]
    suggestions: dict[str, tuple[str, ...]]
    # The morning after the week (certificates, the admins' figures and files): every
    # edition has them, whatever its own reminder schedule.
    closing: tuple[ReminderSpec, ...] = ()

    def suggestion(self, language: str, day_number: int) -> str:
        tips = self.suggestions.get(language) or self.suggestions["vi"]
        return tips[(day_number - 1) % len(tips)] if tips else ""


def parse_specs(raw: list[dict[str, Any]]) -> tuple[ReminderSpec, ...]:
    specs = []
    for entry in raw:
        spec = ReminderSpec(
            kind=str(entry["kind"]),
            day=str(entry["day"]),
            time=entry["time"],
            audience=str(entry.get("audience", "registered")),
            groups=bool(entry.get("groups", False)),
        )
        if spec.day not in DAYS or spec.audience not in AUDIENCES:
            raise ValueError(f"reminder {spec.kind}: day must be {DAYS}, audience {AUDIENCES}")
        if not isinstance(spec.time, time):
            raise ValueError(f"reminder {spec.kind}: time must be HH:MM:SS")
        specs.append(spec)
    return tuple(specs)


def load_reminder_data() -> ReminderData:
    """The packaged default schedule and suggestions."""
    text = resources.files("bot.core").joinpath("data/reminders.toml").read_text("utf-8")
    data = tomllib.loads(text)
    suggestions = {lang: tuple(tips) for lang, tips in data.get("suggestions", {}).items()}
    closing = parse_specs(data.get("closing", []))
    return ReminderData(parse_specs(data["reminder"]), suggestions, closing)


def specs_for(edition: Edition, data: ReminderData) -> tuple[ReminderSpec, ...]:
    """The edition's own schedule if its data gives one, else the default; then the closing
    messages."""
    own = parse_specs(list(edition.reminder)) if edition.reminder else data.specs
    return own + data.closing


def _days(spec: ReminderSpec, edition: Edition) -> list[date]:
    if spec.day == "eve":
        return [edition.opening - timedelta(days=1)]
    if spec.day == "opening":
        return [edition.opening]
    if spec.day == "last":
        return [edition.end]
    if spec.day == "after":
        return [edition.end + timedelta(days=1)]
    return [edition.start + timedelta(days=i) for i in range(edition.days)]


def expand(edition: Edition, specs: tuple[ReminderSpec, ...], tz: tzinfo) -> list[Item]:
    """Every reminder of the edition with its due moment in `tz`, in time order."""
    items = []
    for spec in specs:
        for day in _days(spec, edition):
            number = (day - edition.start).days + 1 if edition.contains(day) else 0
            items.append(
                Item(
                    key=f"{spec.kind}@{day.isoformat()}",
                    kind=spec.kind,
                    due=datetime.combine(day, spec.time, tzinfo=tz),
                    audience=spec.audience,
                    groups=spec.groups,
                    edition_year=edition.year,
                    day=day,
                    day_number=number,
                )
            )
    return sorted(items, key=lambda item: (item.due, item.key))
