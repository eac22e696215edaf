"""Migrations with replicas: several processes starting together on one fresh PostgreSQL."""

from __future__ import annotations

import asyncio
import os
import sys
from asyncio.subprocess import PIPE
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from db.models import Base
from db.session import create_engine

ROOT = Path(__file__).resolve().parents[2]
REPLICAS = 4
# Each replica imports everything first, says it is ready, and migrates when told to: the
# migrations of all of them start at the same moment.
REPLICA = """
import asyncio, sys
from db.migrate import upgrade
from db.session import create_engine

async def main() -> None:
    engine = create_engine(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()

asyncio.run(main())
"""


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_replicas_upgrading_at_once_all_succeed_with_one_schema(database_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    replicas = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            REPLICA,
            database_url,
            cwd=ROOT,
            env=env,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
        )
        for _ in range(REPLICAS)
    ]
    try:
        for process in replicas:
            assert process.stdout is not None
            assert await process.stdout.readline() == b"ready\n"
        for process in replicas:  # all at once: nothing awaited between these writes
            assert process.stdin is not None
            process.stdin.write(b"go\n")
        outcomes = [await asyncio.wait_for(p.communicate(), 120) for p in replicas]
    finally:
        for process in replicas:
            if process.returncode is None:
                process.kill()
    failures = [
        _first_error(err.decode())
        for p, (_, err) in zip(replicas, outcomes, strict=True)
        if p.returncode != 0
    ]
    assert failures == []

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
            rows = (await connection.execute(text("SELECT version_num FROM alembic_version"))).all()
    finally:
        await engine.dispose()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    assert len(rows) == 1


def _first_error(stderr: str) -> str:
    """The exception line of a replica's traceback (what went wrong, without the SQL)."""
    lines = stderr.splitlines()
    return next((line for line in lines if line.startswith("sqlalchemy.exc.")), stderr[-300:])
