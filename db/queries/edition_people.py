"""Who counts in one edition: one rule for the figures (/stats, the files, `stats --json`) and
the follow-up lists (/followup), so both give the same numbers for the same year.

- On the staff list for an edition: a roster row added before the edition closed, or within
  the reporting period after it (agencies often import the list to write the report), and
  not marked as left before it closed. A list imported years later says nothing about an old
  edition: nobody qualifies, and that edition has no roster figures.
- Registered for an edition: registered before it closed, unless linked to a roster row
  marked as left before then (a leaver is not chased and not counted); and anyone who checked
  in during it, whatever happened later.
- A counted person belongs to one unit: their roster row's if they are on the list (the list
  is authoritative), else the unit they gave when registering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Subquery, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from db.models import DailyTotal, RosterPerson, User

# Days after an edition's close in which an imported staff list still counts for it.
REPORTING_DAYS = 30


@dataclass(frozen=True, slots=True)
class Window:
    """An edition's days and its close (the end of its last day, in the bot's time zone)."""

    start: date
    end: date
    closes: datetime

    @property
    def listed_by(self) -> datetime:
        """A roster row added before this counts for the edition."""
        return self.closes + timedelta(days=REPORTING_DAYS)


def on_roster(w: Window, row: type[RosterPerson] = RosterPerson) -> ColumnElement[bool]:
    """The roster row was on the staff list during the edition."""
    return and_(row.created_at < w.listed_by, or_(row.left_at.is_(None), row.left_at >= w.closes))


def in_week(w: Window, totals: type[DailyTotal] = DailyTotal) -> tuple[ColumnElement[bool], ...]:
    """A daily total of the edition's days holding at least one check-in."""
    return (totals.local_date.between(w.start, w.end), totals.checkins > 0)


def took_part(w: Window) -> ColumnElement[bool]:
    """The user (correlated) checked in during the edition."""
    totals = aliased(DailyTotal)
    return exists().where(totals.user_id == User.id, *in_week(w, totals))


def _left(w: Window) -> ColumnElement[bool]:
    """The user (correlated) is linked to a roster row marked as left before the close."""
    row = aliased(RosterPerson)
    return exists().where(row.user_id == User.id, row.left_at < w.closes)


def counted(w: Window) -> ColumnElement[bool]:
    """The user (from the enclosing query) counts as registered for the edition."""
    return or_(took_part(w), and_(User.registered_at < w.closes, ~_left(w)))


def people(w: Window) -> Subquery:
    """One row per counted user: `user_id`, the `unit_id` they count in, and `listed`
    (their user id when they are on the staff list for the edition, else NULL)."""
    listed = (
        select(RosterPerson.user_id, RosterPerson.unit_id)
        .where(on_roster(w), RosterPerson.user_id.is_not(None))
        .subquery("listed")
    )
    return (
        select(
            User.id.label("user_id"),
            func.coalesce(listed.c.unit_id, User.unit_id).label("unit_id"),
            listed.c.user_id.label("listed"),
        )
        .outerjoin(listed, listed.c.user_id == User.id)
        .where(counted(w))
        .subquery("people")
    )
