"""Finding 6, at start-up: a database that cannot be written (a read-only file, a directory
that cannot be created, an unreachable PostgreSQL) gave a traceback. Now: one clear line on
stderr and a non-zero exit, from the real `python -m bot` process."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.fake_process import free_port
from bench.fake_telegram_http import HttpFakeTelegram
from db.migrate import upgrade
from db.session import create_engine
from tests.threaded_fake import start_bot, threaded_fake


@pytest.fixture(scope="module")
def server() -> Iterator[HttpFakeTelegram]:
    with threaded_fake() as fake:
        yield fake


def run_to_exit(tmp_path: Path, server: HttpFakeTelegram, url: str, *args: str) -> tuple[int, str]:
    process = start_bot(
        tmp_path,
        server,
        *args,
        DATABASE_URL=url,
        WEBHOOK_URL="https://bot.example.vn",
        WEBHOOK_SECRET="s3cret_1",
        WEBHOOK_PORT=str(free_port()),
    )
    _, err = process.communicate(timeout=60)
    return process.returncode, err.decode()


def one_clear_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err, err
    assert len(lines) == 1, err
    return lines[0]


def make_database(path: Path) -> None:
    async def migrate() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade(engine)
        await engine.dispose()

    asyncio.run(migrate())


@pytest.mark.parametrize("mode", [[], ["webhook"]])
def test_a_read_only_sqlite_file_stops_start_up_with_one_line(
    tmp_path: Path, server: HttpFakeTelegram, mode: list[str]
) -> None:
    database = tmp_path / "bot.db"
    make_database(database)  # migrated: start-up's migrations write nothing, the probe does
    url = f"sqlite+aiosqlite:///file:{database}?mode=ro&uri=true"
    code, err = run_to_exit(tmp_path, server, url, *mode)
    line = one_clear_line(err)
    assert code == 1
    assert "Cannot start: the database" in line and "cannot be written: readonly" in line, line


def test_an_unreachable_postgresql_stops_start_up_with_one_line(
    tmp_path: Path, server: HttpFakeTelegram
) -> None:
    url = f"postgresql+asyncpg://bot:pa55word-x@127.0.0.1:{free_port()}/bot"
    code, err = run_to_exit(tmp_path, server, url)
    line = one_clear_line(err)
    assert code == 1
    assert "cannot be written: unreachable" in line, line
    assert "pa55word-x" not in err  # the URL is shown without its password


def test_a_directory_that_cannot_be_created_stops_start_up_with_one_line(
    tmp_path: Path, server: HttpFakeTelegram
) -> None:
    (tmp_path / "data").write_text("a file where the data directory should be")
    code, err = run_to_exit(tmp_path, server, f"sqlite+aiosqlite:///{tmp_path}/data/bot.db")
    line = one_clear_line(err)
    assert code == 1
    assert "Cannot start:" in line and str(tmp_path / "data") in line, line
