"""Check-ins of one official: record one, show the last, withdraw it, and "my week".

Every function owns its transaction and takes plain values (Telegram ids, `now`); what a
handler says afterwards is decided from the frozen dataclasses returned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum

from bot.core.duration import MAX_MINUTES_PER_DAY
from bot.core.editions import Edition, Editions
from bot.core.progress import Outlook, Progress, Stage, Window, outlook, progress, study_window
from bot.services.profile import Standing
from db.queries.checkins import (
    CheckinInfo,
    DailyLimitExceeded,
    Receipt,
    last_checkin,
    list_checkins,
    own_checkin,
    recent_same_minutes,
    record_checkin,
    undo_checkin,
)
from db.queries.users import Profile, get_profile
from db.session import Sessions

DAYS_BACK = 3  # a check-in may be for a day up to this many days ago (README, "Check-ins")
REPEAT_WITHIN = timedelta(minutes=2)  # the same minutes again this soon: ask first


class Outcome(Enum):
    SAVED = "saved"  # stored now, or already stored by an earlier delivery of the update
    NOT_REGISTERED = "not_registered"  # no profile or no consent: nothing was written
    OVER_DAY_LIMIT = "over_day_limit"  # the day would hold too much: nothing was written
    # Today would hold more than the time since midnight (`elapsed`): nothing was written.
    OVER_ELAPSED = "over_elapsed"
    DAY_REFUSED = "day_refused"  # the day studied cannot be logged (`refused` says why)
    LOOKS_REPEATED = "looks_repeated"  # the same minutes just now: nothing was written


class DayRefusal(Enum):
    FUTURE = "future"  # a day after today
    TOO_OLD = "too_old"  # more than DAYS_BACK days ago
    BEFORE_WEEK = "before_week"  # while a week runs, a day before it began


@dataclass(frozen=True, slots=True)
class Recorded:
    outcome: Outcome
    receipt: Receipt | None = None  # SAVED
    day_minutes: int = 0  # OVER_DAY_LIMIT: what the day held already
    window: Window | None = None  # SAVED: the week the receipt counts in
    day: date | None = None  # the day studied (SAVED, OVER_DAY_LIMIT, DAY_REFUSED)
    refused: DayRefusal | None = None  # DAY_REFUSED
    # SAVED on a day outside every edition: the edition to name (running, next or latest).
    outside: Edition | None = None
    earlier: CheckinInfo | None = None  # LOOKS_REPEATED: the check-in it would repeat
    elapsed: int = 0  # OVER_ELAPSED: minutes since local midnight, the most today can hold


def day_cap(day: date, now: datetime, tz: tzinfo) -> int:
    """The most minutes `day` may hold at `now`: 24 hours, and for today no more than the
    time elapsed since local midnight (at 10:00 nobody has studied 11 hours today)."""
    local = now.astimezone(tz)
    if day != local.date():
        return MAX_MINUTES_PER_DAY
    midnight = datetime.combine(day, time(0), tzinfo=tz)
    elapsed = int((local - midnight).total_seconds() // 60)
    return min(MAX_MINUTES_PER_DAY, elapsed)


def check_day(editions: Editions, day: date, today: date) -> DayRefusal | None:
    """Whether a check-in may be for `day`: not in the future, at most DAYS_BACK days ago, and,
    while a week runs, not before it began. The morning after the last day, "hôm qua" still
    counts toward the week that just ended: people forget the last evening."""
    if day > today:
        return DayRefusal.FUTURE
    if (today - day).days > DAYS_BACK:
        return DayRefusal.TOO_OLD
    running = editions.running(today)
    if running is not None and not running.contains(day):
        return DayRefusal.BEFORE_WEEK
    return None


@dataclass(frozen=True, slots=True)
class NewCheckin:
    """One check-in to store; `source` names the Telegram update (idempotency key)."""

    minutes: int
    activity: str
    note: str | None
    source: str
    day: date | None = None  # the day studied, when it is not the day of `now`
    again: bool = False  # the person confirmed a repeat of the same minutes: no question


RECENT_LIMIT = 5  # check-ins of the running edition /me offers to delete, newest first


@dataclass(frozen=True, slots=True)
class MyWeek:
    """What /me shows: which edition (and what about the next one), its figures, and the
    running edition's latest check-ins (one delete button each)."""

    profile: Profile
    outlook: Outlook
    progress: Progress | None  # the shown edition's figures; None when none has ended yet
    recent: tuple[CheckinInfo, ...] = ()  # only while an edition runs


async def registered(sessions: Sessions, telegram_id: int) -> bool:
    """Registered and agreed to the current notice: a check-in can be stored."""
    async with sessions() as session:
        return Standing.of(await get_profile(session, telegram_id)).ready


async def record(
    sessions: Sessions,
    telegram_id: int,
    entry: NewCheckin,
    *,
    now: datetime,
    tz: tzinfo,
    editions: Editions,
) -> Recorded:
    """Store the check-in once per source, committed when this returns; it counts in the
    study window of the local day of `now`, on `entry.day` (checked by check_day) or that day.

    The same minutes logged by the same person within REPEAT_WITHIN by another update are
    not stored unless `entry.again`: LOOKS_REPEATED, with the earlier check-in.
    One transaction reads the profile and stores the entry (the hot path of a busy week).
    """
    today = now.astimezone(tz).date()
    day = entry.day if entry.day is not None else today
    refused = check_day(editions, day, today)
    if refused is not None:
        return Recorded(Outcome.DAY_REFUSED, day=day, refused=refused)
    # The receipt's total is the week of the day studied: "hôm qua" logged the morning after
    # the last day counts toward that week. A day outside every week: today's window.
    window = study_window(editions, day if editions.running(day) else today)
    cap = day_cap(day, now, tz)
    try:
        async with sessions() as session, session.begin():
            profile = await get_profile(session, telegram_id)
            if profile is None or not Standing.of(profile).ready:
                return Recorded(Outcome.NOT_REGISTERED)
            if not entry.again:
                earlier = await recent_same_minutes(
                    session, profile.user_id, entry.minutes, now - REPEAT_WITHIN, entry.source, day
                )
                if earlier is not None:
                    return Recorded(Outcome.LOOKS_REPEATED, day=day, earlier=earlier)
            receipt = await record_checkin(
                session,
                user_id=profile.user_id,
                minutes=entry.minutes,
                activity=entry.activity,
                note=entry.note,
                source=entry.source,
                now=now,
                tz=tz,
                window=window,
                day_limit=cap,
                day=day,
            )
    except DailyLimitExceeded as exc:
        # Over 24 hours is the plainer reason; under it, the morning is not over yet.
        if exc.day_minutes + entry.minutes <= MAX_MINUTES_PER_DAY:
            held = exc.day_minutes
            return Recorded(Outcome.OVER_ELAPSED, day_minutes=held, day=day, elapsed=cap)
        return Recorded(Outcome.OVER_DAY_LIMIT, day_minutes=exc.day_minutes, day=day)
    stored_day = receipt.checkin.local_date  # a redelivery keeps the day first stored
    outside = None if editions.running(stored_day) else editions.to_show(stored_day)
    return Recorded(Outcome.SAVED, receipt, window=window, day=stored_day, outside=outside)


async def my_week(
    sessions: Sessions, telegram_id: int, editions: Editions, today: date
) -> MyWeek | None:
    """The running edition's week so far, else the last edition's result (figures from
    bot.core.progress, as the evening summary counts them); None if not registered."""
    view = outlook(editions, today)
    async with sessions() as session:
        profile = await get_profile(session, telegram_id)
        if profile is None or not profile.registered:
            return None
        if view.shown is None:
            return MyWeek(profile, view, None)
        shown = view.shown
        entries = await list_checkins(session, profile.user_id, shown.start, shown.end)
    figures = progress(entries, shown, today)
    if view.stage is not Stage.DURING:
        return MyWeek(profile, view, figures)
    recent = sorted(entries, key=lambda c: (c.created_at, c.id), reverse=True)[:RECENT_LIMIT]
    return MyWeek(profile, view, figures, tuple(recent))


async def last(sessions: Sessions, telegram_id: int) -> CheckinInfo | None:
    """The person's latest check-in still standing, if any."""
    async with sessions() as session:
        profile = await get_profile(session, telegram_id)
        return await last_checkin(session, profile.user_id) if profile else None


async def undo(
    sessions: Sessions, telegram_id: int, checkin_id: int, now: datetime
) -> CheckinInfo | None:
    """Withdraw one of the person's own check-ins; None if not theirs or already gone."""
    async with sessions() as session, session.begin():
        profile = await get_profile(session, telegram_id)
        if profile is None:
            return None
        return await undo_checkin(session, profile.user_id, checkin_id, now)


# --- deleting one of one's own check-ins: /me's buttons and the receipt's "Hoàn tác" -----


class Removal(Enum):
    READY = "ready"  # own_entry: it can be deleted (ask to confirm)
    DELETED = "deleted"  # delete_own: withdrawn now, committed when this returns
    GONE = "gone"  # already deleted, never theirs, or unknown: nothing changed
    CLOSED = "closed"  # of an edition that is over (its figures stand): nothing changed


@dataclass(frozen=True, slots=True)
class Deletion:
    outcome: Removal
    checkin: CheckinInfo | None = None  # READY and DELETED: the check-in; CLOSED: it too


def _deletable(checkin: CheckinInfo | None, editions: Editions, today: date) -> Removal:
    """A check-in of the running edition may go; so may one of the last DAYS_BACK days (the
    days a check-in may still be added for). One of an edition over for longer may not: its
    figures may have been reported. Outside every edition, one of the last seven days dated
    outside every week may go too: it counts toward nothing."""
    if checkin is None:
        return Removal.GONE
    day, running = checkin.local_date, editions.running(today)
    if 0 <= (today - day).days <= DAYS_BACK:
        return Removal.READY
    if running is not None:
        return Removal.READY if running.contains(day) else Removal.CLOSED
    window = study_window(editions, today)
    in_a_week = editions.running(day) is not None
    return Removal.READY if window.start <= day <= window.end and not in_a_week else Removal.CLOSED


async def own_entry(
    sessions: Sessions,
    telegram_id: int,
    checkin_id: int,
    *,
    now: datetime,
    tz: tzinfo,
    editions: Editions,
) -> Deletion:
    """One of the person's own check-ins, if it could be deleted now (nothing changes)."""
    async with sessions() as session:
        profile = await get_profile(session, telegram_id)
        found = await own_checkin(session, profile.user_id, checkin_id) if profile else None
    outcome = _deletable(found, editions, now.astimezone(tz).date())
    return Deletion(outcome, found)


async def delete_own(
    sessions: Sessions,
    telegram_id: int,
    checkin_id: int,
    now: datetime,
    *,
    tz: tzinfo,
    editions: Editions,
) -> Deletion:
    """Withdraw one of the person's own check-ins, if it is dated in the edition running at
    `now`: ownership, the edition and that it still stands are checked in the transaction
    that deletes it, so a second press or a stale button deletes nothing."""
    async with sessions() as session, session.begin():
        profile = await get_profile(session, telegram_id)
        if profile is None:
            return Deletion(Removal.GONE)
        found = await own_checkin(session, profile.user_id, checkin_id)
        outcome = _deletable(found, editions, now.astimezone(tz).date())
        if outcome is not Removal.READY:
            return Deletion(outcome, found)
        removed = await undo_checkin(session, profile.user_id, checkin_id, now)
    # None only if a concurrent press withdrew it in between (undo_checkin reads it again).
    return Deletion(Removal.GONE) if removed is None else Deletion(Removal.DELETED, removed)
