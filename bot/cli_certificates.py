"""`python -m bot certificates --year YYYY -o DIR`: every participation certificate of an
edition as PDF files in DIR (issued where missing, audited as the command line)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from telegram.error import TelegramError

if TYPE_CHECKING:
    from bot.core.editions import Edition
    from db.queries.certificates import Issued
    from settings import Settings

# The heavy imports (the database, fpdf2) wait until the command runs, so that
# `python -m bot --help` and a settings error stay quick.


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    certificates = sub.add_parser(
        "certificates", help="every participation certificate of an edition, as PDF files"
    )
    certificates.add_argument("--year", type=int, required=True, help="edition year")
    certificates.add_argument("-o", "--output", type=Path, required=True, help="directory")
    certificates.add_argument(
        "--bot",
        help="the bot's username printed for checking the code (default: asked from Telegram)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    issued = asyncio.run(_issue(settings, args.year, args.bot))
    if issued is None:
        return 1
    try:
        written = _write(settings, *issued, args.output)
    except OSError as exc:
        print(f"Cannot write to {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {written} certificates of {args.year} to {args.output}")
    return 0


async def _username(settings: Settings, given: str | None) -> str:
    from bot.cli_units import bot_username

    if given:
        return given.lstrip("@")
    try:
        return await bot_username(settings)
    except TelegramError as exc:  # offline machine: the PDFs say "the week's bot", no QR
        print(f"Telegram did not tell the bot's name ({exc}); use --bot.", file=sys.stderr)
        return ""


async def _issue(
    settings: Settings, year: int, bot: str | None
) -> tuple[Edition, tuple[Issued, ...], str] | None:
    """The edition, its certificates (issued where missing, audited) and the bot's name;
    None (said) when there is no such edition or its week is not over."""
    from bot.cli_editions import stored_editions
    from bot.core.bar import Bar
    from bot.core.clock import local_today, make_clock
    from bot.services import certificates as service
    from bot.services.editions import CLI_ACTOR
    from db.migrate import migrated_sessions

    edition = (await stored_editions(settings)).get(year)
    if edition is None:
        print(f"No edition for {year}.", file=sys.stderr)
        return None
    clock = make_clock(settings.tz, settings.bot_clock_start)
    if local_today(clock) <= edition.end:
        print(
            f"The {year} week is not over: certificates come after {edition.end}.", file=sys.stderr
        )
        return None
    bar = Bar.of(edition, settings.cert_min_days, settings.cert_min_minutes)
    async with migrated_sessions(settings.database_url) as sessions:
        found = await service.every(sessions, edition, bar, clock.now(), CLI_ACTOR)
    return edition, found, await _username(settings, bot) if found else ""


def _write(
    settings: Settings, edition: Edition, found: tuple[Issued, ...], username: str, to: Path
) -> int:
    """Each certificate's PDF in `to` (created), dated the day it was issued."""
    from bot.ui.files.certificate_pdf import build_certificate, certificate_filename, issuer_of

    to.mkdir(parents=True, exist_ok=True)
    for cert in found:
        issuer = issuer_of(settings, username, cert.issued_at.astimezone(settings.tz).date())
        (to / certificate_filename(cert)).write_bytes(build_certificate(cert, edition, issuer))
    return len(found)
