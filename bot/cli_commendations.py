"""`python -m bot commendations [--year YYYY] -o FILE.xlsx`: the commendation list of an
edition (the same workbook as /khenthuong and the morning-after sending)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.ui.texts import Vi

if TYPE_CHECKING:
    from settings import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = sub.add_parser(
        "commendations", help="the commendation list of an edition as XLSX (personal data)"
    )
    cmd.add_argument("--year", type=int, help="edition year (default: the current one)")
    cmd.add_argument("-o", "--output", required=True, type=Path, help="file to write (.xlsx)")


async def _build(settings: Settings, year: int | None) -> tuple[bytes, str] | None:
    from bot.cli_editions import chosen_edition
    from bot.core.bar import Bar
    from bot.services import commendations
    from bot.ui import files
    from db.migrate import migrated_sessions

    edition, clock = await chosen_edition(settings, year)
    if edition is None:
        return None
    bar = Bar.of(edition, settings.cert_min_days, settings.cert_min_minutes)
    async with migrated_sessions(settings.database_url) as sessions:
        found = await commendations.gather(sessions, edition, settings.tz, bar, clock.now())
    data = await files.commendations_file(Vi, found, settings.tz)
    return data, (
        f"the {edition.year} commendation list: {len(found.people)} of {found.participants} "
        f"participants meet the bar, {len(found.units)} units ranked"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    built = asyncio.run(_build(settings, args.year))
    if built is None:
        print(f"No edition for {args.year} in the editions.", file=sys.stderr)
        return 1
    from bot.cli_editions import write_file

    return write_file(args.output, *built)
