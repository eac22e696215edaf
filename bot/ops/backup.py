"""`python -m bot backup -o FILE`: a consistent copy of the SQLite database, taken while the
bot runs.

SQLite's online backup API copies every page inside one read transaction: in WAL mode the
bot keeps writing meanwhile, and the copy is the database as of one moment — a check-in and
its daily total are both in it or both not. Copying the file with `cp` instead can catch
half a transaction, or miss what is still in the -wal file. PostgreSQL has pg_dump.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 15_000


class BackupError(Exception):
    """A backup that cannot be made; the message says why and what to do instead."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    source: Path
    target: Path
    size: int
    revision: str | None
    checkins: int

    def summary(self) -> str:
        return (
            f"Backed up {self.source} to {self.target}: {self.size / 1_048_576:.1f} MB, "
            f"{self.checkins} check-ins, schema revision {self.revision or '(none)'}, "
            "integrity ok."
        )


def sqlite_file(database_url: str) -> Path:
    """The SQLite file behind `database_url`; BackupError for anything else."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        shown = url.set(drivername="postgresql").render_as_string(hide_password=True)
        raise BackupError(
            "DATABASE_URL points at PostgreSQL: back it up with pg_dump, for example\n"
            f"  pg_dump --format=custom --file=bot.dump '{shown}'\n"
            "and restore it with pg_restore (docs/deploy.md, Backups)."
        )
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(f"Cannot back up {url.get_backend_name()} database {url.database!r}.")
    return Path(url.database).expanduser()


def backup(database_url: str, target: Path) -> BackupInfo:
    """Copy the database to `target` (replaced if it exists) and check the copy."""
    source = sqlite_file(database_url)
    if not source.is_file():
        raise BackupError(f"No database at {source}.")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError("The backup file must not be the database itself.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(source, partial)
        revision, checkins = _check(partial)
        os.replace(partial, target)  # a failed run never leaves a half file under the name
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(source, target, target.stat().st_size, revision, checkins)


def _copy(source: Path, target: Path) -> None:
    timeout = BUSY_TIMEOUT_MS / 1000
    with (
        contextlib.closing(sqlite3.connect(source, timeout=timeout)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)  # all pages in one step: one read transaction, one moment
        # One self-contained file (the bot turns WAL back on when it opens it).
        dst.execute("PRAGMA journal_mode=DELETE")
        dst.commit()
    with open(target, "rb") as written:
        os.fsync(written.fileno())


def _check(path: Path) -> tuple[str | None, int]:
    """Integrity, schema revision and check-in count of a copy; BackupError if it is bad."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
        verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise BackupError(f"The copy failed its integrity check: {verdict}")
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            live = "SELECT COUNT(*) FROM checkins WHERE deleted_at IS NULL"
            checkins = con.execute(live).fetchone()[0]
        except sqlite3.OperationalError:  # a database the bot never migrated
            return None, 0
    return (row[0] if row else None), int(checkins)
