"""Registration: who someone is on record, the unit choices, storing a profile."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from bot.core.inputs import better_spelling
from bot.core.textnorm import match_key, natural_key, nfc
from bot.core.unit_code import unit_code
from bot.core.unit_search import search
from db.queries.invite_codes import unit_of_code
from db.queries.roster_links import (
    active_unit,
    release_empty_unit,
    relink_roster,
    roster_rows_of,
    roster_units_of,
    unit_key_taken,
)
from db.queries.units import active_units, roster_exists
from db.queries.users import (
    Contact,
    Profile,
    UnitInfo,
    get_profile,
    get_unit,
    save_profile,
    set_full_name,
)
from db.session import Sessions

__all__ = [
    "Contact",
    "Outcome",
    "Profile",
    "Registration",
    "Standing",
    "UnitInfo",
    "UnitList",
    "current",
    "name_key",
    "register",
    "standing",
    "unit_choices",
    "unit_key",
]


def unit_key(name: str) -> str:
    """The folded form under which two spellings of one unit name collide (the unique key
    units are stored under; folding is a text rule of the domain, so it is computed here)."""
    return match_key(name)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where someone stands: registered (name and unit on record), agreed to the current
    data notice. Both together are what a check-in needs."""

    registered: bool = False
    consented: bool = False
    earlier_notice: bool = False  # agreed to an earlier version of the notice, not this one

    @property
    def ready(self) -> bool:
        return self.registered and self.consented

    @classmethod
    def of(cls, profile: Profile | None) -> Standing:
        if profile is None:
            return cls()
        earlier = profile.consent_version is not None and not profile.consented
        return cls(profile.registered, profile.consented, earlier)


async def standing(sessions: Sessions, telegram_id: int) -> Standing:
    async with sessions() as session:
        return Standing.of(await get_profile(session, telegram_id))


async def current(sessions: Sessions, telegram_id: int) -> Profile | None:
    async with sessions() as session:
        return await get_profile(session, telegram_id)


def name_key(full_name: str) -> str:
    """The folded form a person's name is matched with on the roster."""
    return match_key(full_name)


@dataclass(frozen=True, slots=True)
class UnitList:
    """The units registration offers, by name (numbers by value), whether a roster makes them
    the only choice (no free-text unit then), and the unit the roster lists the person in
    when their name is on it exactly once (offered first)."""

    units: tuple[UnitInfo, ...]
    roster: bool
    listed: UnitInfo | None = None

    def find(self, query: str) -> tuple[UnitInfo, ...]:
        """The units what someone typed finds (part of the name, no diacritics, initials)."""
        return tuple(self.units[i] for i in search(query, [u.name for u in self.units]))


async def unit_list(
    sessions: Sessions, telegram_id: int | None = None, full_name: str | None = None
) -> UnitList:
    """Every active unit someone may register into: with members, on the roster or given an
    invite code (a free-text unit its last member left is offered to nobody). With the
    person's name: the unit of the one roster row free for them under it, if exactly one."""
    async with sessions() as session:
        rows = await active_units(session)
        roster = await roster_exists(session)
        listed = None
        if roster and full_name is not None:
            mine = None if telegram_id is None else await get_profile(session, telegram_id)
            user_id = None if mine is None else mine.user_id
            found = await roster_rows_of(session, name_key(full_name), user_id)
            listed = found[0] if len(found) == 1 else None
    offered = sorted(
        (
            UnitInfo(u.id, u.name, u.members)
            for u in rows
            if u.members or u.headcount or u.code is not None
        ),
        key=lambda u: natural_key(u.name),
    )
    if listed is not None:
        listed = next((u for u in offered if u.id == listed.id), listed)
    return UnitList(tuple(offered), roster, listed)


async def unit_choices(sessions: Sessions) -> tuple[UnitInfo, ...]:
    """The units registration offers, by name."""
    return (await unit_list(sessions)).units


async def unit_name(sessions: Sessions, unit_id: int) -> str | None:
    """The name of the unit a button names, None if it is gone."""
    async with sessions() as session:
        unit = await get_unit(session, unit_id)
    return None if unit is None else unit.name


class Outcome(Enum):
    SAVED = "saved"
    CONSENT = "consent"  # no consent on record nor given: nothing stored
    UNLISTED = "unlisted"  # a roster exists and the unit is not on the list: nothing stored
    GONE = "gone"  # the unit chosen is archived or no longer exists: nothing stored
    ELSEWHERE = "elsewhere"  # the roster lists this name in another unit: asked first


@dataclass(frozen=True, slots=True)
class Registration:
    outcome: Outcome
    profile: Profile | None = None
    on_roster: bool = False  # linked to their row of the staff list
    typed_name: str | None = None  # the name as typed, when the list's spelling replaced it
    elsewhere: UnitInfo | None = None  # the unit the roster lists them in (ELSEWHERE)
    chosen: UnitInfo | None = None  # the unit they chose (ELSEWHERE)


async def enrol(
    sessions: Sessions,
    contact: Contact,
    full_name: str,
    unit: str | int,
    now: datetime,
    *,
    consent_at: datetime | None,
    sure: bool = False,
) -> Registration:
    """Store the name and the unit (a typed name, or the id of a listed unit), and link the
    person to their row of the staff list, in one transaction committed when this returns.

    Nothing is stored without consent (on record, or `consent_at`), for a unit not on the
    list when a roster exists, or for an archived unit. Unless `sure`, a name the roster lists
    in another unit only (not in this one) is not stored: the caller proposes that unit.
    """
    name = nfc(full_name)
    key = name_key(name)
    async with sessions() as session, session.begin():
        current_profile = await get_profile(session, contact.telegram_id)
        if consent_at is None and not (current_profile and current_profile.consented):
            return Registration(Outcome.CONSENT)
        typed = unit if isinstance(unit, str) else None
        if typed is not None:
            typed = nfc(typed)
            chosen = await active_unit(session, key=unit_key(typed))
        else:
            chosen = await active_unit(session, unit_id=int(unit))
        roster = await roster_exists(session)
        if chosen is None and (typed is None or roster):
            return Registration(Outcome.UNLISTED if typed is not None else Outcome.GONE)
        user_id = current_profile.user_id if current_profile else None
        listed = await roster_units_of(session, key, user_id) if roster else []
        if not sure and chosen is not None and listed and chosen.id not in {u.id for u in listed}:
            return Registration(Outcome.ELSEWHERE, elsewhere=listed[0], chosen=chosen)
        if typed is not None and not roster:
            if chosen is None and await unit_key_taken(session, unit_key(typed)):
                return Registration(Outcome.GONE)  # the name of an archived unit
            # A typed unit joins the one of the same folded name; the better written of the
            # two spellings becomes its name (bot.core.inputs.better_spelling).
            profile = await save_profile(
                session,
                contact,
                name,
                typed,
                now,
                unit_key=unit_key(typed),
                consent_at=consent_at,
                better=better_spelling,
                make_code=unit_code,  # its invite link works at once
            )
        else:
            assert chosen is not None
            profile = await save_profile(
                session,
                contact,
                name,
                chosen.name,
                now,
                unit_key=unit_key(chosen.name),
                consent_at=consent_at,
                unit_id=chosen.id,
            )
        assert profile.unit_id is not None
        before = current_profile.unit_id if current_profile else None
        if before is not None and before != profile.unit_id:
            await release_empty_unit(session, before)  # a typed unit left behind, unoffered
        spelt = await relink_roster(session, profile.user_id, key, profile.unit_id, now)
        if spelt is None or spelt == name:
            return Registration(Outcome.SAVED, profile, on_roster=spelt is not None)
        # On the list: the agency's spelling of the name is the one kept ("nguyen van an"
        # typed is stored as "Nguyễn Văn An"), so that figures and exports read it.
        await set_full_name(session, profile.user_id, spelt)
        profile = replace(profile, full_name=spelt)
        return Registration(Outcome.SAVED, profile, on_roster=True, typed_name=name)


async def register(
    sessions: Sessions,
    contact: Contact,
    full_name: str,
    unit: str,
    now: datetime,
    *,
    consent_at: datetime | None,
) -> Profile | None:
    """Store the name and unit, committed when this returns (see `enrol`); None when nothing
    was stored (no consent on record nor `consent_at`, a unit not on the list)."""
    done = await enrol(sessions, contact, full_name, unit, now, consent_at=consent_at, sure=True)
    return done.profile


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What a unit's invite link opens for this person: the unit (None: unknown code or a
    unit archived without a merge), the name of the unit the link was made for when that one
    was merged into `unit`, and their profile if they have one."""

    unit: UnitInfo | None
    profile: Profile | None
    merged_from: str | None = None


async def link_target(sessions: Sessions, telegram_id: int, code: str | None) -> LinkTarget:
    """The active unit an invite link names (t.me/<bot>?start=u-<code>), following merges
    (the link of a unit merged into another leads there), and who opened it."""
    async with sessions() as session:
        found = None if code is None else await unit_of_code(session, code)
        profile = await get_profile(session, telegram_id)
    if found is None:
        return LinkTarget(None, profile)
    return LinkTarget(found.unit, profile, found.merged_from)


async def move_to(
    sessions: Sessions, contact: Contact, unit_id: int, now: datetime
) -> Registration:
    """A registered official moves to this unit (they pressed "move" under its invite link);
    their name stays, the roster link is checked again. GONE if they are not registered."""
    profile = await current(sessions, contact.telegram_id)
    if profile is None or profile.full_name is None:
        return Registration(Outcome.GONE)
    return await enrol(
        sessions, contact, profile.full_name, unit_id, now, consent_at=None, sure=True
    )
