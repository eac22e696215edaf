"""`python -m bot commendations [--year YYYY] -o FILE.xlsx`: the commendation list of an
edition (the same workbook as /khenthuong and the morning-after sending), and
`commendation_list`, which builds it without a Telegram update."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from bot.core.editions import Edition
from bot.ui.texts import Texts, Vi

if TYPE_CHECKING:
    from bot.services.commendations import Commendations
    from db.session import Sessions
    from settings import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = sub.add_parser(
        "commendations", help="the commendation list of an edition as XLSX (personal data)"
    )
    cmd.add_argument("--year", type=int, help="edition year (default: the current one)")
    cmd.add_argument("-o", "--output", required=True, type=Path, help="file to write (.xlsx)")


async def commendation_list(
    sessions: Sessions,
    edition: Edition,
    *,
    tz: tzinfo,
    min_days: int,
    min_minutes: int,
    now: datetime,
    t: Texts = Vi,
) -> tuple[bytes, Commendations]:
    """The XLSX bytes of an edition's commendation list as of `now` (built off the event
    loop) and what it holds; `min_days`, `min_minutes`: settings.cert_min_days and
    cert_min_minutes. Writes no audit entry: the caller says who took it, if anyone."""
    from bot.services import commendations
    from bot.ui import files

    found = await commendations.gather(
        sessions, edition, tz, min_days=min_days, min_minutes=min_minutes, now=now
    )
    return await files.commendations_file(t, found, tz), found


async def _build(settings: Settings, year: int | None) -> tuple[bytes, str] | None:
    from bot.cli_editions import stored_editions
    from bot.core.clock import local_today, make_clock
    from db.migrate import migrated_sessions

    editions = await stored_editions(settings)
    clock = make_clock(settings.tz, settings.bot_clock_start)
    edition = editions.get(year) if year is not None else editions.to_show(local_today(clock))
    if edition is None:
        return None
    async with migrated_sessions(settings.database_url) as sessions:
        data, found = await commendation_list(
            sessions,
            edition,
            tz=settings.tz,
            min_days=settings.cert_min_days,
            min_minutes=settings.cert_min_minutes,
            now=clock.now(),
        )
    return data, (
        f"the {edition.year} commendation list: {len(found.people)} of {found.participants} "
        f"participants meet the bar, {len(found.units)} units ranked"
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    built = asyncio.run(_build(settings, args.year))
    if built is None:
        print(f"No edition for {args.year} in the editions.", file=sys.stderr)
        return 1
    args.output.write_bytes(built[0])
    print(f"Wrote {built[1]} to {args.output}")
    return 0
