"""Seed registered officials straight into the database (benchmarks and load tests)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db.models import Unit, User


async def officials(
    db: AsyncSession | AsyncConnection, count: int, first_id: int, now: datetime
) -> list[int]:
    """`count` registered, active officials in one unit; returns their chat ids."""
    await db.execute(insert(Unit).values(id=1, name="Phòng A", name_key="phong a", created_at=now))
    ids = list(range(first_id, first_id + count))
    await db.execute(insert(User), [
        {"telegram_id": i, "chat_id": i, "full_name": f"Cán bộ {i}", "unit_id": 1,
         "is_active": True, "reminders_enabled": True, "registered_at": now,
         "created_at": now, "updated_at": now}
        for i in ids
    ])  # fmt: skip
    return ids
