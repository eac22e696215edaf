"""Usernames kept current: record which account carries "@name" now."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from db.queries.usernames import normalise as normalise  # re-exported for the handler's cache
from db.queries.usernames import note_username
from db.session import Sessions

log = logging.getLogger(__name__)


async def note_sender(
    sessions: Sessions,
    telegram_id: int,
    username: str | None,
    now: datetime,
) -> bool:
    """Record that `telegram_id` carries `username` now (clearing it from anyone who held it
    before); False if the database could not be written, so the caller tries again later."""
    try:
        async with sessions() as session, session.begin():
            await note_username(session, telegram_id, normalise(username), now)
    except SQLAlchemyError as exc:
        log.warning("could not record a username: %s", type(exc).__name__)
        return False
    return True
