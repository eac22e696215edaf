"""Engine and session factory. SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

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


def create_engine(url: str) -> AsyncEngine:
    """An async engine for `url`, tuned for the backend."""
    if url.startswith("sqlite"):
        _prepare_sqlite_file(url)
        # Sessions and connections already roll back what they leave open when they close;
        # the pool's own reset would be a second ROLLBACK, one more thread hop per session.
        engine = _create_async_engine(url, pool_reset_on_return=None)
        _install_sqlite_hooks(engine)
        return engine
    return _create_async_engine(url, pool_pre_ping=True)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """The one session factory of the app; objects stay usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def upsert_insert(session: AsyncSession) -> Any:
    """The INSERT construct with ON CONFLICT support for the session's database."""
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
