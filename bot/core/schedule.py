"""The reminder schedule of an edition: data in, concrete due moments out (pure)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from importlib import resources
from typing import Any

from bot.core.editions import Edition

DAYS = ("eve", "opening", "each", "last")
# Who a reminder goes to; Item.without_checkin_on says what each one means.
AUDIENCES = ("registered", "without_checkin")


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
    day_number: int  # 1..N within the week; 0 the day before

    @property
    def without_checkin_on(self) -> date | None:
        """The day whose check-in spares someone this reminder (audience "without_checkin")."""
        return self.day if self.audience == "without_checkin" else None


@dataclass(frozen=True, slots=True)
class ReminderData:
    specs: tuple[ReminderSpec, ...]
    suggestions: dict[str, tuple[str, ...]]

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
    return ReminderData(parse_specs(data["reminder"]), suggestions)


def specs_for(edition: Edition, data: ReminderData) -> tuple[ReminderSpec, ...]:
    """The edition's own schedule if its data gives one, else the default."""
    return parse_specs(list(edition.reminder)) if edition.reminder else data.specs


def _days(spec: ReminderSpec, edition: Edition) -> list[date]:
    if spec.day == "eve":
        return [edition.opening - timedelta(days=1)]
    if spec.day == "opening":
        return [edition.opening]
    if spec.day == "last":
        return [edition.end]
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
