"""Engine and session factory. SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, ExceptionContext, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

# The sessionmaker every service takes.
Sessions = async_sessionmaker[AsyncSession]

SQLITE_BUSY_TIMEOUT_MS = 15_000


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to the "begin" hook below instead of the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
            "synchronous=NORMAL",
            "foreign_keys=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A deferred transaction that reads then writes fails with SQLITE_BUSY at once,
        # ignoring busy_timeout; taking the write lock up front makes writers queue instead.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


# PostgreSQL ending a session: administrator command (pg_terminate_backend), crash, shutdown.
_PG_SESSION_ENDED = {"57P01", "57P02", "57P03"}


def session_ended(error: BaseException) -> bool:
    """True if `error` means the server ended the connection's session, or left it unusable."""
    state = str(getattr(error, "sqlstate", None) or "")
    words = str(error)
    return (
        state in _PG_SESSION_ENDED
        or state.startswith("08")
        or "another operation" in words  # asyncpg: "another operation (2) is in progress"
        or "connection was closed" in words
    )


def _install_postgresql_hooks(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        # SQLAlchemy's asyncpg dialect counts a connection as lost only once asyncpg has
        # marked it closed. One whose session the server ended may not be closed yet: it went
        # back to the pool and failed the next user ("another operation is in progress").
        # Counted as lost, it is discarded with the rest of the pool instead.
        if session_ended(context.original_exception):
            context.is_disconnect = True


def create_engine(url: str) -> AsyncEngine:
    """An async engine for `url`, tuned for the backend.

    `hide_parameters`: statements' values (names, units, notes) never appear in SQLAlchemy's
    logs or in the text of its exceptions, which reach logs, admins' alerts and Sentry.
    """
    if url.startswith("sqlite"):
        _prepare_sqlite_file(url)
        # Sessions and connections already roll back what they leave open when they close;
        # the pool's own reset would be a second ROLLBACK, one more thread hop per session.
        engine = _create_async_engine(url, pool_reset_on_return=None, hide_parameters=True)
        _install_sqlite_hooks(engine)
        return engine
    engine = _create_async_engine(url, pool_pre_ping=True, hide_parameters=True)
    _install_postgresql_hooks(engine)
    return engine


def create_sessionmaker(engine: AsyncEngine) -> Sessions:
    """The one session factory of the app; objects stay usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def upsert_insert(session: AsyncSession) -> Any:
    """The INSERT construct with ON CONFLICT support for the session's database."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
