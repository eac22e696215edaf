"""Figures and exports for one edition: plain data read from the database.

Files and charts are built from this data by bot/ui/files (off the event loop).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.editions import Edition
from bot.core.roles import Role
from bot.services.access import role_of
from db.queries.admin import audit
from db.queries.stats import Detail as Detail  # re-exported: what the files are built from
from db.queries.stats import EditionStats as EditionStats
from db.queries.stats import Learner as Learner
from db.queries.stats import details as detail_rows
from db.queries.stats import edition_stats, top_learners
from db.session import Sessions

FORMATS = ("xlsx", "csv")


@dataclass(frozen=True, slots=True)
class Summary:
    """An edition's figures, and whether the viewer may open the views that name people."""

    figures: EditionStats
    personal: bool


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything an export file of one edition holds."""

    year: int
    stats: EditionStats
    rows: tuple[Detail, ...]

    @property
    def checkins(self) -> int:
        return len(self.rows)


async def figures(sessions: Sessions, edition: Edition) -> EditionStats:
    async with sessions() as session:
        return await edition_stats(session, edition.year, edition.start, edition.end)


async def summary(
    sessions: Sessions, edition: Edition, viewer_id: int, admin_ids: frozenset[int]
) -> Summary:
    """/stats: the figures, and (read now) whether the viewer is an admin."""
    async with sessions() as session:
        stats = await edition_stats(session, edition.year, edition.start, edition.end)
        admin = await role_of(session, viewer_id, admin_ids) >= Role.ADMIN
    return Summary(stats, admin)


async def top(sessions: Sessions, edition: Edition) -> tuple[Learner, ...]:
    """The edition's most diligent learners, best first."""
    async with sessions() as session:
        return tuple(await top_learners(session, edition.start, edition.end))


async def export_data(sessions: Sessions, edition: Edition) -> ExportData:
    """The figures and every check-in of the edition (the command line's export)."""
    async with sessions() as session:
        stats = await edition_stats(session, edition.year, edition.start, edition.end)
        rows = await detail_rows(session, edition.start, edition.end)
    return ExportData(edition.year, stats, tuple(rows))


async def export(
    sessions: Sessions, edition: Edition, fmt: str, actor_id: int, now: datetime
) -> ExportData:
    """An admin's export: the data, and an audit entry saying who took how much."""
    data = await export_data(sessions, edition)
    async with sessions() as session, session.begin():
        params = {"year": edition.year, "format": fmt, "checkins": data.checkins}
        await audit(session, actor_id, "export", params, now)
    return data
