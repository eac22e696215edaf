"""Command line: `python -m bot [run|console|stats|db upgrade]`."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path
from typing import Protocol

# PTB 22.2+ reports RetryAfter.retry_after as a timedelta when asked to; the int is deprecated.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from pydantic import ValidationError
from telegram.error import InvalidToken, NetworkError

from bot import (
    cli_calendar,
    cli_certificates,
    cli_commendations,
    cli_editions,
    cli_report,
    cli_roster,
    cli_units,
)
from bot.logs import configure_logging, database_password
from settings import Settings, describe_error


class _Subcommand(Protocol):
    """A subcommand with a module of its own."""

    def add_parser(self, sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
        ...

    def run(self, args: argparse.Namespace, settings: Settings) -> int: ...


SUBCOMMANDS: dict[str, _Subcommand] = {
    "roster": cli_roster,
    "editions": cli_editions,
    "units": cli_units,
    "report": cli_report,
    "commendations": cli_commendations,
    "calendar": cli_calendar,
    "certificates": cli_certificates,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (long polling; offline console without a token)")
    sub.add_parser("webhook", help="run the bot behind a webhook (WEBHOOK_URL, WEBHOOK_SECRET)")
    backup = sub.add_parser("backup", help="a consistent copy of the SQLite database, bot running")
    backup.add_argument("-o", "--output", required=True, help="file to write (replaced)")
    sub.add_parser("healthcheck", help="exit 0 if this machine's bot answers /healthz with 200")
    console = sub.add_parser("console", help="chat with the bot offline in this terminal")
    console.add_argument("--lang", default="vi", help="the console user's Telegram language")
    console.add_argument("--user-id", type=int, default=100001, help="the console user's id")
    console.add_argument("--name", default="Khách")
    console.add_argument(
        "--as",
        dest="acting",
        choices=["official", "organiser", "admin"],
        default="official",
        help="act as an admin (added to ADMIN_IDS for this run) or an organiser (granted in "
        "this database, audited)",
    )
    console.add_argument(
        "--files-dir",
        type=Path,
        help="where files the bot sends are saved (default: console-files/ beside the database)",
    )
    stats = sub.add_parser("stats", help="check-in counts for an edition")
    stats.add_argument("--year", type=int, help="edition year (default: the current one)")
    stats.add_argument("--json", action="store_true", help="print JSON")
    reminders = sub.add_parser("reminders", help="delivery figures per planned reminder")
    reminders.add_argument("--json", action="store_true", help="print JSON")
    export = sub.add_parser("export", help="check-ins of an edition as a file (personal data)")
    export.add_argument("--year", type=int, help="edition year (default: the current one)")
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    export.add_argument("-o", "--output", required=True, help="file to write")
    db = sub.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade"])
    for module in SUBCOMMANDS.values():
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        print(describe_error(exc), file=sys.stderr)
        return 2
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    command = args.command or "run"
    if command in {"backup", "healthcheck"}:  # no application, engine or event loop needed
        return _operations(command, args, settings)
    quiet = command in {"console", "stats", "db", "reminders", "export", *SUBCOMMANDS} or (
        command == "run" and settings.offline
    )
    configure_logging(
        "WARNING" if quiet else settings.log_level,
        [token, secret, database_password(settings.database_url)],
    )

    from bot.ops.db_errors import DatabaseUnavailable, brief, classify
    from bot.transport.instance_lock import AlreadyRunning

    verb = "start" if command in {"run", "webhook"} else "continue"
    try:
        return _run(command, args, settings)
    except (DatabaseUnavailable, AlreadyRunning) as exc:
        # Through logging, so the redacting filter sees it (a URL may carry a password).
        logging.getLogger("bot").error("Cannot %s: %s", verb, exc)
        return 1
    except Exception as exc:
        kind = classify(exc)
        if kind is not None:
            logging.getLogger("bot").error("Cannot use the database: %s (%s)", kind, brief(exc))
            return 1
        if isinstance(exc, OSError):  # a port in use, a directory or file that cannot be made
            logging.getLogger("bot").error("Cannot %s: %s", verb, exc)
            return 1
        raise


def _run(command: str, args: argparse.Namespace, settings: Settings) -> int:
    from bot import cli  # imported late: settings errors must print before heavy imports
    from bot.ops import alerts

    if command in SUBCOMMANDS:
        return SUBCOMMANDS[command].run(args, settings)
    if command == "db":
        asyncio.run(cli.db_upgrade(settings))
        print("Database is up to date.")
        return 0
    if command == "stats":
        result = asyncio.run(cli.stats(settings, args.year))
        if result is None:
            print(f"No edition for {args.year} in the editions file.", file=sys.stderr)
            return 1
        print(
            json.dumps(result, ensure_ascii=False, indent=2)
            if args.json
            else cli.stats_text(result)
        )
        return 0
    if command == "export":
        exported = asyncio.run(cli.export(settings, args.year, args.format))
        if exported is None:
            print(f"No edition for {args.year} in the editions file.", file=sys.stderr)
            return 1
        Path(args.output).write_bytes(exported[0])
        print(f"Wrote {exported[1]} check-ins to {args.output}")
        return 0
    if command == "reminders":
        rows = asyncio.run(cli.reminders(settings))
        print(
            json.dumps(rows, ensure_ascii=False, indent=2)
            if args.json
            else cli.reminders_text(rows)
        )
        return 0
    if command == "console" or settings.offline:
        from bot.offline.acting import Acting
        from bot.offline.console import ConsoleOptions, run_console
        from bot.offline.fake_updates import FakeUser
        from bot.transport import instance_lock

        lang = getattr(args, "lang", "vi")
        user = FakeUser(getattr(args, "user_id", 100001), getattr(args, "name", "Khách"), lang)
        options = ConsoleOptions(
            Acting(getattr(args, "acting", "official")), getattr(args, "files_dir", None)
        )
        # The console's dispatcher takes the SQLite file's unfinished claims as its own: it
        # must never run beside a bot process on the same file.
        with instance_lock.hold(settings.database_url):
            asyncio.run(run_console(settings, user, options))
        return 0
    alerts.init_sentry(settings)  # only when SENTRY_DSN is set
    try:
        if command == "webhook" or settings.bot_mode == "webhook":
            cli.run_webhook(settings)
        else:
            cli.run_polling(settings)
    except (NetworkError, InvalidToken) as exc:
        # Through logging, so the redacting formatter sees it (URLs carry the token).
        logging.getLogger("bot").error(
            "Cannot start: Telegram at %s answered: %s", settings.telegram_api_base_url, exc
        )
        return 1
    return 0


def _operations(command: str, args: argparse.Namespace, settings: Settings) -> int:
    if command == "healthcheck":
        from bot.ops.probe import healthcheck

        code, line = healthcheck(settings)
        print(line, file=sys.stdout if code == 0 else sys.stderr)
        return code
    from bot.ops.backup import BackupError, backup

    try:
        print(backup(settings.database_url, Path(args.output)).summary())
    except BackupError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
