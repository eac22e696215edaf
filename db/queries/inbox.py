"""The inbox: raw updates stored before they are confirmed to Telegram, processed in order."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import InboxUpdate
from db.session import upsert_insert


def chat_of(update: dict[str, Any]) -> int:
    """The chat an update belongs to, read from the raw payload (0 when it has none)."""
    for kind in (
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "message_reaction",
    ):
        chat = (update.get(kind) or {}).get("chat")
        if chat:
            return int(chat.get("id", 0))
    query = update.get("callback_query") or {}
    message = query.get("message") or {}
    if message.get("chat"):
        return int(message["chat"].get("id", 0))
    sender = query.get("from") or {}
    return int(sender.get("id", 0))


async def store(session: AsyncSession, updates: list[dict[str, Any]], now: datetime) -> None:
    """Keep each update once (a redelivered update_id is ignored)."""
    if not updates:
        return
    insert = upsert_insert(session)
    await session.execute(
        insert(InboxUpdate)
        .values(
            [
                {
                    "update_id": u["update_id"],
                    "chat_id": chat_of(u),
                    "payload": u,
                    "received_at": now,
                }
                for u in updates
            ]
        )
        .on_conflict_do_nothing(index_elements=["update_id"])
    )


async def pending(
    session: AsyncSession, limit: int = 100, *, replica: int = 0, replicas: int = 1
) -> list[tuple[int, int]]:
    """(update_id, chat_id) of unhandled updates of the chats this replica owns, in order.

    Only the owner (chat_id mod replicas) handles a chat, so its updates are handled one at a
    time, in order, by the process that holds its conversation state.
    """
    query = select(InboxUpdate.update_id, InboxUpdate.chat_id).where(
        InboxUpdate.processed_at.is_(None)
    )
    if replicas > 1:
        query = query.where(func.abs(InboxUpdate.chat_id) % replicas == replica)
    rows = await session.execute(query.order_by(InboxUpdate.update_id).limit(limit))
    return [(uid, chat) for uid, chat in rows]


async def payloads(session: AsyncSession, update_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored updates themselves (read apart from `pending`, which runs far more often)."""
    if not update_ids:
        return {}
    rows = await session.execute(
        select(InboxUpdate.update_id, InboxUpdate.payload).where(
            InboxUpdate.update_id.in_(update_ids)
        )
    )
    return {uid: dict(payload) for uid, payload in rows}


async def mark_processed(session: AsyncSession, update_ids: list[int], now: datetime) -> None:
    await session.execute(
        update(InboxUpdate).where(InboxUpdate.update_id.in_(update_ids)).values(processed_at=now)
    )


async def next_offset(session: AsyncSession) -> int | None:
    """The getUpdates offset that confirms everything already stored."""
    newest = await session.scalar(select(func.max(InboxUpdate.update_id)))
    return None if newest is None else int(newest) + 1
