"""Hypothesis-generated messages through the full Application: no crash, nothing stored."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update

from bot.app import build_application, running
from bot.core.clock import FrozenClock
from bot.offline.fake_telegram import OfflineTelegram
from bot.offline.fake_updates import FakeUser, UpdateFactory
from tests.conftest import Harness, make_settings, vn

USER = FakeUser(4242, "Fuzz", "vi")


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[asyncio.AbstractEventLoop, Harness]]:
    """One running bot for all examples (building one per example would be slow)."""
    loop = asyncio.new_event_loop()
    telegram = OfflineTelegram()
    clock = FrozenClock(vn(2023, 10, 3, 9, 0))
    app = build_application(
        make_settings(Path(tmp_path_factory.mktemp("fuzz"))), request=telegram, clock=clock
    )
    context = running(app)
    loop.run_until_complete(context.__aenter__())
    yield loop, Harness(app, telegram, UpdateFactory(telegram), clock)
    loop.run_until_complete(context.__aexit__(None, None, None))
    loop.close()


def _process(loop: asyncio.AbstractEventLoop, bot: Harness, payload: dict) -> None:  # type: ignore[type-arg]
    errors: list[object] = []

    async def record(update: object, context: object) -> None:
        errors.append(getattr(context, "error", None))

    bot.app.add_error_handler(record)
    try:
        loop.run_until_complete(bot.app.process_update(Update.de_json(payload, bot.app.bot)))
    finally:
        bot.app.remove_error_handler(record)
    assert errors == [], errors


texts = st.one_of(
    st.text(max_size=500),
    st.text(alphabet="/diemdanhocheckinprofile 0123456789|,.phút giờ<>&'\"", max_size=80),
    st.builds(
        lambda cmd, rest: f"/{cmd} {rest}",
        st.sampled_from(
            [
                "diemdanh",
                "checkin",
                "hoso",
                "profile",
                "theme",
                "chude",
                "undo",
                "me",
                "week",
                "start",
                "cancel",
                "unknown",
            ]
        ),
        st.text(max_size=300),
    ),
    st.just("x" * 5000),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_random_messages_never_crash_or_store_garbage(live, text: str) -> None:  # type: ignore[no-untyped-def]
    loop, bot = live
    _process(loop, bot, bot.factory.message(USER, text))
    assert bot.telegram.rejections == []
    # The fuzzer may stumble on a valid "/hoso A | B" and then a valid check-in; whatever
    # got stored must still be within the limits.
    stored = loop.run_until_complete(_stored_minutes(bot))
    assert all(1 <= m <= 720 for m in stored)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.text(max_size=64).filter(lambda s: 0 < len(s.encode()) <= 64))
def test_random_button_data_is_answered(live, data: str) -> None:  # type: ignore[no-untyped-def]
    loop, bot = live
    _process(loop, bot, bot.factory.message(USER, "/start"))
    _process(loop, bot, bot.factory.press(USER, bot.last(USER), data))
    assert bot.telegram.rejections == []


def test_unknown_update_kinds_are_ignored(live) -> None:  # type: ignore[no-untyped-def]
    loop, bot = live
    before = len(bot.telegram.calls)
    reaction = {
        "update_id": 99999,
        "message_reaction": {
            "chat": {"id": USER.id, "type": "private"},
            "message_id": 1,
            "date": 0,
            "user": USER.json(),
            "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": "👍"}],
        },
    }
    _process(loop, bot, reaction)
    _process(loop, bot, {"update_id": 100000})
    assert len(bot.telegram.calls) == before


async def _stored_minutes(bot: Harness) -> list[int]:
    from sqlalchemy import select

    from bot.context import deps_of
    from db.models import Checkin

    async with deps_of(bot.app).sessions() as session:
        return list(await session.scalars(select(Checkin.minutes)))
