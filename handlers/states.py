"""Conversation states and the user_data keys the registration/check-in flow keeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

NAME, UNIT, DURATION, ACTIVITY, NOTE, CONSENT, AGAIN, UNDO = range(8)

FULL_NAME = "full_name"  # name typed, unit not chosen yet
THEN_CHECKIN = "then_checkin"  # registration was started by /checkin: continue with it
PENDING = "pending_checkin"  # a one-line check-in waiting for registration to finish
DRAFT = "checkin_draft"  # minutes/activity chosen so far in the step-by-step check-in
TYPED_AT = "checkin_typed_at"  # when the latest message typed into this check-in was sent
UNIT_NAME = "unit_name"  # a one-line profile's unit, held until the person agrees
CONSENT_AT = "consent_at"  # when the person agreed, until their profile is stored with it
CONSENT_OPEN = "consent_open"  # the consent question is open: its buttons answer it
AGAIN_PENDING = "again_pending"  # a check-in that repeats one just made, awaiting "Ghi thêm"
UNDO_SHOWN = "undo_shown"  # the check-in /undo asked about, for a typed "có" (handlers/me.py)
PRESET_UNIT = "preset_unit"  # the unit id of the invite link that opened registration
UNIT_TYPED = "unit_typed"  # a typed unit offered as a new one beside the units it found

FLOW_KEYS = (
    FULL_NAME,
    THEN_CHECKIN,
    PENDING,
    DRAFT,
    TYPED_AT,
    UNIT_NAME,
    CONSENT_AT,
    CONSENT_OPEN,
    AGAIN_PENDING,
    UNDO_SHOWN,
    PRESET_UNIT,
    UNIT_TYPED,
)


@dataclass(frozen=True, slots=True)
class PendingCheckin:
    minutes: int
    activity: str
    note: str | None
    source: str
    sent_at: datetime | None = None  # the moment that dates it; None: when it is saved
    day: date | None = None  # the day studied when named ("hôm qua"); None: the day sent
    again: bool = False  # confirmed although it repeats the same minutes just logged


def clear_flow(user_data: dict[object, object] | None) -> None:
    """Forget a half-finished flow (cancel, timeout, completion)."""
    if user_data is not None:
        for key in FLOW_KEYS:
            user_data.pop(key, None)
