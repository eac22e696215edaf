"""Seed registered officials straight into the database (benchmarks and load tests)."""

from __future__ import annotations

import os
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db.models import Unit, User
from db.queries.users import CONSENT_VERSION


async def officials(
    db: AsyncSession | AsyncConnection, count: int, first_id: int, now: datetime
) -> list[int]:
    """`count` registered, active officials in one unit, who agreed to the data notice;
    returns their chat ids."""
    await db.execute(insert(Unit).values(id=1, name="Phòng A", name_key="phong a", created_at=now))
    ids = list(range(first_id, first_id + count))
    await db.execute(
        insert(User),
        [
            {
                "telegram_id": i,
                "chat_id": i,
                "full_name": f"Cán bộ {i}",
                "unit_id": 1,
                "is_active": True,
                "reminders_enabled": True,
                "registered_at": now,
                "consent_at": now,
                "consent_version": CONSENT_VERSION,
                "created_at": now,
                "updated_at": now,
            }
            for i in ids
        ],
    )
    return ids


def pg_server() -> str:
    """The PostgreSQL server for benchmarks: BENCH_PG_URL, else TEST_DATABASE_URL."""
    server = os.environ.get("BENCH_PG_URL") or os.environ.get("TEST_DATABASE_URL")
    if not server:
        raise SystemExit("PostgreSQL benchmarks need BENCH_PG_URL or TEST_DATABASE_URL")
    return server


async def _pg_admin(sql: str) -> None:
    import asyncpg

    con = await asyncpg.connect(pg_server().replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await con.execute(sql)
    finally:
        await con.close()


async def create_pg_database(name: str) -> str:
    """A new, empty database on the benchmark server; returns its URL."""
    db = f"bench_{name}_{os.getpid()}"
    await _pg_admin(f'CREATE DATABASE "{db}"')
    return pg_server().rsplit("/", 1)[0] + f"/{db}"


async def drop_pg_database(url: str) -> None:
    await _pg_admin(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
