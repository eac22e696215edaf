"""Finding 6: the database fails under a running bot — read-only, disk full, PostgreSQL
connections cut. Found: the polling loop ended with a traceback. Now the loop survives, what
could not be stored stays with Telegram (not confirmed) and is handled after recovery, the
log says it once per change, and admins are told once when it breaks and once when it heals.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, ClassVar

import asyncpg
import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bench.fake_telegram_http import HttpFakeTelegram
from bot.app import build_application, running
from bot.context import BotApp, deps_of
from bot.core.clock import FrozenClock
from bot.offline.fake_updates import FakeUser, UpdateFactory
from bot.ops import db_state
from bot.ops.db_errors import classify
from bot.ops.db_state import state_of
from bot.transport import inbox_worker, polling
from bot.ui.texts import Vi
from db.models import InboxUpdate, User
from db.queries import inbox
from db.session import create_engine, session_ended
from tests.conftest import ADMIN, PG_ADMIN_URL, make_settings, vn
from tests.threaded_fake import agree_when_asked

SAVED = "Đã lưu hồ sơ"  # the registration's confirmation


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries every 50-200 ms and admin notices without the grace, so tests run fast."""
    monkeypatch.setattr(db_state, "BACKOFF_FIRST", 0.05)
    monkeypatch.setattr(db_state, "BACKOFF_CAP", 0.2)
    monkeypatch.setattr(db_state, "NOTICE_GRACE", 0.0)


class Outage:
    """Puts the database in a failure mode the way it happens for real.

    readonly: SQLite's `query_only` on every connection the bot takes (the file refusing
    writes); on PostgreSQL the database made read-only (`default_transaction_read_only`, as
    after a fail-over to a replica) and its connections cut, so the bot reconnects to it.
    full: the driver's own "database or disk is full" (SQLite) or DiskFullError (PostgreSQL)
    raised where a write statement would run — a tiny disk is not available here.
    """

    all: ClassVar[list[Outage]] = []

    def __init__(self, engine: AsyncEngine, kind: str) -> None:
        self.kind, self.on = kind, False
        self.sqlite = engine.dialect.name == "sqlite"
        self.database = engine.url.database
        Outage.all.append(self)
        event.listen(engine.sync_engine, "checkout", self._checkout)
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)

    async def start(self) -> None:
        await self._switch(True)

    async def end(self) -> None:
        await self._switch(False)

    async def _switch(self, on: bool) -> None:
        self.on = on
        if self.kind == "readonly" and not self.sqlite:
            admin = await asyncpg.connect(
                PG_ADMIN_URL.replace("postgresql+asyncpg://", "postgresql://")
            )
            try:
                value = "on" if on else "off"
                await admin.execute(
                    f'ALTER DATABASE "{self.database}" SET default_transaction_read_only = {value}'
                )
                await admin.fetchval(CUT, self.database)
            finally:
                await admin.close()

    def _checkout(self, dbapi_connection: Any, *_: Any) -> None:
        if self.kind == "readonly" and self.sqlite:
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA query_only = {int(self.on)}")
            cursor.close()

    def _before(self, connection: Any, _c: Any, statement: str, *_: Any) -> None:
        if self.kind != "full" or not self.on:
            return
        if statement.lstrip()[:6].upper() not in {"INSERT", "UPDATE", "DELETE"}:
            return
        if self.sqlite:
            raise sqlite3.OperationalError("database or disk is full")
        words = 'could not extend file "base/16384/2619": No space left on device'
        raise connection.dialect.loaded_dbapi.Error(words, asyncpg.exceptions.DiskFullError(words))


CUT = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE datname = $1 AND pid <> pg_backend_pid()"
)


async def until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Wait (bounded) for something the bot does in the background."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"gave up waiting until {what}")


class Polling:
    """The real bot polling the HTTP fake Telegram, in this event loop."""

    def __init__(self, app: BotApp, server: HttpFakeTelegram) -> None:
        self.app, self.server = app, server
        self.factory = UpdateFactory(server.telegram)
        self.stop = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.agreed: set[int] = set()

    def say(self, user: FakeUser, text: str) -> dict[str, Any]:
        update = self.factory.message(user, text)
        self.server.push(update)
        return update

    def texts(self, user: FakeUser) -> list[str]:
        return [m.text for m in self.server.telegram.sent(user.id)]

    def saved(self, user: FakeUser) -> bool:
        """The registration went through (pressing "I agree" if the bot asks for it)."""
        agree_when_asked(self.server, self.factory, [user], self.agreed)
        return any(SAVED in t for t in self.texts(user))

    def faults(self, user: FakeUser) -> list[str]:
        """What the user was told went wrong: the answers that must never come."""
        return [t for t in self.texts(user) if t in {Vi.ERROR, Vi.DB_UNAVAILABLE}]

    async def count(self, query: Any) -> int:
        """Read through an engine of its own: the bot's engine may be the one refusing."""
        engine = create_engine(deps_of(self.app).settings.database_url)
        try:
            async with engine.connect() as connection:
                return int(await connection.scalar(query) or 0)
        finally:
            await engine.dispose()


@pytest.fixture
async def bot(
    tmp_path: Path, server: HttpFakeTelegram, database_url: str
) -> AsyncIterator[Polling]:
    settings = make_settings(
        tmp_path,
        database_url=database_url,
        telegram_bot_token="123456:outage",
        telegram_api_base_url=server.base_url,
    )
    clock = FrozenClock(vn(2023, 10, 3, 9, 0))
    app = build_application(settings, clock=clock, durable=True)
    server.telegram.clock_seconds = lambda: int(clock.now().timestamp())  # sent "now"
    server.telegram.add_chat(ADMIN.id)
    harness = Polling(app, server)
    async with running(app):
        harness.task = asyncio.create_task(polling.poll(app, harness.stop))
        yield harness
        harness.stop.set()
        harness.task.cancel()
        await asyncio.gather(harness.task, return_exceptions=True)
        for outage in Outage.all:  # a failed test may leave one on
            if outage.on:
                await outage.end()
        Outage.all.clear()
        await asyncio.wait_for(inbox_worker.worker_of(app).wait_idle(), 30)


def db_lines(caplog: pytest.LogCaptureFixture) -> tuple[list[str], list[str]]:
    """(lines saying the database broke, lines saying it healed)."""
    messages = [r.getMessage() for r in caplog.records if r.name == "bot.ops.db_state"]
    down = [m for m in messages if m.startswith("database cannot be written")]
    up = [m for m in messages if m.startswith("database writable again")]
    return down, up


@pytest.mark.parametrize("kind", ["readonly", "full"])
async def test_polling_survives_an_unwritable_database_and_loses_nothing(
    bot: Polling, server: HttpFakeTelegram, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    state = state_of(bot.app)
    outage = Outage(deps_of(bot.app).engine, kind)
    users = [FakeUser(810_000 + i, f"Người {i}") for i in range(4)]
    bot.say(users[0], "/hoso Trần Văn Một | Phòng Một")
    await until(lambda: bot.saved(users[0]), "registered")

    await outage.start()
    # A unit each: concurrent registrations into one new unit are finding 5, not this one.
    during = [bot.say(u, f"/hoso Trần Văn {i} | Phòng {i}") for i, u in enumerate(users[1:])]
    await until(lambda: state.failures >= 5, "the batch was retried several times")
    assert bot.task is not None and not bot.task.done()  # found: the loop ended here
    # Not stored, so not confirmed: Telegram still holds every update of the batch.
    assert server.confirmed <= during[0]["update_id"]
    stored_before = await bot.count(select(func.count()).select_from(InboxUpdate))
    assert stored_before == len(bot.agreed) + 1  # user 0's updates only

    await outage.end()
    for user in users[1:]:
        await until(lambda u=user: bot.saved(u), "handled")
    assert server.confirmed > during[-1]["update_id"]
    registered = select(func.count()).where(User.registered_at.is_not(None))
    assert await bot.count(registered) == len(users)
    for user in users:  # saved once each, and never an error
        assert sum(SAVED in t for t in bot.texts(user)) == 1, bot.texts(user)
        assert bot.faults(user) == []

    await state_of(bot.app).settled()
    admin = bot.texts(ADMIN)
    reason = Vi.DB_REASONS[kind]
    assert len(admin) == 2 and reason in admin[0] and admin[0].startswith("⚠️"), admin
    assert admin[1].startswith("✅"), admin
    down, up = db_lines(caplog)
    assert len(down) == 1 and kind in down[0], down  # one line per change, not one per try
    assert len(up) == 1, up
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


WRITE = "/probe_write"  # handled by the probe below, before any feature of the bot


def add_writing_probe(bot: Polling) -> list[int]:
    """A handler ahead of the bot's own that writes, then answers: the worker's retries are
    tested apart from what any feature does before its first write. Returns the update ids
    whose write committed."""
    committed: list[int] = []

    async def probe(update: Update, context: Any) -> None:
        message = update.effective_message
        if message is None or message.text != WRITE:
            return
        async with deps_of(bot.app).sessions() as session, session.begin():
            await session.execute(text("UPDATE alembic_version SET version_num = version_num"))
        committed.append(update.update_id)
        await context.bot.send_message(message.chat_id, f"written {update.update_id}")
        raise ApplicationHandlerStop

    bot.app.add_handler(TypeHandler(Update, probe), group=-100)
    return committed


async def store_directly(bot: Polling, update: dict[str, Any]) -> None:
    """Stored before the outage began, as if it struck between storing and handling."""
    deps = deps_of(bot.app)
    async with deps.sessions() as session, session.begin():
        await inbox.store(session, [update], deps.clock.now())


async def test_a_handler_hit_by_the_outage_is_retried_not_failed(
    bot: Polling, caplog: pytest.LogCaptureFixture
) -> None:
    """An update already stored when the database broke: handled after recovery, answered
    once, correctly — no "try again" for a request that will in fact be saved."""
    caplog.set_level(logging.INFO)
    state = state_of(bot.app)
    committed = add_writing_probe(bot)
    outage = Outage(deps_of(bot.app).engine, "full")  # reads still work, writes fail
    user = FakeUser(820_001, "Lan")
    update = bot.factory.message(user, WRITE)
    await store_directly(bot, update)
    await outage.start()
    await inbox_worker.worker_of(bot.app).refill()
    await until(lambda: state.failures >= 2, "the handler met the outage and was retried")
    assert bot.texts(user) == []  # no "please try again": it is going to be retried
    await outage.end()
    await until(lambda: bool(bot.texts(user)), "the retried update was answered")
    assert bot.texts(user) == [f"written {update['update_id']}"]
    assert committed == [update["update_id"]]
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


async def test_an_update_that_cannot_be_saved_for_long_is_answered_honestly(
    bot: Polling, caplog: pytest.LogCaptureFixture
) -> None:
    """After its last try the user is told their request was not recorded — once, and not
    with the generic error message and its traceback."""
    caplog.set_level(logging.INFO)
    committed = add_writing_probe(bot)
    outage = Outage(deps_of(bot.app).engine, "full")
    user = FakeUser(820_002, "Hùng")
    await store_directly(bot, bot.factory.message(user, WRITE))
    await outage.start()
    await inbox_worker.worker_of(bot.app).refill()
    await until(lambda: bool(bot.texts(user)), "the user was told")
    assert bot.texts(user) == [Vi.DB_UNAVAILABLE]
    assert committed == []
    assert state_of(bot.app).failures >= inbox_worker.UPDATE_ATTEMPTS
    await outage.end()
    await inbox_worker.worker_of(bot.app).wait_idle()  # marked once the database is back
    assert bot.texts(user) == [Vi.DB_UNAVAILABLE]  # and not handled a second time
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


async def test_cut_postgresql_connections_while_polling_lose_and_double_nothing(
    bot: Polling,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pg_terminate_backend on every connection of the bot's database, again and again, while
    updates arrive and are handled — until the cuts have hit the bot mid-operation at least
    three times: the loop survives and every update is handled exactly once."""
    if not database_url.startswith("postgresql"):
        pytest.skip("connections are cut on PostgreSQL")
    caplog.set_level(logging.INFO)
    # Retries spread over about 2 s, as over 7 s in production: cuts come every 40 ms here, so
    # the 50-200 ms of the other tests could put all four tries of one update on cuts.
    monkeypatch.setattr(db_state, "BACKOFF_FIRST", 0.3)
    monkeypatch.setattr(db_state, "BACKOFF_CAP", 1.0)
    name = database_url.rsplit("/", 1)[1]
    admin = await asyncpg.connect(PG_ADMIN_URL.replace("postgresql+asyncpg://", "postgresql://"))
    users: list[FakeUser] = []
    cuts = 0
    try:
        while len(users) < 40 or (len(db_lines(caplog)[0]) < 3 and len(users) < 600):
            user = FakeUser(830_000 + len(users), f"Cán bộ {len(users)}")
            users.append(user)
            bot.say(user, f"/hoso Cán bộ số {len(users)} | Phòng {len(users)}")
            if len(users) % 2 == 0:
                cuts += await admin.fetchval(CUT, name)
            await asyncio.sleep(0.02)
    finally:
        await admin.close()
    hits = len(db_lines(caplog)[0])
    assert hits >= 3, f"{cuts} cuts never hit the bot mid-operation: nothing was tested"
    for user in users:
        await until(lambda u=user: bot.saved(u), f"{user.first_name} was registered")
    assert bot.task is not None and not bot.task.done()
    registered = select(func.count()).where(User.registered_at.is_not(None))
    assert await bot.count(registered) == len(users)
    for user in users:  # saved once, never an error
        assert sum(SAVED in t for t in bot.texts(user)) == 1, bot.texts(user)
        assert bot.faults(user) == []
    await inbox_worker.worker_of(bot.app).wait_idle()
    unhandled = select(func.count()).where(InboxUpdate.processed_at.is_(None))
    assert await bot.count(unhandled) == 0
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    print(f"\n{len(users)} updates, {cuts} connections cut, {hits} hits mid-operation")


@pytest.mark.parametrize(
    ("error", "ended"),
    [
        (asyncpg.exceptions.AdminShutdownError("terminating connection"), True),
        (asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the"), True),
        (asyncpg.exceptions.InternalClientError("another operation (2) is in progress"), True),
        (asyncpg.exceptions.ConnectionFailureError("connection failure"), True),
        (asyncpg.exceptions.UniqueViolationError("duplicate key"), False),
        (asyncpg.exceptions.DiskFullError("no space"), False),
    ],
)
def test_a_session_the_server_ended_is_not_put_back_in_the_pool(
    error: BaseException, ended: bool
) -> None:
    """Seen while cutting connections: a connection whose session PostgreSQL had ended went
    back to the pool and failed the next user ("another operation is in progress")."""
    assert session_ended(error) is ended


def _wrapped(cls: type[sa_exc.DBAPIError], orig: BaseException) -> sa_exc.DBAPIError:
    return cls("INSERT …", {}, orig)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (
            _wrapped(sa_exc.OperationalError, sqlite3.OperationalError("database or disk is full")),
            "full",
        ),
        (
            _wrapped(
                sa_exc.OperationalError,
                sqlite3.OperationalError("attempt to write a readonly database"),
            ),
            "readonly",
        ),
        (
            _wrapped(sa_exc.OperationalError, sqlite3.OperationalError("database is locked")),
            "locked",
        ),
        (
            _wrapped(
                sa_exc.OperationalError, sqlite3.OperationalError("unable to open database file")
            ),
            "unavailable",
        ),
        (_wrapped(sa_exc.DBAPIError, asyncpg.exceptions.DiskFullError("no space")), "full"),
        (
            _wrapped(sa_exc.DBAPIError, asyncpg.exceptions.ReadOnlySQLTransactionError("ro")),
            "readonly",
        ),
        (_wrapped(sa_exc.DBAPIError, asyncpg.exceptions.AdminShutdownError("bye")), "unreachable"),
        # Bugs, not outages: the normal error path, with its traceback.
        (
            _wrapped(sa_exc.OperationalError, sqlite3.OperationalError("no such table: checkins")),
            None,
        ),
        (_wrapped(sa_exc.IntegrityError, sqlite3.IntegrityError("UNIQUE constraint failed")), None),
        (_wrapped(sa_exc.DBAPIError, asyncpg.exceptions.DeadlockDetectedError("deadlock")), None),
        (ValueError("not a database error"), None),
        (OSError(28, "No space left on device"), None),  # not raised by a database driver
    ],
)
def test_outages_are_told_from_bugs(error: BaseException, kind: str | None) -> None:
    assert classify(error) == kind
