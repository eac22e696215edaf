"""The conversation persistence on a real database (SQLite; PostgreSQL with TEST_DATABASE_URL):
what one process writes, the next one reads; stale rows never come back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.clock import FrozenClock
from bot.services import retention
from bot.transport.draft_codec import DraftCodec
from bot.transport.persistence import DbPersistence
from db.migrate import upgrade
from db.models import ConversationState
from db.queries import conversations
from db.session import create_engine, create_sessionmaker
from handlers.states import FLOW_KEYS, PendingCheckin
from tests.conftest import VN, vn

TIMEOUT = timedelta(minutes=15)
CODEC = DraftCodec(FLOW_KEYS, [PendingCheckin])
FLOW = "registration_and_checkin"


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(vn(2023, 10, 3, 9, 0))


async def migrated(engine: AsyncEngine) -> bool:
    await upgrade(engine)
    return True


def persistence(engine: AsyncEngine, clock: FrozenClock) -> DbPersistence:
    """A process's persistence: it migrates the database before its first read."""
    return DbPersistence(
        create_sessionmaker(engine),
        clock,
        max_age=TIMEOUT,
        codec=CODEC,
        prepare=lambda: migrated(engine),
    )


async def rows(engine: AsyncEngine) -> list[ConversationState]:
    async with create_sessionmaker(engine)() as session:
        return list(await session.scalars(select(ConversationState)))


async def test_what_one_process_writes_the_next_reads(
    engine: AsyncEngine, clock: FrozenClock
) -> None:
    first = persistence(engine, clock)
    assert await first.get_user_data() == {} and await first.get_conversations(FLOW) == {}
    pending = PendingCheckin(45, "reading", "Chương 2", "msg:1:2", vn(2023, 10, 3, 8, 59))
    draft = {"then_checkin": True, "pending_checkin": pending, "full_name": "Nguyễn Văn An"}
    await first.update_conversation(FLOW, (1001, 1001), 0)
    await first.update_conversation(FLOW, (1002, 1002), 3)
    await first.update_user_data(1001, draft | {"not_a_flow_key": object()})
    await first.write()
    await first.update_conversation(FLOW, (1001, 1001), 1)  # the same row again: an upsert
    await first.update_conversation(FLOW, (1002, 1002), None)  # ended: the row goes
    await first.write()

    second = persistence(engine, clock)
    assert await second.get_user_data() == {1001: draft}
    assert await second.get_conversations(FLOW) == {(1001, 1001): 1}
    assert await second.get_conversations("broadcast_compose") == {}
    assert second.restored == {(FLOW, (1001, 1001)): clock.now()}


async def test_rows_older_than_the_timeout_are_purged_not_loaded(
    engine: AsyncEngine, clock: FrozenClock
) -> None:
    first = persistence(engine, clock)
    await first.get_user_data()
    await first.update_user_data(1001, {"full_name": "Nguyễn Văn An"})
    await first.update_conversation(FLOW, (1001, 1001), 1)
    await first.update_user_data(1002, {"full_name": "Trần Bình"})
    await first.update_conversation(FLOW, (1002, 1002), 1)
    await first.write()
    clock.advance(timedelta(minutes=10))
    await first.update_conversation(FLOW, (1001, 1001), 1)  # An is still typing; Bình left
    await first.write()
    clock.advance(timedelta(minutes=6))

    second = persistence(engine, clock)
    # An's draft is older than the timeout, but his step is not: it stays with it.
    assert await second.get_user_data() == {1001: {"full_name": "Nguyễn Văn An"}}
    assert await second.get_conversations(FLOW) == {(1001, 1001): 1}
    assert {r.user_id for r in await rows(engine)} == {1001}
    assert not second.expired(FLOW, (1001, 1001))
    clock.advance(timedelta(minutes=10))
    assert second.expired(FLOW, (1001, 1001))


async def test_retention_purges_abandoned_flows(engine: AsyncEngine, clock: FrozenClock) -> None:
    first = persistence(engine, clock)
    await first.get_user_data()
    await first.update_user_data(1001, {"full_name": "Nguyễn Văn An"})
    await first.update_conversation(FLOW, (1001, 1001), 1)
    await first.write()
    sessions = create_sessionmaker(engine)
    assert await retention.purge_conversations(sessions, clock.now(), TIMEOUT) == 0
    clock.advance(TIMEOUT)
    assert await retention.purge_conversations(sessions, clock.now(), TIMEOUT) == 2
    assert await rows(engine) == []


async def test_erasure_query_forgets_a_person(engine: AsyncEngine, clock: FrozenClock) -> None:
    first = persistence(engine, clock)
    await first.get_user_data()
    for user in (1001, 1002):
        await first.update_user_data(user, {"full_name": f"User {user}"})
        await first.update_conversation(FLOW, (-100500, user), 1)  # a group's conversation
    await first.write()
    async with create_sessionmaker(engine).begin() as session:
        await conversations.forget_users(session, {1001})
    assert {r.user_id for r in await rows(engine)} == {1002}


async def test_an_unchanged_draft_is_not_written_again(
    engine: AsyncEngine, clock: FrozenClock
) -> None:
    """A replica that loaded a draft long ago and never changed it does not overwrite the
    newer one another process wrote."""
    writer = persistence(engine, clock)
    await writer.get_user_data()
    await writer.update_user_data(1001, {"full_name": "An"})
    await writer.update_conversation(FLOW, (1001, 1001), 1)
    await writer.write()
    other = persistence(engine, clock)
    loaded = await other.get_user_data()
    await writer.update_user_data(1001, {"full_name": "Nguyễn Văn An"})
    await writer.write()
    await other.update_user_data(1001, loaded[1001])
    await other.write()
    drafts = [r.draft for r in await rows(engine) if r.draft is not None]
    assert drafts == [{"full_name": "Nguyễn Văn An"}]


async def test_a_draft_is_kept_only_while_a_step_is_open(
    engine: AsyncEngine, clock: FrozenClock
) -> None:
    first = persistence(engine, clock)
    await first.get_user_data()
    await first.update_user_data(1001, {"checkin_typed_at": clock.now()})  # a refused command
    await first.write()
    assert await rows(engine) == []
    await first.update_conversation(FLOW, (1001, 1001), 2)  # the same draft, now in a flow
    await first.write()
    assert {r.name for r in await rows(engine)} == {FLOW, "~draft"}
    await first.update_conversation(FLOW, (1001, 1001), None)  # over: what is left goes too
    await first.write()
    assert await rows(engine) == []


async def test_a_failed_write_is_tried_again_with_the_next(
    engine: AsyncEngine, clock: FrozenClock
) -> None:
    real = create_sessionmaker(engine)
    failures = [RuntimeError("the database is down")]

    def sessions() -> Any:
        if failures:
            raise failures.pop()
        return real()

    flaky = DbPersistence(
        real, clock, max_age=TIMEOUT, codec=CODEC, prepare=lambda: migrated(engine)
    )
    await flaky.get_user_data()
    flaky.sessions = sessions  # type: ignore[assignment]
    await flaky.update_conversation(FLOW, (1001, 1001), 0)
    with pytest.raises(RuntimeError):
        await flaky.write()
    await flaky.update_conversation(FLOW, (1002, 1002), 2)
    await flaky.write()
    assert {(r.key, r.state) for r in await rows(engine)} == {
        ("[1001, 1001]", 0),
        ("[1002, 1002]", 2),
    }


# The codec: whatever the flows keep in user_data comes back equal.
moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, VN]),
)
plain = st.one_of(st.none(), st.booleans(), st.integers(), st.text(), moments)
pendings = st.builds(
    PendingCheckin,
    st.integers(1, 1440),
    st.text(),
    st.none() | st.text(),
    st.text(),
    st.none() | moments,
    st.none() | st.dates(),  # the day studied ("hôm qua"): a date, not a datetime
    st.booleans(),
)
values = st.recursive(
    plain | pendings,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text().filter(lambda k: not k.startswith("$")), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.dictionaries(st.sampled_from(FLOW_KEYS), values))
def test_the_codec_gives_back_what_it_was_given(draft: dict[str, Any]) -> None:
    encoded = CODEC.encode(draft)
    assert CODEC.decode(encoded or {}) == draft


def test_the_codec_keeps_only_the_flow_keys_and_what_it_can_write() -> None:
    naive = datetime(2023, 10, 3, 9, 0)
    tagged = {"$datetime": "2023-10-03"}  # would read back as a datetime: not written
    assert CODEC.encode({"other": 1, "full_name": object(), "consent_at": naive}) is None
    assert CODEC.encode({"checkin_draft": tagged}) is None
    restored = CODEC.decode({"full_name": "An", "other": 1})
    assert restored == {"full_name": "An"}
