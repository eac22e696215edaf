"""Conversations survive a restart: PTB's persistence on the bot's own database.

What is kept (db/queries/conversations.py): the state of every persistent ConversationHandler
per conversation key, and the flows' draft in user_data while its person has a step open:
only the keys the flows use, as JSON (draft_codec.py). Chat data, bot data and callback data
are not kept.

Written through: PTB collects what changed in `update_persistence`; WriteThroughApplication
runs it after every update and writes the changes in one transaction, so a restart right
after a reply finds the step that reply asked for. (A crash between the reply and the write
leaves the update unmarked in the inbox: it is handled again, and the step set again.) A
write that fails is kept and tried again with the next one.

Loaded once, at start-up, as PTB does: rows older than the conversations' timeout are
purged instead (they would resurrect a flow left long ago). PTB's own timeout is a job of
the process that began the step, so a restored step has none: it ends when the next update
finds it older than the timeout, as the lost job would have ended it. Replicas split chats
by id (bot/transport/inbox_worker.py), so a conversation lives in one replica; a replica
knows only what was written before it started, which is enough while the number of
replicas stays the same (to change it, stop them all, then start the new set: docs/deploy.md).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    BasePersistence,
    ConversationHandler,
    ExtBot,
    PersistenceInput,
)

from bot.context import BotContext
from bot.core.clock import Clock
from bot.transport.draft_codec import DraftCodec
from db.queries import conversations
from db.queries.conversations import DRAFT, Stored
from db.session import Sessions

log = logging.getLogger(__name__)

Key = tuple[int | str, ...]  # PTB's conversation key: (chat id, user id) for ours


def key_text(key: Key) -> str:
    return json.dumps(list(key))


def key_of(text: str) -> Key:
    return tuple(json.loads(text))


class DbPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[str, Any]]):
    """Conversation states and flow drafts in the `conversation_state` table.

    `max_age`: the conversations' timeout. `prepare` runs before the first read (the
    migrations: PTB loads persistence before the application's post_init); if it answers
    False (the database cannot be used), nothing is restored.
    """

    def __init__(
        self,
        sessions: Sessions,
        clock: Clock,
        *,
        max_age: timedelta,
        codec: DraftCodec,
        prepare: Callable[[], Awaitable[bool]] | None = None,
    ) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=True, callback_data=False
            )
        )
        self.sessions = sessions
        self.clock = clock
        self.max_age = max_age
        self.codec = codec
        self._prepare = prepare
        self._rows: list[tuple[Stored, datetime]] | None = None
        self._drafts: dict[int, dict[str, Any] | None] = {}  # user id -> their draft now
        self._stored: dict[int, dict[str, Any] | None] = {}  # ... and in the database
        self._open: dict[int, set[tuple[str, str]]] = {}  # user id -> their open steps
        self._touched: set[int] = set()  # users whose draft or steps changed since a write
        self._unsaved: dict[tuple[str, str], Stored] = {}
        self._lock = asyncio.Lock()
        # Steps restored at start-up, with when they were written; a step written since
        # has PTB's own timeout job.
        self.restored: dict[tuple[str, Key], datetime] = {}

    async def _load(self) -> list[tuple[Stored, datetime]]:
        if self._rows is None:
            if self._prepare is not None and not await self._prepare():
                self._rows = []
                return self._rows
            async with self.sessions() as session, session.begin():
                self._rows = await conversations.live(session, self.clock.now() - self.max_age)
            for row, _ in self._rows:
                if row.name == DRAFT:
                    self._drafts[int(row.key)] = self._stored[int(row.key)] = row.draft
                elif row.user_id is not None:
                    self._open.setdefault(row.user_id, set()).add((row.name, row.key))
        return self._rows

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        found = {}
        for row, _ in await self._load():
            if row.name == DRAFT and row.draft is not None:
                found[int(row.key)] = self.codec.decode(row.draft)
        return found

    async def get_conversations(self, name: str) -> dict[Key, object]:
        found: dict[Key, object] = {}
        for row, written in await self._load():
            if row.name == name and row.state is not None:
                key = key_of(row.key)
                found[key] = row.state
                self.restored[(name, key)] = written
        return found

    async def update_conversation(self, name: str, key: Key, new_state: object | None) -> None:
        self.restored.pop((name, key), None)
        if new_state is not None and not isinstance(new_state, int | str):
            log.warning("conversation %s: state %r is not kept", name, new_state)
            return
        user_id = key[-1] if key and isinstance(key[-1], int) else None
        self._note(Stored(name, key_text(key), user_id, state=new_state))
        if user_id is not None:
            steps = self._open.setdefault(user_id, set())
            if new_state is None:
                steps.discard((name, key_text(key)))
            else:
                steps.add((name, key_text(key)))
            self._touched.add(user_id)

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        self._drafts[user_id] = self.codec.encode(data)
        self._touched.add(user_id)

    async def drop_user_data(self, user_id: int) -> None:
        self._drafts[user_id] = None
        self._touched.add(user_id)

    def _note(self, change: Stored) -> None:
        self._unsaved[(change.name, change.key)] = change

    def _settle_drafts(self) -> None:
        """Note the drafts to write. A draft is kept while its person has a step open: what
        a flow leaves behind in user_data after it ends is not worth a write (nor keeping).
        Only a change is written: a copy loaded long ago never overwrites a newer one that
        another replica wrote for someone this one has only seen in a group."""
        for user_id in self._touched:
            wanted = self._drafts.get(user_id) if self._open.get(user_id) else None
            if wanted != self._stored.get(user_id):
                self._stored[user_id] = wanted
                self._note(Stored(DRAFT, str(user_id), user_id, draft=wanted))
        self._touched.clear()

    def expired(self, name: str, key: Key) -> bool:
        """A step restored at start-up and older than the timeout: PTB would have ended it."""
        written = self.restored.get((name, key))
        return written is not None and self.clock.now() - written >= self.max_age

    async def write(self) -> None:
        """Store what changed since the last write, in one transaction."""
        async with self._lock:
            self._settle_drafts()
            if not self._unsaved:
                return
            changes, self._unsaved = self._unsaved, {}
            try:
                async with self.sessions() as session, session.begin():
                    await conversations.save(session, list(changes.values()), self.clock.now())
            except BaseException:
                for where, change in changes.items():  # newer changes made meanwhile win
                    self._unsaved.setdefault(where, change)
                raise

    async def flush(self) -> None:
        await self.write()

    # Not kept: chat data, bot data, callback data; nothing to refresh.
    async def get_chat_data(self) -> dict[int, dict[Any, Any]]:
        return {}

    async def get_bot_data(self) -> dict[str, Any]:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: dict[Any, Any]) -> None:
        return None

    async def update_bot_data(self, data: dict[str, Any]) -> None:
        return None

    async def update_callback_data(self, data: Any) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict[Any, Any]) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict[Any, Any]) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict[str, Any]) -> None:
        return None


class WriteThroughApplication(
    Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], dict[str, Any], Any]
):
    """The Application, writing conversation states and drafts after every update."""

    async def process_update(self, update: object) -> None:
        persistence = self.persistence
        if isinstance(persistence, DbPersistence) and isinstance(update, Update):
            self._end_expired(persistence, update)
        await super().process_update(update)
        if persistence is not None:
            await self.update_persistence()

    async def update_persistence(self) -> None:
        """PTB's collection of what changed, then the write (PTB's periodic run included)."""
        await super().update_persistence()
        persistence = self.persistence
        if isinstance(persistence, DbPersistence):
            try:
                await persistence.write()
            except Exception as exc:  # kept for the next write; the error handlers report it
                await self.process_error(update=None, error=exc)

    def _end_expired(self, persistence: DbPersistence, update: Update) -> None:
        if not persistence.restored:
            return
        for group in self.handlers.values():
            for handler in group:
                if not (isinstance(handler, ConversationHandler) and handler.name):
                    continue
                try:
                    key = handler._get_key(update)
                except RuntimeError:  # no chat or user: not a conversation's update
                    continue
                if persistence.expired(handler.name, key):
                    # PTB has no public way to end a conversation; the tracked pop is what
                    # its own timeout does, and the row goes with the next write.
                    handler._conversations.pop(key, None)
                    persistence.restored.pop((handler.name, key), None)
