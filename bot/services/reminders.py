"""What organisers and admins see of the reminders: the schedule and delivery figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.context import Deps
from bot.core.editions import Edition
from bot.core.schedule import expand, specs_for
from db.queries import audience
from db.queries import outbox as box


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    kind: str
    due: datetime
    recipients: int
    figures: box.Figures | None  # None while the item is still in the future


@dataclass(frozen=True, slots=True)
class Overview:
    year: int
    lines: list[Line]


def edition_to_show(deps: Deps, today: date) -> Edition:
    """The running edition, else the next one announced, else the latest."""
    upcoming = sorted((e for e in deps.editions.all if e.start > today), key=lambda e: e.start)
    return deps.editions.running(today) or (upcoming[0] if upcoming else deps.editions.latest)


async def schedule_overview(deps: Deps, today: date) -> Overview:
    edition = edition_to_show(deps, today)
    items = expand(edition, specs_for(edition, deps.reminders), deps.clock.tz)
    lines = []
    async with deps.sessions() as session:
        figures = {f.key: f for f in await box.figures(session)}
        everyone = len(await audience.officials(session))
        group_count = len(await audience.groups(session))
        for item in items:
            done = figures.get(item.key)
            if done is not None:
                count = done.sent + done.failed + done.skipped_late + done.unknown + done.pending
            elif item.audience == "without_checkin":
                count = len(await audience.officials(session, without_checkin_on=item.day))
            else:
                count = everyone + (group_count if item.groups else 0)
            lines.append(Line(item.key, item.kind, item.due, count, done))
    return Overview(edition.year, lines)


async def delivery_figures(deps: Deps) -> list[dict[str, object]]:
    """Per planned reminder: the `python -m bot reminders --json` rows."""
    async with deps.sessions() as session:
        rows = await box.figures(session)
    return [
        {"key": f.key, "due": f.due.astimezone(deps.clock.tz).isoformat(), "sent": f.sent,
         "failed": f.failed, "skipped_late": f.skipped_late, "unknown": f.unknown,
         "pending": f.pending}
        for f in rows
    ]  # fmt: skip
