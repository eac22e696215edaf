"""Which failures mean "the database cannot be used right now", and what to call them.

A disk that is full, a read-only file, a PostgreSQL server that cut or refuses connections:
the bot cannot store anything until someone acts, but nothing is wrong with the update it
was handling. Those are told apart here from errors about the data itself (a unique
violation, a bad value), which are bugs and keep their normal error path.
"""

from __future__ import annotations

import traceback

from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.migrate import upgrade

# Kinds of trouble, worst first; each has a sentence in the texts (DB_REASON_*).
FULL = "full"  # no space left: the disk, or the database's own size limit
READ_ONLY = "readonly"  # the file, the filesystem or the server refuses writes
UNREACHABLE = "unreachable"  # the server refused, dropped or never answered the connection
LOCKED = "locked"  # another process holds SQLite's write lock past the busy timeout
BUSY = "busy"  # every pooled connection is in use past the pool's timeout
UNAVAILABLE = "unavailable"  # any other failure of the database itself (I/O error…)

_DRIVER_PACKAGES = ("/sqlalchemy/", "/asyncpg/", "/aiosqlite/")
_PG_UNREACHABLE = {"57P01", "57P02", "57P03", "53300"}  # shutdowns, too many connections
# SQLite's words for a database file it cannot use (a vanished directory, a failing disk).
_SQLITE_UNAVAILABLE = ("unable to open database file", "disk i/o error", "malformed")


_PROBE = text("UPDATE alembic_version SET version_num = version_num")


class DatabaseUnavailable(Exception):
    """The database cannot be written; the message is one line fit for an operator."""


def _sqlstate(error: BaseException) -> str | None:
    orig = getattr(error, "orig", None)
    state = getattr(orig, "sqlstate", None) or getattr(error, "sqlstate", None)
    return str(state) if state else None


def _from_driver(error: BaseException) -> bool:
    """True if the exception was raised inside the database libraries (a connect failure)."""
    frames = traceback.extract_tb(error.__traceback__)
    return any(any(p in frame.filename for p in _DRIVER_PACKAGES) for frame in frames)


def classify(error: BaseException) -> str | None:
    """The kind of database trouble `error` is, or None if it is not one."""
    if isinstance(error, sa_exc.IntegrityError | sa_exc.DataError):
        return None  # about the data: a bug to fix, not an outage to wait out
    if isinstance(error, sa_exc.TimeoutError):
        return BUSY
    state = _sqlstate(error)
    if state is not None:  # PostgreSQL says exactly what happened
        if state.startswith("53") and state != "53300":
            return FULL
        if state in {"25006", "42501"}:
            return READ_ONLY
        if state.startswith("08") or state in _PG_UNREACHABLE:
            return UNREACHABLE
        return None  # deadlocks, serialization failures, syntax: the normal error path
    message = str(getattr(error, "orig", None) or error).lower()
    if isinstance(error, sa_exc.DBAPIError):
        if "full" in message or "no space left" in message:
            return FULL
        if "readonly" in message or "read-only" in message:
            return READ_ONLY
        if "database is locked" in message:
            return LOCKED
        if any(words in message for words in _SQLITE_UNAVAILABLE):
            return UNAVAILABLE
        if isinstance(error, sa_exc.InterfaceError) or error.connection_invalidated:
            return UNREACHABLE
        # SQLite reports a missing table or a syntax error as OperationalError too: a bug.
        return None
    if isinstance(error, OSError | TimeoutError) and _from_driver(error):
        if isinstance(error, OSError) and error.errno == 28:  # ENOSPC
            return FULL
        return UNREACHABLE
    return None


def brief(error: BaseException) -> str:
    """The driver's own words, one line: no SQL, no parameters (they may hold personal data)."""
    cause = getattr(error, "orig", None) or error
    words = str(cause).strip().splitlines()
    first = words[0] if words else ""
    return f"{type(cause).__name__}: {first}"[:200]


async def check_writable(engine: AsyncEngine) -> None:
    """Migrate, then prove a write works; raises DatabaseUnavailable with one clear line.

    Migrations already at head write nothing, so a read-only database would pass them: the
    probe rewrites the schema version row with its own value inside a transaction.
    """
    url = engine.url
    if url.get_backend_name() == "sqlite":  # the file, as the operator wrote it
        where = (url.database or "").removeprefix("file:")
    else:
        where = url.render_as_string(hide_password=True)
    try:
        await upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(_PROBE)
    except Exception as error:
        kind = classify(error)
        if kind is None and not isinstance(error, OSError | sa_exc.DBAPIError):
            raise
        raise DatabaseUnavailable(
            f"the database {where} cannot be written: {kind or 'error'} ({brief(error)})"
        ) from error
