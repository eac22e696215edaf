"""The outbox: messages planned per chat, claimed by a dispatcher, delivered at most once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Outbox, PlannedRun
from db.session import upsert_insert

PENDING, SENDING, SENT, FAILED, SKIPPED_LATE, UNKNOWN = (
    "pending",
    "sending",
    "sent",
    "failed",
    "skipped_late",
    "unknown",
)
NOTICE = "notice"  # a pre-rendered message: a receipt that could not be sent at once


@dataclass(frozen=True, slots=True)
class Recipient:
    chat_id: int
    user_id: int | None
    language: str | None


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    kind: str
    key: str
    chat_id: int
    user_id: int | None
    payload: dict[str, Any]
    attempts: int


@dataclass(frozen=True, slots=True)
class Figures:
    key: str
    due: datetime
    sent: int = 0
    failed: int = 0
    skipped_late: int = 0
    unknown: int = 0
    pending: int = 0


async def plan_run(
    session: AsyncSession,
    *,
    key: str,
    kind: str,
    edition_year: int,
    due: datetime,
    now: datetime,
    recipients: Iterable[Recipient],
    payload: dict[str, Any],
    late: bool,
) -> bool:
    """Record a schedule item's recipients once. False if it was already planned.

    A run planned after its grace period is recorded all the same, as skipped_late,
    so a reminder missed while the bot was down is counted, never silently dropped.
    """
    people = list(recipients)
    claimed = await session.execute(
        upsert_insert(session)(PlannedRun)
        .values(
            key=key,
            kind=kind,
            edition_year=edition_year,
            due_at=due,
            planned_at=now,
            recipients=len(people),
        )
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(PlannedRun.key)
    )
    if claimed.first() is None:
        return False
    await enqueue(session, "reminder", key, people, payload, due, skipped_at=now if late else None)
    return True


async def enqueue(
    session: AsyncSession,
    kind: str,
    key: str,
    recipients: list[Recipient],
    payload: dict[str, Any],
    due: datetime,
    *,
    skipped_at: datetime | None = None,
) -> None:
    """Queue one row per recipient (once per chat: the unique key absorbs repeats).

    With `skipped_at` the rows are recorded as skipped_late instead: counted, never sent.
    """
    if not recipients:
        return
    status = SKIPPED_LATE if skipped_at is not None else PENDING
    await session.execute(
        upsert_insert(session)(Outbox)
        .values(
            [
                {
                    "kind": kind,
                    "key": key,
                    "chat_id": r.chat_id,
                    "user_id": r.user_id,
                    "payload": {**payload, "language": r.language},
                    "due_at": due,
                    "status": status,
                    "attempts": 0,
                    "finished_at": skipped_at,
                }
                for r in recipients
            ]
        )
        .on_conflict_do_nothing(index_elements=["kind", "key", "chat_id"])
    )


async def planned_keys(session: AsyncSession, keys: list[str]) -> set[str]:
    rows = await session.scalars(select(PlannedRun.key).where(PlannedRun.key.in_(keys)))
    return set(rows)


async def release_stale(
    session: AsyncSession,
    now: datetime,
    owner: str,
    lease: timedelta,
    *,
    mine: bool = False,
    others: bool = False,
) -> tuple[int, int]:
    """Claims whose process is gone: rows never handed over go back to the queue, rows handed
    to HTTP without an answer become `unknown` (maybe delivered, never resent).

    A claim is stale when its lease ran out (its process stopped renewing it), when `others`
    (every claim not ours: only one process can use this database) or, with `mine`, when it is
    this process's own (left by an earlier pass that failed). Returns (requeued, unknown).
    """
    not_mine = (Outbox.claimed_by != owner) | Outbox.claimed_by.is_(None)
    expired = (Outbox.claimed_at < now - lease) | Outbox.claimed_by.is_(None)
    stale = not_mine if others else not_mine & expired
    if mine:
        stale = stale | (Outbox.claimed_by == owner)
    held = (Outbox.status == SENDING) & stale
    requeued = await session.execute(
        update(Outbox)
        .where(held, Outbox.handed_at.is_(None))
        .values(status=PENDING, claimed_by=None, claimed_at=None)
    )
    lost = await session.execute(
        update(Outbox)
        .where(held, Outbox.handed_at.is_not(None))
        .values(status=UNKNOWN, finished_at=now, error="process stopped while sending")
    )
    return (int(requeued.rowcount or 0), int(lost.rowcount or 0))  # type: ignore[attr-defined]


async def renew(session: AsyncSession, owner: str, now: datetime) -> None:
    """The heartbeat: this process is alive and keeps its claims."""
    await session.execute(
        update(Outbox)
        .where(Outbox.claimed_by == owner, Outbox.status == SENDING)
        .values(claimed_at=now)
    )


async def skip_late(
    session: AsyncSession, now: datetime, grace: timedelta, spare: Iterable[str] = ()
) -> int:
    """Reminders still pending `grace` after their moment are skipped, not sent (too late to
    help), except those of the planned kinds in `spare` (a certificate is welcome any time)."""
    spared = select(PlannedRun.key).where(PlannedRun.kind.in_(list(spare)))
    result = await session.execute(
        update(Outbox)
        .where(Outbox.kind == "reminder", Outbox.status == PENDING, Outbox.due_at < now - grace)
        .where(Outbox.key.not_in(spared))
        .values(status=SKIPPED_LATE, finished_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def claim(session: AsyncSession, now: datetime, owner: str, limit: int) -> list[Claimed]:
    """Take up to `limit` due rows for this process (the transaction makes it exclusive).

    Claiming is not sending: a claimed row goes back to the queue unless `hand_over` marked it.
    """
    due = (
        select(Outbox.id)
        .where(
            Outbox.status == PENDING,
            Outbox.due_at <= now,
            (Outbox.next_attempt_at.is_(None)) | (Outbox.next_attempt_at <= now),
        )
        .order_by(Outbox.due_at, Outbox.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list(await session.scalars(due))
    if not ids:
        return []
    rows = await session.scalars(
        update(Outbox)
        .where(Outbox.id.in_(ids), Outbox.status == PENDING)
        .values(status=SENDING, claimed_at=now, claimed_by=owner, handed_at=None)
        .returning(Outbox)
    )
    claimed = [
        Claimed(r.id, r.kind, r.key, r.chat_id, r.user_id, dict(r.payload), r.attempts + 1)
        for r in rows
    ]
    return sorted(claimed, key=lambda c: c.id)


async def hand_over(
    session: AsyncSession, ids: Iterable[int], owner: str, now: datetime
) -> set[int]:
    """Mark rows as handed to HTTP, just before their requests leave; returns the ids that
    are still this process's claim (only those may be sent)."""
    wanted = list(ids)
    if not wanted:
        return set()
    rows = await session.scalars(
        update(Outbox)
        .where(
            Outbox.id.in_(wanted),
            Outbox.claimed_by == owner,
            Outbox.status == SENDING,
            Outbox.handed_at.is_(None),
        )
        .values(handed_at=now, attempts=Outbox.attempts + 1)
        .returning(Outbox.id)
    )
    return set(rows)


async def release(session: AsyncSession, ids: Iterable[int], owner: str) -> None:
    """Give back claimed rows that were never handed over: they are sent later, safely."""
    wanted = list(ids)
    if wanted:
        await session.execute(
            update(Outbox)
            .where(
                Outbox.id.in_(wanted),
                Outbox.claimed_by == owner,
                Outbox.status == SENDING,
                Outbox.handed_at.is_(None),
            )
            .values(status=PENDING, claimed_by=None, claimed_at=None)
        )


async def finish(
    session: AsyncSession,
    outbox_id: int,
    owner: str,
    status: str,
    now: datetime,
    *,
    message_id: int | None = None,
    error: str | None = None,
    retry_at: datetime | None = None,
    forget_payload: bool = False,
) -> None:
    """Record the outcome of one send; `retry_at` puts the row back in the queue.

    Only while the claim is still ours: a claim released meanwhile is someone else's now.
    `forget_payload` drops a notice's text once it is settled (it may hold personal data).
    """
    values: dict[str, Any] = {"status": status, "error": error}
    if retry_at is not None:
        values.update(
            status=PENDING,
            next_attempt_at=retry_at,
            claimed_at=None,
            claimed_by=None,
            handed_at=None,
        )
    else:
        values.update(finished_at=now, message_id=message_id)
        if forget_payload:
            values.update(payload={})
    await session.execute(
        update(Outbox)
        .where(Outbox.id == outbox_id, Outbox.claimed_by == owner, Outbox.status == SENDING)
        .values(**values)
    )


async def queue_notice(
    session: AsyncSession,
    chat_id: int,
    key: str,
    text: str,
    markup: dict[str, Any] | None,
    language: str | None,
    now: datetime,
) -> None:
    """A message already rendered, sent as it is by the dispatcher (a receipt sent late)."""
    await enqueue(
        session,
        NOTICE,
        key,
        [Recipient(chat_id, None, language)],
        {"text": text, "markup": markup},
        now,
    )


async def cancel_for_user(session: AsyncSession, user_id: int, now: datetime, reason: str) -> None:
    """Stop queued messages to someone who blocked the bot."""
    await session.execute(
        update(Outbox)
        .where(Outbox.user_id == user_id, Outbox.status == PENDING)
        .values(status=FAILED, finished_at=now, error=reason)
    )


async def figures(session: AsyncSession, kind: str = "reminder") -> list[Figures]:
    """Delivery counts per planned key, in due order."""

    def count(*statuses: str) -> Any:
        return func.coalesce(func.sum(case((Outbox.status.in_(statuses), 1), else_=0)), 0)

    rows = await session.execute(
        select(
            PlannedRun.key,
            PlannedRun.due_at,
            count(SENT),
            count(FAILED),
            count(SKIPPED_LATE),
            count(UNKNOWN),
            count(PENDING, SENDING),
        )
        .outerjoin(Outbox, (Outbox.key == PlannedRun.key) & (Outbox.kind == kind))
        .group_by(PlannedRun.key, PlannedRun.due_at)
        .order_by(PlannedRun.due_at, PlannedRun.key)
    )
    return [Figures(k, d, int(a), int(b), int(c), int(e), int(f)) for k, d, a, b, c, e, f in rows]
