"""`python -m bot editions extract FILE | add FILE --yes | list [--json]`: the editions
from the command line, for scripting (the same extractor and store as /edition in chat)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from bot.core.clock import Clock, local_today, make_clock
from bot.core.editions import Edition, Editions, EditionsError, edition_data, load_editions
from bot.core.notice_extract import extract
from bot.core.notice_fields import NoticeFields, problems, to_edition, to_json
from bot.services import editions as store
from bot.services.notice_files import NoticeFileError, notice_text
from db.migrate import migrated_sessions
from settings import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    editions = sub.add_parser(
        "editions", help="the week's editions: extract from a notice, add, list"
    )
    actions = editions.add_subparsers(dest="editions_action", required=True)
    extract_cmd = actions.add_parser("extract", help="print the fields a notice gives, as JSON")
    extract_cmd.add_argument("file", type=Path, help="the notice (.txt or .docx)")
    add = actions.add_parser("add", help="store the edition a notice gives")
    add.add_argument("file", type=Path, help="the notice (.txt or .docx)")
    add.add_argument("--yes", action="store_true", help="store it (without: only show it)")
    listing = actions.add_parser("list", help="the stored editions")
    listing.add_argument("--json", action="store_true", help="print JSON")


def _read(path: Path) -> NoticeFields | None:
    try:
        text = notice_text(path.read_bytes(), path.name)
    except OSError as exc:
        print(f"Cannot read {path}: {exc.strerror}", file=sys.stderr)
        return None
    except NoticeFileError as exc:
        print(
            f"{path} is not a readable notice ({exc.kind}): use a .txt or .docx file.",
            file=sys.stderr,
        )
        return None
    return extract(text)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.editions_action == "list":
        listed = asyncio.run(_listing(settings))
        if args.json:
            print(json.dumps(listed, ensure_ascii=False, indent=2))
        else:
            for item in listed:
                days = f"{item['start']} – {item['end']}"
                print(f"{item['year']}  {days}  {item['theme']}  ({item['origin']})")
        return 0
    fields = _read(args.file)
    if fields is None:
        return 1
    print(json.dumps(to_json(fields), ensure_ascii=False, indent=2))
    if args.editions_action == "extract":
        return 0
    if fields.missing() or problems(fields):
        wrong = ", ".join((*fields.missing(), *problems(fields)))
        print(f"Cannot store this edition: missing or wrong: {wrong}.", file=sys.stderr)
        return 1
    if not args.yes:
        print("Nothing stored: add --yes to store this edition.", file=sys.stderr)
        return 1
    try:
        edition = to_edition(fields)
    except EditionsError as exc:
        print(f"Cannot store this edition: {exc}", file=sys.stderr)
        return 1
    saved = asyncio.run(_save(settings, edition))
    verb = "Added" if saved.created else "Replaced"
    print(f"{verb} the {saved.year} edition.", file=sys.stderr)
    return 0


async def stored_editions(settings: Settings) -> Editions:
    """The editions as the bot knows them (the database, seeded from the packaged file)."""
    return Editions([item.edition for item in await _stored(settings)])


async def chosen_edition(settings: Settings, year: int | None) -> tuple[Edition | None, Clock]:
    """The edition `year` names, else the one /thongke shows today (the running one, else the
    coming one, else the latest), and the bot's clock: the end-of-week documents' CLIs."""
    clock = make_clock(settings.tz, settings.bot_clock_start)
    editions = await stored_editions(settings)  # saved in chat or by `editions add` too
    if year is not None:
        return editions.get(year), clock
    return editions.to_show(local_today(clock)), clock


def write_file(path: Path, data: bytes, what: str) -> int:
    """Write a CLI's file; 0, or 1 with one line when it cannot be written."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        print(f"Cannot write {path}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {what} to {path}")
    return 0


async def _stored(settings: Settings) -> list[store.Listed]:
    async with migrated_sessions(settings.database_url) as sessions:
        now = make_clock(settings.tz, settings.bot_clock_start).now()
        await store.seed(sessions, load_editions(settings.editions_file), now)
        return await store.listing(sessions)


async def _listing(settings: Settings) -> list[dict[str, Any]]:
    listed = await _stored(settings)
    return [
        {**edition_data(x.edition), "origin": x.origin, "updated_at": x.updated_at.isoformat()}
        for x in listed
    ]


async def _save(settings: Settings, edition: Any) -> store.Saved:
    async with migrated_sessions(settings.database_url) as sessions:
        now = make_clock(settings.tz, settings.bot_clock_start).now()
        await store.seed(sessions, load_editions(settings.editions_file), now)
        saved = await store.save(
            sessions, edition, actor=None, admin_ids=settings.admin_ids, origin="cli", now=now
        )
    assert saved is not None  # the command line is not checked for a role
    return saved
