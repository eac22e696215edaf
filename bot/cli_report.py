"""`python -m bot report [--year YYYY] -o FILE.docx`: the results report of an edition (DOCX,
Decree 30/2020 layout), as /baocao gives it to an admin, without opening the chat."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from settings import Settings

# The heavy imports (the database, python-docx) wait until the command runs, so that
# `python -m bot --help` and a settings error stay quick.


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = sub.add_parser(
        "report", help="the results report of an edition (DOCX, Decree 30/2020 layout)"
    )
    report.add_argument("--year", type=int, help="edition year (default: the current one)")
    report.add_argument("-o", "--output", required=True, type=Path, help="file to write")


async def build(settings: Settings, year: int | None) -> tuple[int, bytes] | None:
    """(the edition's year, the DOCX bytes); None when no edition has that year. The
    default edition is /stats's: the running one, else the coming one, else the latest."""
    from bot.cli_editions import chosen_edition
    from bot.services import results_report
    from bot.ui import files
    from db.migrate import migrated_sessions

    edition, clock = await chosen_edition(settings, year)
    if edition is None:
        return None
    head = results_report.letterhead(settings)
    async with migrated_sessions(settings.database_url) as sessions:
        data = await results_report.report_data(sessions, edition, clock.tz, head, clock.now())
    return edition.year, await files.report_file(data)


def run(args: argparse.Namespace, settings: Settings) -> int:
    built = asyncio.run(build(settings, args.year))
    if built is None:
        print(f"No edition for {args.year} in the editions file.", file=sys.stderr)
        return 1
    from bot.cli_editions import write_file

    year, data = built
    return write_file(args.output, data, f"the {year} results report")
