"""Delivers planned messages: plan what is due, claim it, send it, record what happened.

Runs as a repeating JobQueue job (and when a handler asks), one pass at a time per process;
correctness lives in the database. A schedule item is planned once (planned_runs); each
message is one outbox row. A pass claims about a second's worth of rows at a time, marks
each row "handed over" just before its request leaves (bot/delivery/ledger.py), and records the
answer. Claims are renewed while the process lives: when it dies, rows it never handed over
go back to the queue within a lease (at once on SQLite, which serves one process), and rows
handed over without an answer become `unknown`, never resent unless an organiser asks.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import cast

from telegram import Bot

from bot.context import BotApp, BotContext, Deps
from bot.core.clock import local_today
from bot.core.progress import study_window
from bot.core.schedule import CLOSING_KINDS, Item, expand, specs_for
from bot.delivery import progress_messages as progress_report
from bot.delivery.sending import LEASE, Report, send_due
from bot.ops.db_errors import classify
from bot.ops.db_state import state_of
from bot.services import reminders
from db.queries import audience, broadcasts
from db.queries import outbox as box

log = logging.getLogger(__name__)


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
        edition = deps.editions.get(item.edition_year)
        if edition is None:  # due_items read the editions a moment ago
            continue
        async with deps.sessions() as session, session.begin():
            recipients = await reminders.recipients(
                session, item, edition, deps.closing, deps.clock.tz
            )
            payload = {
                "reminder": item.kind,
                "year": item.edition_year,
                "day": item.day.isoformat(),
                "day_number": item.day_number,
            }
            planned += await box.plan_run(
                session,
                key=item.key,
                kind=item.kind,
                edition_year=item.edition_year,
                due=item.due,
                now=now,
                recipients=recipients,
                payload=payload,
                # The closing messages are welcome all that day, however late the bot is.
                late=now - item.due > grace and item.kind not in CLOSING_KINDS,
            )
    return planned


async def start_scheduled(deps: Deps) -> None:
    """Scheduled broadcasts whose time has come: choose recipients now and queue them."""
    async with deps.sessions() as session:
        due = await broadcasts.due_scheduled(session, deps.clock.now())
    for info in due:
        async with deps.sessions() as session, session.begin():
            now = deps.clock.now()
            today = local_today(deps.clock)
            recipients = await audience.broadcast_recipients(
                session,
                info.audience or "all",
                unit_id=info.unit_id,
                today=today,
                week_start=study_window(deps.editions, today).start,
            )
            await broadcasts.start(session, info.id, recipients, now, from_status="scheduled")


async def dispatch_once(deps: Deps, bot: Bot, max_rows: int = 500) -> Report:
    """One pass: plan due items, free what a stopped process left, send up to `max_rows`.

    At most one pass runs per process: asked while one runs, it returns at once and the
    running pass goes round once more instead (its report holds what was done).
    """
    state = deps.delivery
    if state.running:
        state.again = True
        return Report()
    state.running = True
    report = Report()
    try:
        while True:
            state.again = False
            await _pass(deps, bot, report, max_rows)
            if not state.again:
                break
    finally:
        state.running = False
    if report.sent or report.failed or report.unknown or report.planned or report.released:
        log.info("dispatcher: %s", report)
    return report


async def _pass(deps: Deps, bot: Bot, report: Report, max_rows: int) -> None:
    grace = timedelta(minutes=deps.settings.reminder_late_grace_minutes)
    report.planned += await plan(deps, deps.clock.now(), grace)
    state = deps.delivery
    # SQLite serves one bot process: claims not ours were left by one that stopped.
    alone = deps.settings.database_url.startswith("sqlite") and not state.started
    async with deps.sessions() as session, session.begin():
        now = deps.clock.now()
        # Between passes none of our own claims is in flight: any left is from a failed pass.
        freed, lost = await box.release_stale(
            session, now, state.owner, LEASE, mine=True, others=alone
        )
        report.skipped_late += await box.skip_late(session, now, grace, spare=CLOSING_KINDS)
    state.started = True
    report.released += freed
    report.unknown += lost
    await start_scheduled(deps)
    await send_due(deps, bot, report, max_rows)
    await progress_report.refresh(deps, bot)


async def dispatch_job(context: BotContext) -> None:
    """The JobQueue callback: deliver what is due (all state is in the database).

    A database outage is reported once (bot/ops/db_state.py) and the job simply runs again at
    its next tick: the rows it could not claim or record stay where they were.
    """
    state = state_of(cast(BotApp, context.application))
    try:
        await dispatch_once(context.deps, context.bot)
    except Exception as exc:
        if classify(exc) is None:
            raise
        state.failure(exc, "dispatcher")
        return
    state.success()


def trigger_dispatch(context: BotContext) -> None:
    """Deliver now rather than at the next tick (when the dispatcher is enabled). A pass
    already running takes the new work with it; no second pass is started."""
    if context.deps.settings.dispatch_interval_seconds > 0 and context.job_queue is not None:
        context.job_queue.run_once(dispatch_job, when=0)  # type: ignore[arg-type]
