"""`python -m bot calendar [--year YYYY] -o FILE.ics`: the week as a calendar file (the same
file as /lich)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from settings import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = sub.add_parser("calendar", help="the week of an edition as a calendar file (.ics)")
    cmd.add_argument("--year", type=int, help="edition year (default: the one /lich shows)")
    cmd.add_argument("-o", "--output", required=True, type=Path, help="file to write (.ics)")


async def _build(settings: Settings, year: int | None) -> tuple[bytes, str] | None:
    from bot.cli_editions import chosen_edition
    from bot.ui import files
    from bot.ui.texts import Vi

    edition, clock = await chosen_edition(settings, year)
    if edition is None:
        return None
    data = await files.calendar_file(Vi, edition, settings.tz, clock.now())
    return data, f"the {edition.year} week ({edition.start} to {edition.end})"


def run(args: argparse.Namespace, settings: Settings) -> int:
    built = asyncio.run(_build(settings, args.year))
    if built is None:
        print(f"No edition for {args.year} in the editions.", file=sys.stderr)
        return 1
    from bot.cli_editions import write_file

    return write_file(args.output, *built)
