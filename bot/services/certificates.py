"""Participation certificates: who earned one, issuing it (a lasting verification code), and
checking a code someone was shown.

The bar (bot/core/bar.py) is the settings' CERT_MIN_DAYS, capped at the week's length, and
CERT_MIN_MINUTES.
Issuing is idempotent: a person has one certificate per edition, and it never changes once
issued (its code stands for what it stated). Verifying holds it against the record: a
certificate whose holder's record now shows less is said to be no longer borne out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import Enum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.bar import Bar
from bot.core.cert_code import find, new_code
from bot.core.editions import Edition, Editions
from bot.services.reports import window
from db.queries import certificates as certs
from db.queries.admin import audit
from db.queries.certificates import Issued
from db.queries.edition_people import Window
from db.queries.outbox import Recipient
from db.queries.users import get_profile
from db.session import Sessions

__all__ = ["Bar", "Issued", "Mine", "Status", "Verdict"]


@dataclass(frozen=True, slots=True)
class Mine:
    """/chungnhan for one person: not registered, not there yet (their figures), or issued."""

    registered: bool
    days: int = 0
    minutes: int = 0
    issued: Issued | None = None
    studied_today: bool = False  # today already counts in `days`


class Status(Enum):
    MALFORMED = "malformed"  # not a code at all, or a typo its check symbol catches
    UNKNOWN = "unknown"  # well formed, but no certificate has it (forged, or erased)
    GENUINE = "genuine"
    # Issued by the bot, but the holder's record now shows less than it states (a check-in
    # deleted since): the paper no longer stands on the data.
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status
    certificate: Issued | None = None


async def mine(
    sessions: Sessions,
    telegram_id: int,
    edition: Edition,
    bar: Bar,
    now: datetime,
    *,
    issue: bool = True,
) -> Mine:
    """The person's certificate for `edition`, issued now if they have earned it (with
    `issue` False, only their figures: the week is still running)."""
    async with sessions() as session, session.begin():
        profile = await get_profile(session, telegram_id)
        if profile is None or not profile.registered:
            return Mine(False)
        found = await certs.people(session, _window(edition, now), [profile.user_id])
        if not found:
            return Mine(True)
        person = found[0]
        if not issue or not bar.met_by(person.days, person.minutes):
            today = await certs.studied_on(session, profile.user_id, now.date())
            return Mine(True, person.days, person.minutes, studied_today=today)
        issued = await certs.issue(session, edition.year, [person], now, new_code)
    return Mine(True, person.days, person.minutes, issued[0] if issued else None)


async def for_user(
    sessions: Sessions, user_id: int, edition: Edition, bar: Bar, now: datetime
) -> Issued | None:
    """The certificate to send to users.id `user_id` (the morning after the week), issued now
    unless it already was; None if they do not meet the bar (a check-in deleted since it was
    planned)."""
    async with sessions() as session, session.begin():
        found = await certs.people(session, _window(edition, now), [user_id])
        earners = [p for p in found if bar.met_by(p.days, p.minutes)]
        issued = await certs.issue(session, edition.year, earners, now, new_code)
    return issued[0] if issued else None


async def recipients(
    session: AsyncSession, edition: Edition, bar: Bar, tz: tzinfo
) -> list[Recipient]:
    """Who the morning-after certificates go to: everyone who earned one and has not blocked
    the bot (the planner's rule, and /lichnhac's count)."""
    found = await certs.people(session, window(edition, tz))
    return await certs.chats(session, [p.user_id for p in found if bar.met_by(p.days, p.minutes)])


async def every(
    sessions: Sessions, edition: Edition, bar: Bar, now: datetime, actor_id: int
) -> tuple[Issued, ...]:
    """Every certificate of the edition (issued now where missing), by name; audited: the
    files carry names."""
    async with sessions() as session, session.begin():
        found = await certs.people(session, _window(edition, now))
        earners = [p for p in found if bar.met_by(p.days, p.minutes)]
        issued = await certs.issue(session, edition.year, earners, now, new_code)
        params = {"year": edition.year, "certificates": len(issued)}
        await audit(session, actor_id, "certificates", params, now)
    return tuple(issued)


def _window(edition: Edition, now: datetime) -> Window:
    """The edition's days and close; `now` is on the bot's clock, in its time zone."""
    assert now.tzinfo is not None
    return window(edition, now.tzinfo)


async def verify(sessions: Sessions, typed: str, editions: Editions, tz: tzinfo) -> Verdict:
    """Whether `typed` is the code of a certificate the bot issued, whose, and whether the
    holder's record still bears out what it states."""
    code = find(typed)
    if code is None:
        return Verdict(Status.MALFORMED)
    async with sessions() as session:
        found = await certs.by_code(session, code)
        if found is None:
            return Verdict(Status.UNKNOWN)
        edition = editions.get(found.edition_year)
        if edition is None:  # an edition removed since: nothing to hold it against
            return Verdict(Status.GENUINE, found)
        now = await certs.people(session, window(edition, tz), [found.user_id])
    holds = bool(now) and now[0].days >= found.days and now[0].minutes >= found.minutes
    return Verdict(Status.GENUINE if holds else Status.CHANGED, found)
