"""The results report of an edition (báo cáo kết quả tổ chức Tuần lễ): everything the
document says, read from the database. The DOCX itself is built by bot/ui/files.

The end-of-week sending builds the same bytes without an update:

    data = await results_report.report_data(deps.sessions, edition, deps.clock.tz,
                                            letterhead(deps.settings), deps.clock.now())
    docx = await files.report_file(data)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from bot.core.editions import Edition
from bot.services.reports import figures
from db.queries.activities import ActivityRow as ActivityRow  # re-exported for the builder
from db.queries.activities import activity_counts
from db.queries.admin import audit
from db.queries.stats import EditionStats
from db.session import Sessions


class OrgSettings(Protocol):
    """The settings the letterhead reads (settings.Settings has them)."""

    @property
    def org_name(self) -> str | None: ...
    @property
    def org_parent(self) -> str | None: ...
    @property
    def org_place(self) -> str | None: ...
    @property
    def signer_title(self) -> str | None: ...
    @property
    def signer_name(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Who reports, to whom, where and who signs; None: a blank line for the office."""

    org_name: str | None = None
    org_parent: str | None = None
    org_place: str | None = None
    signer_title: str | None = None
    signer_name: str | None = None


def letterhead(settings: OrgSettings) -> Letterhead:
    """The letterhead from the settings (ORG_NAME, ORG_PARENT, ORG_PLACE, SIGNER_*)."""
    return Letterhead(
        settings.org_name,
        settings.org_parent,
        settings.org_place,
        settings.signer_title,
        settings.signer_name,
    )


@dataclass(frozen=True, slots=True)
class ResultsReport:
    """The report's content: the edition's facts, its figures (exactly `stats --json`'s),
    the activities studied, the letterhead and the day it is made (for the date line)."""

    edition: Edition
    figures: EditionStats
    activities: tuple[ActivityRow, ...]
    letterhead: Letterhead
    made_on: date

    @property
    def year(self) -> int:
        return self.edition.year


async def report_data(
    sessions: Sessions, edition: Edition, tz: tzinfo, head: Letterhead, now: datetime
) -> ResultsReport:
    """The report's content, read now (no audit: the command line, the automatic sending)."""
    stats = await figures(sessions, edition, tz)
    async with sessions() as session:
        kinds = await activity_counts(session, edition.start, edition.end)
    return ResultsReport(edition, stats, tuple(kinds), head, now.astimezone(tz).date())


async def report(
    sessions: Sessions,
    edition: Edition,
    tz: tzinfo,
    head: Letterhead,
    actor_id: int,
    now: datetime,
) -> ResultsReport:
    """An admin's /baocao: the content, and an audit entry saying who made which report."""
    data = await report_data(sessions, edition, tz, head, now)
    async with sessions() as session, session.begin():
        params = {"year": edition.year, "checkins": data.figures.checkins}
        await audit(session, actor_id, "report", params, now)
    return data
