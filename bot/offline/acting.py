"""Who the console's user is: an official (default), an organiser or an admin.

Admins are the ids in ADMIN_IDS, so `--as admin` adds the console's user to them for this
run only. Organisers are granted by an admin and stored, so `--as organiser` grants the role
in the console's database at start, written to the audit log as done through the console.
"""

from __future__ import annotations

from enum import StrEnum

from bot.context import BotApp, deps_of
from bot.core.roles import ORGANISER
from bot.offline.fake_updates import FakeUser
from db.queries.admin import audit
from db.queries.users import Contact, get_profile, remember_user, set_role
from settings import Settings

VIA_CONSOLE = "console"  # the audit entry's "via": the role came from a console flag


class Acting(StrEnum):
    OFFICIAL = "official"
    ORGANISER = "organiser"
    ADMIN = "admin"


def settings_for(settings: Settings, user: FakeUser, acting: Acting) -> Settings:
    """The settings this console runs with: the user among the admins for `--as admin`."""
    if acting is not Acting.ADMIN or user.id in settings.admin_ids:
        return settings
    return settings.model_copy(update={"admin_ids": settings.admin_ids | {user.id}})


async def take_role(app: BotApp, user: FakeUser, acting: Acting) -> bool:
    """Grant the organiser role to the console's user if asked and not held yet; True if
    granted now (the grant and its audit entry in one transaction)."""
    if acting is not Acting.ORGANISER:
        return False
    deps = deps_of(app)
    now = deps.clock.now()
    async with deps.sessions() as session, session.begin():
        profile = await get_profile(session, user.id)
        if profile is not None and profile.role == ORGANISER:
            return False
        contact = Contact(user.id, user.id, user.username, user.language_code)
        await remember_user(session, contact, now)
        await set_role(session, user.id, ORGANISER)
        params = {"user": user.id, "role": ORGANISER, "via": VIA_CONSOLE}
        await audit(session, user.id, "grant", params, now)
    return True
