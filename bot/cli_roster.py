"""`python -m bot roster import FILE [--yes]` and `python -m bot roster export -o FILE`.

Without --yes an import prints the preview and exits 1, changing nothing. The preview and
the messages are the chat's (Vietnamese), as plain text. The parser is built before the
settings are read, so the heavy imports wait until a roster command runs.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from db.session import Sessions
    from settings import Settings

T = TypeVar("T")
CLI_ACTOR = 0  # no Telegram account: the audit entry says "via": "cli"
STATUS = {False: "Trong danh sách", True: "Đã rời"}
YES_HINT = "Chưa nhập gì. Thêm --yes để nhập danh sách này."


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    roster = sub.add_parser("roster", help="the staff list: import a file, export it")
    actions = roster.add_subparsers(dest="roster_command", required=True)
    imp = actions.add_parser("import", help="import a staff list (XLSX or CSV)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--yes", action="store_true", help="import (without it: preview only)")
    exp = actions.add_parser("export", help="write the staff list (XLSX or CSV by suffix)")
    exp.add_argument("-o", "--output", type=Path, required=True)


def _say(text: str, error: bool = False) -> None:
    from bot.ui.tg_html import visible_text

    print(visible_text(text), file=sys.stderr if error else sys.stdout)


async def _with_sessions(settings: Settings, work: Callable[[Sessions], Awaitable[T]]) -> T:
    from db.migrate import migrated_sessions

    async with migrated_sessions(settings.database_url) as sessions:
        return await work(sessions)


def _read(path: Path) -> list[list[str]] | None:
    from bot.ui.files.roster_read import MAX_BYTES, FileProblem, RosterFileError, read_table
    from bot.ui.texts import Vi

    try:
        if path.stat().st_size > MAX_BYTES:
            raise RosterFileError(FileProblem.TOO_BIG)
        return read_table(path.read_bytes())
    except RosterFileError as exc:
        _say(Vi.ROSTER_FILE_PROBLEMS[exc.problem.value], error=True)
    except OSError as exc:
        _say(f"{path}: {exc.strerror}", error=True)
    return None


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.clock import make_clock
    from bot.core.roster import RosterError
    from bot.services import roster as service
    from bot.ui import roster_texts
    from bot.ui.texts import Vi

    rows = _read(args.file)
    if rows is None:
        return 1

    async def work(sessions: Sessions) -> int:
        if not args.yes:
            shown = await service.preview(sessions, rows)
            _say(roster_texts.preview(Vi, shown))
            _say(YES_HINT, error=True)
            return 1
        now = make_clock(settings.tz, settings.bot_clock_start).now()
        result = await service.import_roster(sessions, rows, CLI_ACTOR, now, via="cli")
        _say(roster_texts.imported(Vi, result))
        return 0

    try:
        return asyncio.run(_with_sessions(settings, work))
    except RosterError as exc:
        _say(Vi.ROSTER_PROBLEMS[exc.problem.value], error=True)
        return 1


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import roster as service
    from bot.ui.files.roster_write import export_csv, export_xlsx

    found = asyncio.run(_with_sessions(settings, service.export_rows))
    rows = [(r.full_name, r.unit, r.staff_code or "", STATUS[r.left]) for r in found]
    csv = args.output.suffix.lower() == ".csv"
    args.output.write_bytes(export_csv(rows) if csv else export_xlsx(rows))
    print(f"Wrote {len(rows)} people to {args.output}")
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.roster_command == "import":
        return _import(args, settings)
    return _export(args, settings)
