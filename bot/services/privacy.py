"""Consent and erasure: record an agreement, erase a person on request or on withdrawal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from db.queries.privacy import Erasure, erase_person
from db.queries.users import get_profile, record_consent
from db.session import Sessions

__all__ = [
    "Declined",
    "Erasure",
    "Summary",
    "agree",
    "decline",
    "erase",
    "erase_unless_known",
    "summary",
]


@dataclass(frozen=True, slots=True)
class Summary:
    """What /privacy says about the person's own record."""

    known: bool  # a profile exists (something to withdraw)
    consent_at: datetime | None = None
    consent_version: str | None = None


class Declined(Enum):
    """What "I do not agree" came to."""

    ON_RECORD = "on_record"  # consent stays on record: nothing changed
    REGISTERED = "registered"  # their data exists: erasure is offered, nothing changed yet
    ERASED = "erased"  # nothing of theirs was kept: whatever there was is erased


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


async def erase_unless_known(
    sessions: Sessions,
    telegram_id: int,
    now: datetime,
    *,
    username: str | None,
    current_update: int | None,
) -> bool:
    """True if the person has a profile (kept: erasing it is confirmed first); otherwise
    what there is (raw messages only, nothing to lose) is erased at once. One transaction."""
    async with sessions() as session, session.begin():
        if await get_profile(session, telegram_id) is not None:
            return True
        await erase_person(
            session, telegram_id, now, username=username, current_update=current_update
        )
    return False


async def decline(
    sessions: Sessions,
    telegram_id: int,
    now: datetime,
    *,
    keep_consent: bool,
    username: str | None,
    current_update: int | None,
) -> Declined:
    """The person declined the data notice, in one transaction. With `keep_consent` (the
    question was no longer open) a consent on record stands. Someone registered keeps their
    data until they confirm its erasure; anyone else is erased at once."""
    async with sessions() as session, session.begin():
        profile = await get_profile(session, telegram_id)
        if keep_consent and profile is not None and profile.consented:
            return Declined.ON_RECORD
        if profile is not None and profile.registered:
            return Declined.REGISTERED
        await erase_person(
            session, telegram_id, now, username=username, current_update=current_update
        )
    return Declined.ERASED
