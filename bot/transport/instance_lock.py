"""One bot process per SQLite file: a lock file beside the database, held while it runs.

Two bot processes on one file would both handle every stored update (each has its own
conversation state and its own inbox worker), so the second one refuses to start. The lock
is `fcntl.flock` on `<database>.lock`: the kernel releases it when the process ends, however
it ends (kill -9 included), so a stale lock file never blocks a restart. The file is left in
place on exit on purpose: deleting it would let a third process lock a new file while the
second still holds the old one. PostgreSQL needs no lock here (replicas split chats).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.ops.db_errors import DatabaseUnavailable


class AlreadyRunning(Exception):
    """Another bot process holds the database's lock; the message says which file."""


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    database = parsed.database or ""
    if database.startswith("file:"):  # a URI filename: file:/path/bot.db?mode=ro
        database = database.removeprefix("file:").split("?", 1)[0]
    if not database or database == ":memory:" or "mode=memory" in str(parsed):
        return None
    return Path(database).expanduser().absolute()


@contextmanager
def hold(url: str) -> Iterator[None]:
    """Hold the database's lock for the body; AlreadyRunning if another process holds it."""
    database = sqlite_file(url)
    if database is None:
        yield
        return
    lock = database.with_name(database.name + ".lock")
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"cannot create the database directory {database.parent}: {exc.strerror or exc}"
        ) from exc
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"cannot create the lock file {lock}: {exc.strerror or exc}"
        ) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            raise AlreadyRunning(
                f"another bot process (pid {holder}) is using {database}: it holds {lock}. "
                "Stop it first; two processes on one database would answer every message twice."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # who holds it, for the operator
        yield
    finally:
        os.close(fd)  # releases the lock
