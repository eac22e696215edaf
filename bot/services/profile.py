"""Registration: who someone is on record, the unit choices, storing a profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.inputs import better_spelling
from bot.core.textnorm import fold, nfc
from db.queries.users import (
    ConsentRequired,
    Contact,
    Profile,
    UnitInfo,
    get_profile,
    get_unit,
    list_units,
    save_profile,
)
from db.session import Sessions

__all__ = [
    "Contact",
    "Profile",
    "Standing",
    "UnitInfo",
    "current",
    "register",
    "standing",
    "unit_choices",
    "unit_key",
]


def unit_key(name: str) -> str:
    """The folded form under which two spellings of one unit name collide (the unique key
    units are stored under; folding is a text rule of the domain, so it is computed here)."""
    return fold(nfc(name))


@dataclass(frozen=True, slots=True)
class Standing:
    """Where someone stands: registered (name and unit on record), agreed to the current
    data notice. Both together are what a check-in needs."""

    registered: bool = False
    consented: bool = False

    @property
    def ready(self) -> bool:
        return self.registered and self.consented

    @classmethod
    def of(cls, profile: Profile | None) -> Standing:
        if profile is None:
            return cls()
        return cls(profile.registered, profile.consented)


async def standing(sessions: Sessions, telegram_id: int) -> Standing:
    async with sessions() as session:
        return Standing.of(await get_profile(session, telegram_id))


async def current(sessions: Sessions, telegram_id: int) -> Profile | None:
    async with sessions() as session:
        return await get_profile(session, telegram_id)


async def unit_choices(sessions: Sessions) -> tuple[UnitInfo, ...]:
    """Units with the most members first, for the unit buttons."""
    async with sessions() as session:
        return tuple(await list_units(session))


async def unit_name(sessions: Sessions, unit_id: int) -> str | None:
    """The name of the unit a button names, None if it is gone."""
    async with sessions() as session:
        unit = await get_unit(session, unit_id)
    return None if unit is None else unit.name


async def register(
    sessions: Sessions,
    contact: Contact,
    full_name: str,
    unit: str,
    now: datetime,
    *,
    consent_at: datetime | None,
) -> Profile | None:
    """Store the name and unit, committed when this returns; None (nothing stored) without
    consent on record or `consent_at` (when it was given in the flow that led here).

    A unit typed as an existing one (the same folded key) joins it; the better written of
    the two spellings becomes its name (bot.core.inputs.better_spelling)."""
    clean_unit = nfc(unit)
    try:
        async with sessions() as session, session.begin():
            return await save_profile(
                session,
                contact,
                nfc(full_name),
                clean_unit,
                now,
                unit_key=unit_key(clean_unit),
                consent_at=consent_at,
                better=better_spelling,  # "Phòng Kế toán" replaces "phong ke toan"
            )
    except ConsentRequired:
        return None
