"""Broadcasts: drafts, audiences, starting, scheduling, stopping and their figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Broadcast, Outbox, Unit, User
from db.queries import outbox as box

KIND = "broadcast"
AUDIENCES = ("all", "unit", "today", "week", "groups")


@dataclass(frozen=True, slots=True)
class Content:
    kind: str  # text | photo | document
    text_html: str
    file_id: str | None


@dataclass(frozen=True, slots=True)
class Info:
    id: int
    created_by: int
    created_at: datetime
    content: Content
    audience: str | None
    unit_id: int | None
    status: str
    scheduled_at: datetime | None
    total: int
    progress_chat_id: int
    progress_message_id: int | None
    progress_at: datetime | None
    # The unit of a one-unit audience as it is called now; None for the other audiences, and
    # once the unit is gone (its last member erased their data).
    unit_name: str | None = None


@dataclass(frozen=True, slots=True)
class Tally:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    unknown: int = 0
    pending: int = 0
    cancelled: int = 0

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.blocked + self.unknown + self.cancelled


def key_of(broadcast_id: int) -> str:
    return f"b{broadcast_id}"


def _info(b: Broadcast, unit_name: str | None = None) -> Info:
    return Info(
        b.id,
        b.created_by,
        b.created_at,
        Content(b.content_kind, b.text_html, b.file_id),
        b.audience,
        b.audience_unit_id,
        b.status,
        b.scheduled_at,
        b.total,
        b.progress_chat_id,
        b.progress_message_id,
        b.progress_at,
        unit_name,
    )


def _with_unit() -> Select[Broadcast, str | None]:
    """Broadcasts with the name of their audience's unit, if any."""
    return select(Broadcast, Unit.name).outerjoin(Unit, Unit.id == Broadcast.audience_unit_id)


async def create_draft(
    session: AsyncSession, created_by: int, chat_id: int, content: Content, now: datetime
) -> int:
    b = Broadcast(
        created_by=created_by,
        created_at=now,
        content_kind=content.kind,
        text_html=content.text_html,
        file_id=content.file_id,
        status="draft",
        progress_chat_id=chat_id,
    )
    session.add(b)
    await session.flush()
    return b.id


async def get(session: AsyncSession, broadcast_id: int) -> Info | None:
    row = (await session.execute(_with_unit().where(Broadcast.id == broadcast_id))).first()
    return None if row is None else _info(*row)


async def set_audience(
    session: AsyncSession, broadcast_id: int, audience: str, unit_id: int | None
) -> bool:
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == "draft")
        .values(audience=audience, audience_unit_id=unit_id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def start(
    session: AsyncSession,
    broadcast_id: int,
    recipients: list[box.Recipient],
    now: datetime,
    from_status: str,
) -> bool:
    """Move a draft (or a due scheduled broadcast) to sending and queue one row per chat.

    The status check in the UPDATE makes this happen once even with two dispatchers.
    """
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == from_status)
        .values(status="sending", started_at=now, total=len(recipients))
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    await box.enqueue(
        session, KIND, key_of(broadcast_id), recipients, {"broadcast": broadcast_id}, now
    )
    return True


async def schedule(session: AsyncSession, broadcast_id: int, when: datetime) -> bool:
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == "draft")
        .values(status="scheduled", scheduled_at=when)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def due_scheduled(session: AsyncSession, now: datetime) -> list[Info]:
    rows = await session.scalars(
        select(Broadcast).where(Broadcast.status == "scheduled", Broadcast.scheduled_at <= now)
    )
    return [_info(b) for b in rows]


async def stop(session: AsyncSession, broadcast_id: int, now: datetime) -> str | None:
    """Stop sending (or cancel a draft/scheduled one); returns the status it had."""
    b = await session.get(Broadcast, broadcast_id)
    if b is None or b.status not in {"draft", "scheduled", "sending"}:
        return None
    previous = b.status
    b.status = "stopped" if previous == "sending" else "cancelled"
    b.finished_at = now
    await session.execute(
        update(Outbox)
        .where(
            Outbox.kind == KIND, Outbox.key == key_of(broadcast_id), Outbox.status == box.PENDING
        )
        .values(status="cancelled", finished_at=now)
    )
    return previous


async def tally(session: AsyncSession, broadcast_id: int) -> Tally:
    def count(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    blocked = (Outbox.status == box.FAILED) & Outbox.error.like("forbidden%")
    row = (
        await session.execute(
            select(
                count(Outbox.status == box.SENT),
                count((Outbox.status == box.FAILED) & ~blocked),
                count(blocked),
                count(Outbox.status == box.UNKNOWN),
                count(Outbox.status.in_([box.PENDING, box.SENDING])),
                count(Outbox.status == "cancelled"),
            ).where(Outbox.kind == KIND, Outbox.key == key_of(broadcast_id))
        )
    ).one()
    return Tally(*(int(v) for v in row))


async def sending(session: AsyncSession) -> list[Info]:
    rows = await session.scalars(select(Broadcast).where(Broadcast.status == "sending"))
    return [_info(b) for b in rows]


async def mark_progress(
    session: AsyncSession,
    broadcast_id: int,
    now: datetime,
    message_id: int | None,
    finished: bool,
) -> None:
    values: dict[str, Any] = {"progress_at": now}
    if message_id is not None:
        values["progress_message_id"] = message_id
    if finished:
        values.update(status="done", finished_at=now)
    await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == "sending")
        .values(**values)
    )


async def set_progress_message(session: AsyncSession, broadcast_id: int, message_id: int) -> None:
    await session.execute(
        update(Broadcast).where(Broadcast.id == broadcast_id).values(progress_message_id=message_id)
    )


async def recent(
    session: AsyncSession, limit: int = 10, drafts_since: datetime | None = None
) -> list[tuple[Info, Tally]]:
    """The latest broadcasts, newest first; with `drafts_since`, drafts made before it
    (abandoned) are left out."""
    query = _with_unit().order_by(Broadcast.id.desc()).limit(limit)
    if drafts_since is not None:
        query = query.where((Broadcast.status != "draft") | (Broadcast.created_at >= drafts_since))
    rows = [_info(b, name) for b, name in await session.execute(query)]
    return [(info, await tally(session, info.id)) for info in rows]


async def creator_language(session: AsyncSession, telegram_id: int) -> str | None:
    return await session.scalar(select(User.language_code).where(User.telegram_id == telegram_id))


async def in_doubt(session: AsyncSession, broadcast_id: int) -> int:
    """Recipients who may or may not have received it (`unknown`) and were not resent to."""
    found = await session.scalar(
        select(func.count())
        .select_from(Outbox)
        .where(
            Outbox.kind == KIND,
            Outbox.key == key_of(broadcast_id),
            Outbox.status == box.UNKNOWN,
            Outbox.resent_at.is_(None),
        )
    )
    return int(found or 0)


async def resend_in_doubt(session: AsyncSession, broadcast_id: int, now: datetime) -> int:
    """Queue the in-doubt recipients of a finished broadcast once more; returns how many.

    Once per recipient (`resent_at`): some of them may get the message twice, which the
    organiser accepted when confirming. The broadcast is `sending` again until they are done.
    """
    moved = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status == "done")
        .values(status="sending", finished_at=None, progress_at=None)
    )
    if not moved.rowcount:  # type: ignore[attr-defined]
        return 0
    result = await session.execute(
        update(Outbox)
        .where(
            Outbox.kind == KIND,
            Outbox.key == key_of(broadcast_id),
            Outbox.status == box.UNKNOWN,
            Outbox.resent_at.is_(None),
        )
        .values(
            status=box.PENDING,
            resent_at=now,
            due_at=now,
            next_attempt_at=None,
            claimed_at=None,
            claimed_by=None,
            handed_at=None,
            finished_at=None,
            error=None,
            attempts=0,
        )
    )
    count = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if count == 0:  # nothing to resend after all: it stays done
        await session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id)
            .values(status="done", finished_at=now)
        )
    return count
