"""Figures and exports for one edition: plain data read from the database.

Files and charts are built from this data by bot/ui/files (off the event loop).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.editions import Edition
from bot.core.roles import Role
from bot.core.textnorm import natural_key
from bot.services.access import role_of
from db.queries.admin import audit
from db.queries.edition_people import Window
from db.queries.stats import Detail as Detail  # re-exported: what the files are built from
from db.queries.stats import EditionStats as EditionStats
from db.queries.stats import Learner as Learner
from db.queries.stats import details as detail_rows
from db.queries.stats import edition_stats, top_learners
from db.queries.units import roster_exists
from db.session import Sessions

FORMATS = ("xlsx", "csv")


@dataclass(frozen=True, slots=True)
class Summary:
    """An edition's figures, and whether the viewer may open the views that name people."""

    figures: EditionStats
    personal: bool
    roster_later: bool = False  # no staff list for this edition, but one exists now


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything an export file of one edition holds."""

    edition: Edition
    stats: EditionStats
    rows: tuple[Detail, ...]

    @property
    def year(self) -> int:
        return self.edition.year

    @property
    def checkins(self) -> int:
        return len(self.rows)


def closes(edition: Edition, tz: tzinfo) -> datetime:
    """The end of the edition's last day in the bot's time zone: who registered by then
    counts in its figures."""
    return datetime.combine(edition.end + timedelta(days=1), time(0), tzinfo=tz)


def window(edition: Edition, tz: tzinfo) -> Window:
    """The edition's days and close, as the figures and the follow-up lists read them."""
    return Window(edition.start, edition.end, closes(edition, tz))


async def _stats(session: AsyncSession, edition: Edition, tz: tzinfo) -> EditionStats:
    found = await edition_stats(
        session, edition.year, edition.start, edition.end, registered_before=closes(edition, tz)
    )
    # Units in the order people read them: "Phòng số 2" before "Phòng số 10".
    units = tuple(sorted(found.by_unit, key=lambda u: natural_key(u.unit)))
    return replace(found, by_unit=units)


async def figures(sessions: Sessions, edition: Edition, tz: tzinfo) -> EditionStats:
    async with sessions() as session:
        return await _stats(session, edition, tz)


async def summary(
    sessions: Sessions, edition: Edition, tz: tzinfo, viewer_id: int, admin_ids: frozenset[int]
) -> Summary:
    """/stats: the figures, and (read now) whether the viewer is an admin."""
    async with sessions() as session:
        stats = await _stats(session, edition, tz)
        admin = await role_of(session, viewer_id, admin_ids) >= Role.ADMIN
        later = stats.headcount is None and await roster_exists(session)
    return Summary(stats, admin, later)


async def top(sessions: Sessions, edition: Edition) -> tuple[Learner, ...]:
    """The edition's most diligent learners, best first."""
    async with sessions() as session:
        return tuple(await top_learners(session, edition.start, edition.end))


async def export_data(sessions: Sessions, edition: Edition, tz: tzinfo) -> ExportData:
    """The figures and every check-in of the edition (the command line's export)."""
    async with sessions() as session:
        stats = await _stats(session, edition, tz)
        rows = await detail_rows(session, edition.start, edition.end)
    return ExportData(edition, stats, tuple(rows))


async def export(
    sessions: Sessions, edition: Edition, tz: tzinfo, fmt: str, actor_id: int, now: datetime
) -> ExportData:
    """An admin's export: the data, and an audit entry saying who took how much."""
    data = await export_data(sessions, edition, tz)
    async with sessions() as session, session.begin():
        params = {"year": edition.year, "format": fmt, "checkins": data.checkins}
        await audit(session, actor_id, "export", params, now)
    return data
