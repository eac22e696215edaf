"""Typed payloads of the broadcast and reminder buttons, on their original wire format.

"bc:<action>:<id>" (BroadcastButton), "bc:aud:<id>:<audience>" and "bc:unit:<id>:<unit>"
(BroadcastChoice), "remind:on" and "remind:off" (RemindButton): buttons sent before this
module existed keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from bot.core.numbers import DB_ID_MAX
from bot.ui.callbacks import SEPARATOR, CallbackData

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
    """The audience of a draft: "aud" with an audience key, or "unit" with a unit's id."""

    prefix: ClassVar[str] = "bc"
    action: str
    broadcast_id: int
    choice: str

    def __post_init__(self) -> None:
        if self.action not in BROADCAST_CHOICES:
            raise ValueError(f"unknown broadcast choice {self.action!r}")
        _check_id(self.broadcast_id)


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
