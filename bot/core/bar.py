"""The bar of the week's recognition: what a participation certificate, and a place on the
commendation list, need. One rule for both, and for the morning-after sending."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.editions import Edition


@dataclass(frozen=True, slots=True)
class Bar:
    """Days with a check-in inside the week (the setting, capped at the week's length) and
    minutes in all (0: no minimum)."""

    min_days: int
    min_minutes: int
    week_days: int

    @classmethod
    def of(cls, edition: Edition, min_days: int, min_minutes: int) -> Bar:
        """The bar for `edition` from the settings (CERT_MIN_DAYS, CERT_MIN_MINUTES)."""
        return cls(min(min_days, edition.days), max(min_minutes, 0), edition.days)

    def met_by(self, days: int, minutes: int) -> bool:
        return days >= self.min_days and minutes >= self.min_minutes
