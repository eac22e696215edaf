"""Consent and erasure: record an agreement, erase a person on request or on withdrawal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.queries.privacy import Erasure, erase_person
from db.queries.users import get_profile, record_consent
from db.session import Sessions

__all__ = ["Erasure", "Summary", "agree", "erase", "summary"]


@dataclass(frozen=True, slots=True)
class Summary:
    """What /privacy says about the person's own record."""

    known: bool  # a profile exists (something to withdraw)
    consent_at: datetime | None = None
    consent_version: str | None = None


async def summary(sessions: Sessions, telegram_id: int) -> Summary:
    async with sessions() as session:
        profile = await get_profile(session, telegram_id)
    if profile is None:
        return Summary(known=False)
    return Summary(True, profile.consent_at, profile.consent_version)


async def agree(sessions: Sessions, telegram_id: int, now: datetime) -> bool:
    """Store the agreement of someone already known (registered before the notice); False
    if nothing is stored about them yet (their consent is then stored with their profile)."""
    async with sessions() as session, session.begin():
        return await record_consent(session, telegram_id, now)


async def erase(
    sessions: Sessions,
    telegram_id: int,
    now: datetime,
    *,
    username: str | None,
    current_update: int | None,
) -> Erasure:
    """Erase everything about the person in one transaction (README, "Consent")."""
    async with sessions() as session, session.begin():
        return await erase_person(
            session, telegram_id, now, username=username, current_update=current_update
        )
