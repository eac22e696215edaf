"""Texts for organisers and admins: the audit log in sentences, the time zone in words."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from html import escape
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.services.admin import AuditView, Person, RoleHolders
from bot.services.editions import CLI_ACTOR
from bot.ui.render import person
from bot.ui.texts import Texts
from db.queries.privacy import ERASED_ID


class _Values(dict[str, str]):
    """Template values; a detail an old entry lacks reads "(không rõ)", never KeyError."""

    def __init__(self, unknown: str, **values: str) -> None:
        super().__init__(values)
        self.unknown = unknown

    def __missing__(self, key: str) -> str:
        return self.unknown


def _when(t: Texts, stamp: Any, tz: tzinfo) -> str | None:
    """An ISO moment stored in the params, in local time and the reader's format."""
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return t.fmt_when(moment.astimezone(tz))


# Counts an entry's params may carry, shown as numbers in the reader's format.
_COUNTS = (
    "recipients",
    "checkins",
    "people",
    "added",
    "moved",
    "left",
    "units_created",
    "members",
    "units",
    "assigned",
    "not_registered",
    "not_checked_in",
    "certificates",
)


def audit_line(t: Texts, view: AuditView, tz: tzinfo) -> str:
    """One entry as a sentence: who did what, to whom, when (dd/mm/yyyy HH:MM local)."""
    row, params = view.row, view.row.params
    action = row.action
    if action == "group_subscription":
        action = "group_on" if params.get("subscribed") else "group_off"
    if action == "edition_save":
        action = "edition_new" if params.get("created") else "edition_change"
    template = t.ACTIONS.get(action, t.ACTIONS["other"])
    values = _Values(t.AUDIT_UNKNOWN)
    erased = row.actor.telegram_id == ERASED_ID
    # An admin set in the configuration may never have registered: "Người có mã 1", not "1".
    values["actor"] = t.ERASED_PERSON if erased else shown_person(t, row.actor)
    if row.actor.telegram_id == CLI_ACTOR:
        values["actor"] = t.CLI_PERSON
    if "user" in params:
        if params["user"] == ERASED_ID:
            values["user"] = t.ERASED_PERSON
        elif view.subject is not None:
            values["user"] = person(view.subject)
        else:
            values["user"] = escape(str(params["user"]))
    for key in ("broadcast", "year"):
        if isinstance(params.get(key), int):
            values[key] = str(params[key])
    for key in _COUNTS:
        if isinstance(params.get(key), int):
            values[key] = t.fmt_number(params[key])
    if isinstance(params.get("fields"), list):
        values["fields"] = t.fmt_number(len(params["fields"]))
    for key in ("title", "unit_name", "new_name"):
        if params.get(key):
            values[key] = escape(str(params[key]))
    if params.get("audience") in t.AUDIT_AUDIENCES:
        values["audience"] = t.AUDIT_AUDIENCES[params["audience"]]
    if params.get("format"):
        values["format"] = escape(str(params["format"]).upper())
    at = _when(t, params.get("at"), tz)
    if at is not None:
        values["at"] = at
    what = template.format_map(values)
    return t.AUDIT_LINE.format(at=t.fmt_when(row.at.astimezone(tz)), what=what)


def audit_log(t: Texts, views: Sequence[AuditView], tz: tzinfo) -> str:
    """/audit: the latest entries, newest first, in plain sentences."""
    if not views:
        return t.AUDIT_EMPTY
    lines = [t.AUDIT_HEADER.format(count=len(views)), ""]
    lines += [audit_line(t, view, tz) for view in views]
    return "\n".join(lines)


def zone_words(t: Texts, tz_name: str, now: datetime) -> str:
    """The bot's time zone as people say it ("Việt Nam"), else its offset ("UTC+09:00");
    not escaped (the caller's template escapes it)."""
    named = t.ZONE_NAMES.get(tz_name)
    if named is not None:
        return named
    try:
        offset = now.astimezone(ZoneInfo(tz_name)).strftime("%z")
    except (ZoneInfoNotFoundError, ValueError):
        return tz_name
    return t.ZONE_OFFSET.format(offset=f"{offset[:3]}:{offset[3:]}")


def _admin(t: Texts, p: Person) -> str:
    """An admin of the configuration: the registered name when known, always the id."""
    if not p.full_name:
        return t.ROLES_ADMIN["unregistered"].format(id=p.telegram_id)
    key = "name_at" if p.username else "name"
    name, username = escape(p.full_name), escape(p.username or "")
    return t.ROLES_ADMIN[key].format(name=name, username=username, id=p.telegram_id)


def roles(t: Texts, found: RoleHolders) -> str:
    """/roles: the admins set in the configuration, then the organisers."""
    admins = "\n".join(f"• {_admin(t, p)}" for p in found.admins) or t.NOBODY
    organisers = "\n".join(f"• {person(p)}" for p in found.organisers) or t.NOBODY
    return t.ROLES.format(admins=admins, organisers=organisers)


def shown_person(t: Texts, p: Person) -> str:
    """A person in a sentence about a role; one known only by id reads "Người có mã 900"."""
    if not p.full_name and not p.username:
        return t.PERSON_BY_ID.format(id=p.telegram_id)
    return person(p)
