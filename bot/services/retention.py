"""The inbox's retention period: handled raw updates are deleted after INBOX_RETENTION_DAYS.

Raw updates hold what people typed (names, units, notes), their display names and usernames.
They are kept only as long as durable handling needs them, plus a margin; then they go.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.queries.conversations import purge_stale
from db.queries.privacy import PURGE_BATCH, purge_handled_inbox

log = logging.getLogger(__name__)

INTERVAL = timedelta(hours=1)  # how often the purge runs


async def purge(sessions: async_sessionmaker[AsyncSession], now: datetime, days: int) -> int:
    """Delete every raw update handled more than `days` before `now`; how many."""
    before = now - timedelta(days=days)
    total = 0
    while True:  # in batches, each its own short transaction: writers are never held long
        async with sessions() as session, session.begin():
            purged = await purge_handled_inbox(session, before)
        total += purged
        if purged < PURGE_BATCH:
            break
    if total:
        log.info("purged %d handled raw updates older than the retention period", total)
    return total


async def purge_conversations(
    sessions: async_sessionmaker[AsyncSession], now: datetime, max_age: timedelta
) -> int:
    """Delete conversation steps and drafts left `max_age` or longer ago (what a person
    typed into a flow they abandoned); how many."""
    async with sessions() as session, session.begin():
        return await purge_stale(session, now - max_age)
