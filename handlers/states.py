"""Conversation states and the user_data keys the registration/check-in flow keeps."""

from __future__ import annotations

from dataclasses import dataclass

NAME, UNIT, DURATION, ACTIVITY, NOTE = range(5)

FULL_NAME = "full_name"  # name typed, unit not chosen yet
THEN_CHECKIN = "then_checkin"  # registration was started by /checkin: continue with it
PENDING = "pending_checkin"  # a one-line check-in waiting for registration to finish
DRAFT = "checkin_draft"  # minutes/activity chosen so far in the step-by-step check-in

FLOW_KEYS = (FULL_NAME, THEN_CHECKIN, PENDING, DRAFT)


@dataclass(frozen=True, slots=True)
class PendingCheckin:
    minutes: int
    activity: str
    note: str | None
    source: str


def clear_flow(user_data: dict[object, object] | None) -> None:
    """Forget a half-finished flow (cancel, timeout, completion)."""
    if user_data is not None:
        for key in FLOW_KEYS:
            user_data.pop(key, None)
