"""`python -m bot backup`: a copy taken while check-ins are written restores to a consistent
database the bot starts on."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from telegram import Update

from bot.app import build_application, running
from bot.cli import stats
from bot.context import deps_of
from bot.core.clock import FrozenClock
from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.progress import Window
from bot.offline.fake_telegram import OfflineTelegram
from bot.offline.fake_updates import FakeUser, UpdateFactory
from bot.ops.backup import BackupError, backup
from bot.services.profile import unit_key
from db.migrate import alembic_config
from db.queries.checkins import record_checkin
from db.queries.users import Contact, save_profile
from tests.conftest import VN, make_settings, vn

ROOT = Path(__file__).resolve().parents[2]
WEEK = Window(date(2023, 10, 2), date(2023, 10, 8), 2023)
OFFICIALS = 20
BEFORE_BACKUP = 50  # check-ins written before the backup starts


def run_cli(args: list[str], cwd: Path, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update(DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        text=True,
        capture_output=True,
        timeout=120,
        check=False,
    )


def consistency(path: Path) -> tuple[str, str, int, int, list[tuple[int, str, int, int]]]:
    """integrity_check, schema revision, live check-ins, their minutes, and every daily total
    that differs from the sum over the check-ins it stands for."""
    with contextlib.closing(sqlite3.connect(path)) as con:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        count, minutes = con.execute(
            "SELECT COUNT(*), COALESCE(SUM(minutes), 0) FROM checkins WHERE deleted_at IS NULL"
        ).fetchone()
        mismatches = con.execute(
            """
            SELECT t.user_id, t.local_date, t.checkins, t.minutes FROM daily_totals t
            LEFT JOIN (SELECT user_id, local_date, COUNT(*) AS n, SUM(minutes) AS m
                       FROM checkins WHERE deleted_at IS NULL GROUP BY user_id, local_date) c
              ON c.user_id = t.user_id AND c.local_date = t.local_date
            WHERE t.checkins != COALESCE(c.n, 0) OR t.minutes != COALESCE(c.m, 0)
            """
        ).fetchall()
    return integrity, revision, int(count), int(minutes), mismatches


async def test_backup_taken_while_checkins_are_written_restores_consistently(
    tmp_path: Path,
) -> None:
    live_dir, restore_dir = tmp_path / "live", tmp_path / "restored"
    live_dir.mkdir()
    restore_dir.mkdir()
    clock = FrozenClock(vn(2023, 10, 3, 9, 0))
    settings = make_settings(live_dir)
    app = build_application(settings, request=OfflineTelegram(), clock=clock)
    copy = tmp_path / "bot-backup.db"
    async with running(app):
        sessions = deps_of(app).sessions
        users = []
        for n in range(OFFICIALS):
            async with sessions() as s, s.begin():
                profile = await save_profile(
                    s,
                    Contact(7000 + n, 7000 + n, None, "vi"),
                    f"Cán bộ {n}",
                    f"Phòng {n % 4}",
                    clock.now(),
                    unit_key=unit_key(f"Phòng {n % 4}"),
                    consent_at=clock.now(),
                )
            users.append(profile.user_id)
        written = 0
        enough, stop = asyncio.Event(), asyncio.Event()

        async def writer() -> None:
            # The bot's own write path: a check-in and its daily total in one transaction.
            nonlocal written
            while not stop.is_set():
                async with sessions() as s, s.begin():
                    await record_checkin(
                        s,
                        user_id=users[written % OFFICIALS],
                        minutes=1 + written % 5,
                        activity="reading",
                        note=f"bài {written}",
                        source=f"w{written}",
                        now=clock.now() + timedelta(days=written % 5, seconds=written),
                        tz=VN,
                        window=WEEK,
                        day_limit=MAX_MINUTES_PER_DAY,
                    )
                written += 1
                if written == BEFORE_BACKUP:
                    enough.set()
                await asyncio.sleep(0)

        writing = asyncio.create_task(writer())
        await enough.wait()
        started_at = written
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
        env.update(DATABASE_URL=settings.database_url, PYTHONPATH=str(ROOT))
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "backup",
            "-o",
            str(copy),
            cwd=live_dir,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        finished_at = written
        stop.set()
        await writing
    assert process.returncode == 0, err.decode()
    assert "integrity ok" in out.decode()

    integrity, revision, count, minutes, mismatches = consistency(copy)
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert (integrity, revision, mismatches) == ("ok", head, [])
    # The copy was taken while the writer was running: after it started, before it stopped.
    assert started_at < count < written, (started_at, count, finished_at, written)
    assert f"{count} check-ins" in out.decode()

    # Restore: the copy becomes the database of a fresh installation, and the bot runs on it.
    shutil.copy(copy, restore_dir / "bot.db")
    restored_settings = make_settings(restore_dir)
    telegram = OfflineTelegram()
    restored = build_application(restored_settings, request=telegram, clock=clock)
    async with running(restored):
        user = FakeUser(4321, "Khách")
        update = UpdateFactory(telegram).message(user, "/start")
        await restored.process_update(Update.de_json(update, restored.bot))
    assert "Xin chào Khách" in telegram.sent(user.id)[-1].text
    figures = await stats(restored_settings, 2023)
    assert figures is not None
    assert (figures["checkins"], figures["minutes"]) == (count, minutes)


def test_backup_refuses_postgresql_and_points_to_pg_dump(tmp_path: Path) -> None:
    url = "postgresql+asyncpg://bot:hunter2-pw@db.internal:5432/hoctap"
    result = run_cli(["backup", "-o", str(tmp_path / "x.db")], tmp_path, url)
    assert result.returncode == 2
    assert "pg_dump --format=custom" in result.stderr and "db.internal:5432/hoctap" in result.stderr
    assert "hunter2-pw" not in result.stderr + result.stdout
    assert not (tmp_path / "x.db").exists()


def test_backup_never_overwrites_the_database_or_copies_nothing(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    url = f"sqlite+aiosqlite:///{database}"
    with pytest.raises(BackupError, match="No database"):
        backup(url, tmp_path / "copy.db")
    sqlite3.connect(database).close()
    with pytest.raises(BackupError, match="must not be the database itself"):
        backup(url, database)
    assert not list(tmp_path.glob("*.partial"))
