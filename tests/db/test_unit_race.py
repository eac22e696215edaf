"""Issue 11, finding 5: people registering into a new unit at the same moment all get in.

Found on PostgreSQL: 90 concurrent registrations into a new unit, 22 failed with a unique
violation (the unit was read, found missing, and inserted by several at once). Siblings with
the same read-then-insert shape: a user's first row, a group chat's subscription.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from bot.services.profile import unit_key
from bot.ui.texts import Vi
from db.models import GroupChat, Unit, User
from db.queries.audience import set_group_subscription
from db.queries.users import Contact, save_profile
from tests.conftest import Harness, vn

CROWD = 90


async def concurrently(bot: Harness, work: Callable[[AsyncSession, int], Awaitable[None]]) -> None:
    """`work(session, i)` for i in 0..CROWD-1 at once, each in its own transaction."""
    sessions = deps_of(bot.app).sessions

    async def one(i: int) -> None:
        async with sessions() as session, session.begin():
            await work(session, i)

    await asyncio.gather(*(one(i) for i in range(CROWD)))


async def count(bot: Harness, query: object) -> int:
    async with deps_of(bot.app).sessions() as session:
        return int(await session.scalar(query) or 0)  # type: ignore[call-overload]


async def test_ninety_registrations_into_a_new_unit_through_the_bot(bot: Harness) -> None:
    """As found: 90 people send `/hoso … | <new unit>` at once, each update handled at once."""
    crowd = [FakeUser(50_000 + i, f"CB{i}") for i in range(CROWD)]
    # Spellings differ: they are one unit (same folded key), created once.
    spellings = ["Phòng Chuyển đổi số", "phòng chuyển đổi số", "PHONG CHUYEN DOI SO"]
    updates = [
        bot.factory.message(user, f"/hoso Cán bộ {i} | {spellings[i % 3]}")
        for i, user in enumerate(crowd)
    ]
    await asyncio.gather(*(bot.feed(u) for u in updates))
    # Nothing is stored before consent: the race is on the "I agree" presses, all at once.
    await asyncio.gather(*(bot.agree(user) for user in crowd))
    replies = [bot.last(user).text for user in crowd]
    assert [r for r in replies if r == Vi.ERROR] == []
    assert await count(bot, select(func.count(Unit.id))) == 1
    async with deps_of(bot.app).sessions() as session:
        unit = await session.scalar(select(Unit.name))
    # The best-written spelling wins, whoever came first; each reply names the unit as it
    # was spelt at that person's commit: one of the three, never a second unit.
    assert unit == "Phòng Chuyển đổi số"
    assert all(any(f"Đơn vị: {s}" in r for s in spellings) for r in replies), replies[:3]
    registered = select(func.count(User.id)).where(User.unit_id.is_not(None))
    assert await count(bot, registered) == CROWD


async def test_ninety_sessions_race_for_one_new_unit(bot: Harness) -> None:
    """The same race one level down: 90 transactions call save_profile at once."""

    async def register(session: AsyncSession, i: int) -> None:
        contact = Contact(60_000 + i, 60_000 + i, None, "vi")
        await save_profile(
            session,
            contact,
            f"Cán bộ {i}",
            "Phòng Mới Lập",
            vn(2023, 10, 3),
            unit_key=unit_key("Phòng Mới Lập"),
            consent_at=vn(2023, 10, 3),
        )

    await concurrently(bot, register)
    assert await count(bot, select(func.count(Unit.id))) == 1
    assert await count(bot, select(func.count(User.id))) == CROWD


async def test_one_person_registering_twice_at_once_gets_one_row(bot: Harness) -> None:
    """A user's first row: concurrent first updates of one person must not collide."""

    async def register(session: AsyncSession, i: int) -> None:
        contact = Contact(70_000, 70_000, "cung_nguoi", "vi")
        await save_profile(
            session,
            contact,
            f"Cùng Người {i}",
            f"Phòng {i % 5}",
            vn(2023, 10, 3),
            unit_key=unit_key(f"Phòng {i % 5}"),
            consent_at=vn(2023, 10, 3),
        )

    await concurrently(bot, register)
    assert await count(bot, select(func.count(User.id))) == 1
    assert await count(bot, select(func.count(Unit.id))) == 5


async def test_a_group_subscribed_by_many_at_once_is_one_row(bot: Harness) -> None:
    async def subscribe(session: AsyncSession, i: int) -> None:
        await set_group_subscription(
            session, -100_123, "Phòng Tổng hợp", 80_000 + i, i % 2 == 0, vn(2023, 10, 3)
        )

    await concurrently(bot, subscribe)
    assert await count(bot, select(func.count()).select_from(GroupChat)) == 1
