"""Apply Alembic migrations from code (start-up, `python -m bot db upgrade`, tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from db.session import Sessions, create_engine, create_sessionmaker

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# PostgreSQL advisory lock key for migrations (any fixed 64-bit number; "hoctapmg" in ASCII).
MIGRATION_LOCK = 0x686F637461706D67


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at our migrations, optionally bound to a live connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


async def upgrade(engine: AsyncEngine) -> None:
    """Bring the database schema to the newest revision.

    Replicas starting together on one PostgreSQL database take turns: the first migrates
    under a transaction-scoped advisory lock, the others wait for its commit and then find
    nothing left to do. (SQLite's BEGIN IMMEDIATE already lets one writer in at a time.)
    """
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
            )
        await connection.run_sync(_upgrade)


@asynccontextmanager
async def migrated_sessions(database_url: str) -> AsyncIterator[Sessions]:
    """Sessions on `database_url`, migrated first and disposed after: what each command-line
    command needs around its one piece of work."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()
