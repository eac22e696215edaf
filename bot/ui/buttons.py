"""Every button's payload, one frozen dataclass per kind (base class: bot/ui/callbacks.py).

The wire format is the one the bot has always sent ("undo:7", "bc:send:12", "rp:day:2023",
"role:grant:42"), so buttons in old messages keep working. `unpack` returns None for anything
the bot would not have sent: unknown actions, ids out of range, other spellings of a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from bot.core.duration import MAX_MINUTES_PER_ENTRY
from bot.core.inputs import ACTIVITIES
from bot.core.numbers import DB_ID_MAX, YEAR_MAX, YEAR_MIN
from bot.ui.callbacks import SEPARATOR, CallbackData
from db.queries.broadcasts import AUDIENCES

MENU_INTENTS = ("theme", "dates", "opening", "purpose")


# Check-ins, registration and privacy.


def _require(ok: bool) -> None:
    if not ok:  # unpack() turns this into None: a forged or stale button
        raise ValueError("not a button the bot makes")


@dataclass(frozen=True, slots=True)
class Menu(CallbackData):
    """A fact button of the main menu: "menu:theme"."""

    prefix: ClassVar[str] = "menu"
    intent: str

    def __post_init__(self) -> None:
        _require(self.intent in MENU_INTENTS)


@dataclass(frozen=True, slots=True)
class Duration(CallbackData):
    """A duration button: "dur:30" (the custom-duration button is CUSTOM_DURATION)."""

    prefix: ClassVar[str] = "dur"
    minutes: int

    def __post_init__(self) -> None:
        _require(1 <= self.minutes <= MAX_MINUTES_PER_ENTRY)


@dataclass(frozen=True, slots=True)
class Activity(CallbackData):
    """An activity button: "act:reading"."""

    prefix: ClassVar[str] = "act"
    code: str

    def __post_init__(self) -> None:
        _require(self.code in ACTIVITIES)


@dataclass(frozen=True, slots=True)
class UnitChoice(CallbackData):
    """A unit button of registration: "unit:3"."""

    prefix: ClassVar[str] = "unit"
    unit_id: int

    def __post_init__(self) -> None:
        _require(1 <= self.unit_id <= DB_ID_MAX)


@dataclass(frozen=True, slots=True)
class Undo(CallbackData):
    """Confirm withdrawing a check-in: "undo:7" (keeping it is UNDO_KEEP)."""

    prefix: ClassVar[str] = "undo"
    checkin_id: int

    def __post_init__(self) -> None:
        _require(1 <= self.checkin_id <= DB_ID_MAX)


@dataclass(frozen=True, slots=True)
class ReceiptUndo(CallbackData):
    """The undo button under a receipt: "rundo:ask:7", then its confirmation "rundo:yes:7"
    (keeping it is UNDO_KEEP). Not "undo:…": that prefix is /undo's confirmation."""

    prefix: ClassVar[str] = "rundo"
    action: str
    checkin_id: int

    def __post_init__(self) -> None:
        _require(self.action in {"ask", "yes"} and 1 <= self.checkin_id <= DB_ID_MAX)


@dataclass(frozen=True, slots=True)
class Delete(CallbackData):
    """The erasure buttons: "del:ask" (from /privacy), "del:yes", "del:no"."""

    prefix: ClassVar[str] = "del"
    action: str

    def __post_init__(self) -> None:
        _require(self.action in {"ask", "yes", "no"})


# Broadcasts and reminders (organisers).

BROADCAST_ACTIONS = ("send", "sched", "stop", "cancel", "redo", "redook", "redono")
BROADCAST_CHOICES = ("aud", "unit")


def _check_id(broadcast_id: int) -> None:
    # A database id: PostgreSQL refuses a bigger INTEGER parameter with an error.
    if not 1 <= broadcast_id <= DB_ID_MAX:
        raise ValueError(f"not a broadcast id: {broadcast_id}")


@dataclass(frozen=True, slots=True)
class BroadcastButton(CallbackData):
    """An action on one broadcast: send, schedule, stop, cancel, resend (ask, yes, no)."""

    prefix: ClassVar[str] = "bc"
    action: str
    broadcast_id: int

    def __post_init__(self) -> None:
        if self.action not in BROADCAST_ACTIONS:
            raise ValueError(f"unknown broadcast action {self.action!r}")
        _check_id(self.broadcast_id)

    @classmethod
    def pattern_of(cls, action: str) -> str:
        """A regex for one action's buttons only (the Schedule… conversation's entry)."""
        return f"^{re.escape(cls.prefix)}{SEPARATOR}{re.escape(action)}{SEPARATOR}[0-9]+$"


@dataclass(frozen=True, slots=True)
class BroadcastChoice(CallbackData):
    """An audience for a draft: "bc:aud:<id>:<audience key>" (the key "unit" asks which unit;
    the unit itself is a BroadcastUnit)."""

    prefix: ClassVar[str] = "bc"
    action: str  # always "aud" (the wire format's second part)
    broadcast_id: int
    audience: str

    def __post_init__(self) -> None:
        _require(self.action == "aud" and self.audience in AUDIENCES)
        _check_id(self.broadcast_id)

    @property
    def unit_id(self) -> None:
        """No unit: with the audience "unit", this button asks which one."""
        return None


@dataclass(frozen=True, slots=True)
class BroadcastUnit(CallbackData):
    """One unit as the audience of a draft: "bc:unit:<id>:<unit id>"."""

    prefix: ClassVar[str] = "bc"
    action: str  # always "unit" (the wire format's second part)
    broadcast_id: int
    unit_id: int

    def __post_init__(self) -> None:
        _require(self.action == "unit" and 1 <= self.unit_id <= DB_ID_MAX)
        _check_id(self.broadcast_id)

    @classmethod
    def of(cls, broadcast_id: int, unit_id: int) -> BroadcastUnit:
        return cls("unit", broadcast_id, unit_id)

    @property
    def audience(self) -> str:
        return "unit"


@dataclass(frozen=True, slots=True)
class RemindButton(CallbackData):
    """Reminders on or off (under /remind and /me)."""

    prefix: ClassVar[str] = "remind"
    state: str

    def __post_init__(self) -> None:
        if self.state not in {"on", "off"}:
            raise ValueError(f"reminders are on or off, not {self.state!r}")

    @property
    def wanted(self) -> bool:
        return self.state == "on"


# Reports and roles.

REPORT_VIEWS = frozenset({"sum", "day", "unit", "chart", "top", "xlsx", "csv"})  # sum: /stats
PERSONAL_VIEWS = frozenset({"top", "xlsx", "csv"})  # names people: admins only


@dataclass(frozen=True, slots=True)
class ReportView(CallbackData):
    """A view of /stats: "rp:<view>:<year>"."""

    prefix: ClassVar[str] = "rp"
    view: str
    year: int

    def __post_init__(self) -> None:
        if self.view not in REPORT_VIEWS or not YEAR_MIN <= self.year <= YEAR_MAX:
            raise ValueError("not a report view")

    @property
    def personal(self) -> bool:
        return self.view in PERSONAL_VIEWS


@dataclass(frozen=True, slots=True)
class RoleChange(CallbackData):
    """Confirm a grant or revocation: "role:<grant|revoke>:<telegram id>"."""

    prefix: ClassVar[str] = "role"
    action: str
    telegram_id: int

    def __post_init__(self) -> None:
        if self.action not in {"grant", "revoke"} or not 0 < self.telegram_id < 10**16:
            raise ValueError("not a role change")

    @property
    def grant(self) -> bool:
        return self.action == "grant"


# /me's delete buttons (branch week).

MY_ENTRY_ACTIONS = ("ask", "yes", "keep")


@dataclass(frozen=True, slots=True)
class MyEntry(CallbackData):
    """One of the reader's check-ins under /me: "mine:ask:<id>" asks to confirm deleting it,
    "mine:yes:<id>" deletes it, "mine:keep:<id>" keeps it."""

    prefix: ClassVar[str] = "mine"
    action: str
    checkin_id: int

    def __post_init__(self) -> None:
        _require(self.action in MY_ENTRY_ACTIONS and 1 <= self.checkin_id <= DB_ID_MAX)


# The staff list and the managed units (branch i14-roster).

ROSTER_ACTIONS = ("imp", "no")
_TOKEN = re.compile(r"[0-9a-f]{12}")


@dataclass(frozen=True, slots=True)
class RosterButton(CallbackData):
    """Under a roster preview: "ro:imp:<roster state>" imports, "ro:no:<state>" drops it.
    The state (a digest of the roster when the preview was made) refuses a stale preview."""

    prefix: ClassVar[str] = "ro"
    action: str
    token: str

    def __post_init__(self) -> None:
        _require(self.action in ROSTER_ACTIONS and _TOKEN.fullmatch(self.token) is not None)


UNIT_ACTIONS = (
    "list",  # the unit list, page `arg`
    "show",  # one unit's card
    "ren",  # rename: asks for the new name
    "add",  # a new unit: asks for its name
    "merge",  # pick the unit to merge into (page `arg`)
    "into",  # confirm merging into unit `arg`
    "mergeok",  # merge into unit `arg`
    "arch",  # archive (asks first when it has members)
    "archok",  # archive, confirmed
    "restore",  # bring an archived unit back
)


@dataclass(frozen=True, slots=True)
class UnitButton(CallbackData):
    """/units: "un:<action>:<unit id>:<arg>" (arg: a page or the merge target; 0 if none)."""

    prefix: ClassVar[str] = "un"
    action: str
    unit_id: int
    arg: int = 0

    def __post_init__(self) -> None:
        _require(
            self.action in UNIT_ACTIONS
            and 0 <= self.unit_id <= DB_ID_MAX
            and 0 <= self.arg <= DB_ID_MAX
        )


# --- i14-invites: the unit picker of registration and the unit invite links ---

MAX_UNIT_PAGE = 10_000


@dataclass(frozen=True, slots=True)
class UnitPage(CallbackData):
    """A page of the unit picker: "unitpg:2" (the first page is 0)."""

    prefix: ClassVar[str] = "unitpg"
    page: int

    def __post_init__(self) -> None:
        _require(0 <= self.page <= MAX_UNIT_PAGE)


@dataclass(frozen=True, slots=True)
class UnitSure(CallbackData):
    """Keep the unit chosen although the staff list names another: "unitok:3"."""

    prefix: ClassVar[str] = "unitok"
    unit_id: int

    def __post_init__(self) -> None:
        _require(1 <= self.unit_id <= DB_ID_MAX)


@dataclass(frozen=True, slots=True)
class UnitMove(CallbackData):
    """A registered official moves to the unit whose invite link they opened: "unitmv:3"."""

    prefix: ClassVar[str] = "unitmv"
    unit_id: int

    def __post_init__(self) -> None:
        _require(1 <= self.unit_id <= DB_ID_MAX)


# /edition's review card (branch i14-editions).

EDITION_ACTIONS = ("fix", "save", "drop")
NO_FIELD = "-"


@dataclass(frozen=True, slots=True)
class EditionAction(CallbackData):
    """A button on /edition's card: "ed:fix:<field>" asks for the field's value, "ed:save:-"
    saves the edition, "ed:drop:-" drops the draft."""

    prefix: ClassVar[str] = "ed"
    action: str
    field: str

    def __post_init__(self) -> None:
        from bot.core.notice_fields import FIELD_NAMES

        _require(
            self.action in EDITION_ACTIONS
            and (self.field in FIELD_NAMES if self.action == "fix" else self.field == NO_FIELD)
        )
