"""Delivers planned messages: plan what is due, claim it, send it, record what happened.

Runs as a repeating JobQueue job, but correctness lives in the database: a schedule item is
planned once (planned_runs), each message is one outbox row claimed inside a transaction,
and a row left `sending` by a dead process becomes `unknown` instead of being resent.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot import progress_report, reminder_texts
from bot.clock import local_today
from bot.context import BotContext, Deps
from bot.outgoing import Outgoing, deliver
from bot.progress import study_window
from bot.schedule import Item, expand, specs_for
from db.queries import audience, broadcasts
from db.queries import outbox as box

log = logging.getLogger(__name__)

CONCURRENCY = 20  # open requests at once; the limiter decides when each may go
SENDING_LEASE = timedelta(minutes=2)  # longer than any single send, retries included
BATCH = 50
MAX_ATTEMPTS = 3
RETRY_BACKOFF = timedelta(seconds=30)
RETRY_AFTER = "retry after"


@dataclass
class Report:
    """What one dispatcher pass did (for logs and tests)."""

    planned: int = 0
    sent: int = 0
    failed: int = 0
    unknown: int = 0
    skipped_late: int = 0
    retried: int = 0
    paused: bool = False


def due_items(deps: Deps, now: datetime) -> list[Item]:
    """Schedule items of editions around `now` whose time has come."""
    items = []
    for edition in deps.editions.all:
        schedule = expand(edition, specs_for(edition, deps.reminders), deps.clock.tz)
        if not schedule:
            continue
        # Only the edition in progress (from a day before its first reminder to a day after
        # its last): a bot first started years later does not replay old weeks.
        if schedule[0].due - timedelta(days=1) <= now <= schedule[-1].due + timedelta(days=1):
            items += [item for item in schedule if item.due <= now]
    return items


async def plan(deps: Deps, now: datetime, grace: timedelta) -> int:
    """Choose recipients for every due item not planned yet; returns how many were planned."""
    items = due_items(deps, now)
    if not items:
        return 0
    async with deps.sessions() as session:
        done = await box.planned_keys(session, [i.key for i in items])
    planned = 0
    for item in (i for i in items if i.key not in done):
        async with deps.sessions() as session, session.begin():
            skip_day = item.day if item.audience == "without_checkin" else None
            recipients = await audience.officials(session, without_checkin_on=skip_day)
            if item.groups:
                recipients += await audience.groups(session)
            payload = {"reminder": item.kind, "year": item.edition_year,
                       "day": item.day.isoformat(), "day_number": item.day_number}  # fmt: skip
            planned += await box.plan_run(
                session, key=item.key, kind=item.kind, edition_year=item.edition_year,
                due=item.due, now=now, recipients=recipients, payload=payload,
                late=now - item.due > grace,
            )  # fmt: skip
    return planned


async def _contents(deps: Deps, rows: list[box.Claimed]) -> dict[int, broadcasts.Content]:
    """The content of every broadcast in a batch, read once (not once per recipient)."""
    ids = {int(r.payload["broadcast"]) for r in rows if r.kind == broadcasts.KIND}
    found: dict[int, broadcasts.Content] = {}
    if ids:
        async with deps.sessions() as session:
            for broadcast_id in ids:
                info = await broadcasts.get(session, broadcast_id)
                if info is not None:
                    found[broadcast_id] = info.content
    return found


async def _render(
    deps: Deps, row: box.Claimed, contents: dict[int, broadcasts.Content]
) -> Outgoing:
    if row.kind == broadcasts.KIND:
        content = contents.get(int(row.payload["broadcast"]))
        if content is None:
            raise LookupError(f"broadcast {row.payload['broadcast']} is gone")
        return Outgoing.of(content)
    text, markup = await reminder_texts.render(deps, row)
    return Outgoing("text", text, markup)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one claimed row; written with the rest of its batch."""

    row: box.Claimed
    status: str
    message_id: int | None = None
    error: str | None = None
    retry_at: datetime | None = None
    unreachable: bool = False  # Forbidden: the user blocked the bot, or the bot left the group


async def _attempt(
    deps: Deps, bot: Bot, row: box.Claimed, contents: dict[int, broadcasts.Content]
) -> Outcome:
    """Render and send one claimed row; never raises for Telegram's answers."""
    now = deps.clock.now
    try:
        out = await _render(deps, row, contents)
    except (LookupError, KeyError, ValueError) as exc:
        return Outcome(row, box.FAILED, error=f"cannot render: {exc}")
    try:
        message = await deliver(bot, row.chat_id, out)
    except RetryAfter as exc:
        # The rate limiter already waited and retried; Telegram still says slow down.
        wait = exc.retry_after if isinstance(exc.retry_after, timedelta) else timedelta(
            seconds=exc.retry_after)  # fmt: skip
        return Outcome(row, box.PENDING, error=RETRY_AFTER, retry_at=now() + wait)
    except Forbidden as exc:
        return Outcome(row, box.FAILED, error=f"forbidden: {exc}", unreachable=True)
    except TimedOut as exc:
        # The request may have reached Telegram: resending could deliver it twice.
        return Outcome(row, box.UNKNOWN, error=f"timed out: {exc}")
    except BadRequest as exc:
        return Outcome(row, box.FAILED, error=f"bad request: {exc}")
    except NetworkError as exc:
        if row.attempts >= MAX_ATTEMPTS:
            return Outcome(row, box.FAILED, error=f"network: {exc}")
        return Outcome(row, box.PENDING, error=f"network: {exc}",
                       retry_at=now() + RETRY_BACKOFF * row.attempts)  # fmt: skip
    return Outcome(row, box.SENT, message_id=message.message_id)


async def _record(deps: Deps, outcomes: list[Outcome], report: Report) -> None:
    """One transaction for a whole batch: one commit instead of one per message.

    A crash before this commit leaves the batch `sending`, which later counts as unknown:
    the at-most-once promise holds.
    """
    async with deps.sessions() as session, session.begin():
        now = deps.clock.now()
        for o in outcomes:
            await box.finish(session, o.row.id, o.status, now, message_id=o.message_id,
                             error=o.error, retry_at=o.retry_at)  # fmt: skip
            if o.unreachable:
                await audience.mark_unreachable(session, o.row.chat_id, o.row.user_id)
                if o.row.user_id is not None:
                    await box.cancel_for_user(session, o.row.user_id, now, "blocked the bot")
    for o in outcomes:
        if o.status == box.SENT:
            report.sent += 1
        elif o.status == box.FAILED:
            report.failed += 1
        elif o.status == box.UNKNOWN:
            report.unknown += 1
        else:
            report.retried += 1
            report.paused = report.paused or o.error == RETRY_AFTER


async def start_scheduled(deps: Deps) -> None:
    """Scheduled broadcasts whose time has come: choose recipients now and queue them."""
    async with deps.sessions() as session:
        due = await broadcasts.due_scheduled(session, deps.clock.now())
    for info in due:
        async with deps.sessions() as session, session.begin():
            now = deps.clock.now()
            recipients = await audience_of(session, deps, info)
            await broadcasts.start(session, info.id, recipients, now, from_status="scheduled")


async def audience_of(
    session: AsyncSession, deps: Deps, info: broadcasts.Info
) -> list[box.Recipient]:
    """The recipients of a broadcast's audience, as of now."""
    today = local_today(deps.clock)
    if info.audience == "groups":
        return await audience.groups(session)
    if info.audience == "unit":
        return await audience.officials(session, unit_id=info.unit_id, reminders_only=False)
    if info.audience == "today":
        return await audience.officials(session, without_checkin_on=today, reminders_only=False)
    if info.audience == "week":
        window = study_window(deps.editions, today)
        return await audience.officials(
            session, without_checkin_since=window.start, reminders_only=False
        )
    return await audience.officials(session, reminders_only=False)


async def dispatch_once(deps: Deps, bot: Bot, max_rows: int = 500) -> Report:
    """One pass: plan due items, retire stale and late rows, send up to `max_rows`."""
    grace = timedelta(minutes=deps.settings.reminder_late_grace_minutes)
    report = Report(planned=await plan(deps, deps.clock.now(), grace))
    async with deps.sessions() as session, session.begin():
        now = deps.clock.now()
        report.unknown += await box.expire_stale(session, now, SENDING_LEASE)
        report.skipped_late += await box.skip_late(session, now, grace)
    await start_scheduled(deps)
    handled = 0
    gate = asyncio.Semaphore(CONCURRENCY)

    async def send(row: box.Claimed, contents: dict[int, broadcasts.Content]) -> Outcome:
        async with gate:  # the rate limiter paces them; this only bounds open requests
            return await _attempt(deps, bot, row, contents)

    while handled < max_rows and not report.paused:
        async with deps.sessions() as session, session.begin():
            rows = await box.claim(session, deps.clock.now(), min(BATCH, max_rows - handled))
        if not rows:
            break
        contents = await _contents(deps, rows)
        outcomes = await asyncio.gather(*(send(row, contents) for row in rows))
        await _record(deps, list(outcomes), report)
        handled += len(rows)
        await progress_report.refresh(deps, bot)
    await progress_report.refresh(deps, bot)
    if report.sent or report.failed or report.unknown or report.planned:
        log.info("dispatcher: %s", report)
    return report


async def dispatch_job(context: BotContext) -> None:
    """The JobQueue callback: deliver what is due (all state is in the database)."""
    await dispatch_once(context.deps, context.bot)


def trigger_dispatch(context: BotContext) -> None:
    """Run a pass now rather than at the next tick (when the dispatcher is enabled)."""
    if context.deps.settings.dispatch_interval_seconds > 0 and context.job_queue is not None:
        context.job_queue.run_once(dispatch_job, when=0)  # type: ignore[arg-type]
