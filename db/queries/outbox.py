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
    "pending", "sending", "sent", "failed", "skipped_late", "unknown"
)  # fmt: skip


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
        .values(key=key, kind=kind, edition_year=edition_year, due_at=due, planned_at=now,
                recipients=len(people))
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(PlannedRun.key)
    )  # fmt: skip
    if claimed.first() is None:
        return False
    await enqueue(session, "reminder", key, people, payload, due, skipped_at=now if late else None)
    return True


async def enqueue(
    session: AsyncSession, kind: str, key: str, recipients: list[Recipient],
    payload: dict[str, Any], due: datetime, *, skipped_at: datetime | None = None,
) -> None:  # fmt: skip
    """Queue one row per recipient (once per chat: the unique key absorbs repeats).

    With `skipped_at` the rows are recorded as skipped_late instead: counted, never sent.
    """
    if not recipients:
        return
    status = SKIPPED_LATE if skipped_at is not None else PENDING
    await session.execute(
        upsert_insert(session)(Outbox)
        .values([
            {"kind": kind, "key": key, "chat_id": r.chat_id, "user_id": r.user_id,
             "payload": {**payload, "language": r.language}, "due_at": due,
             "status": status, "attempts": 0, "finished_at": skipped_at}
            for r in recipients
        ])
        .on_conflict_do_nothing(index_elements=["kind", "key", "chat_id"])
    )  # fmt: skip


async def planned_keys(session: AsyncSession, keys: list[str]) -> set[str]:
    rows = await session.scalars(select(PlannedRun.key).where(PlannedRun.key.in_(keys)))
    return set(rows)


async def expire_stale(session: AsyncSession, now: datetime, lease: timedelta) -> int:
    """Rows left `sending` by a process that died: delivery is unknown, never resent."""
    result = await session.execute(
        update(Outbox)
        .where(Outbox.status == SENDING, Outbox.claimed_at < now - lease)
        .values(status=UNKNOWN, finished_at=now, error="process stopped while sending")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def skip_late(session: AsyncSession, now: datetime, grace: timedelta) -> int:
    result = await session.execute(
        update(Outbox)
        .where(Outbox.kind == "reminder", Outbox.status == PENDING, Outbox.due_at < now - grace)
        .values(status=SKIPPED_LATE, finished_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def claim(session: AsyncSession, now: datetime, limit: int) -> list[Claimed]:
    """Take up to `limit` due rows for this dispatcher (the transaction makes it exclusive)."""
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
        .values(status=SENDING, claimed_at=now, attempts=Outbox.attempts + 1)
        .returning(Outbox)
    )
    return [
        Claimed(r.id, r.kind, r.key, r.chat_id, r.user_id, dict(r.payload), r.attempts)
        for r in rows
    ]


async def finish(
    session: AsyncSession,
    outbox_id: int,
    status: str,
    now: datetime,
    *,
    message_id: int | None = None,
    error: str | None = None,
    retry_at: datetime | None = None,
) -> None:
    """Record the outcome of one send; `retry_at` puts the row back in the queue."""
    values: dict[str, Any] = {"status": status, "error": error}
    if retry_at is not None:
        values.update(status=PENDING, next_attempt_at=retry_at, claimed_at=None)
    else:
        values.update(finished_at=now, message_id=message_id)
    await session.execute(update(Outbox).where(Outbox.id == outbox_id).values(**values))


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
            PlannedRun.key, PlannedRun.due_at, count(SENT), count(FAILED),
            count(SKIPPED_LATE), count(UNKNOWN), count(PENDING, SENDING),
        )
        .outerjoin(Outbox, (Outbox.key == PlannedRun.key) & (Outbox.kind == kind))
        .group_by(PlannedRun.key, PlannedRun.due_at)
        .order_by(PlannedRun.due_at, PlannedRun.key)
    )  # fmt: skip
    return [Figures(k, d, int(a), int(b), int(c), int(e), int(f)) for k, d, a, b, c, e, f in rows]
