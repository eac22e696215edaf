"""Conversations survive a restart: PTB's persistence on the bot's own database.

What is kept (db/queries/conversations.py): the state of every persistent ConversationHandler
per conversation key, and the flows' draft in user_data: only the keys the flows use, as
JSON (plain values, aware datetimes and the dataclasses named when it is built). Chat data,
bot data and callback data are not kept.

Written through: PTB collects what changed in `update_persistence`; WriteThroughApplication
runs it after every update and writes the changes in one transaction, so a restart right
after a reply finds the step that reply asked for. A write that fails is kept and tried
again with the next one.

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
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import fields, is_dataclass
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
from db.queries import conversations
from db.queries.conversations import DRAFT, Stored
from db.session import Sessions

log = logging.getLogger(__name__)

Key = tuple[int | str, ...]  # PTB's conversation key: (chat id, user id) for ours
DATETIME = "$datetime"  # JSON tags: {"$datetime": iso} and {"$type": name, ...fields}
TYPE = "$type"


class DraftCodec:
    """user_data's flow keys <-> JSON: only `keys` are kept; datetimes and the dataclasses
    in `types` are tagged so that they come back as they were."""

    def __init__(self, keys: Iterable[str], types: Iterable[type[Any]] = ()) -> None:
        self.keys = frozenset(keys)
        self.types = {t.__name__: t for t in types}

    def encode(self, data: dict[Any, Any]) -> dict[str, Any] | None:
        """The draft as JSON, or None when there is none (nothing to keep)."""
        draft = {}
        for key, value in data.items():
            if key not in self.keys:
                continue
            try:
                draft[key] = self._value(value)
            except TypeError:
                log.warning("user_data[%r] is not kept across restarts: %s", key, type(value))
        return draft or None

    def _value(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, datetime):
            if value.utcoffset() is None:
                raise TypeError("naive datetime")
            return {DATETIME: value.isoformat()}
        if isinstance(value, dict) and all(isinstance(k, str) and k[:1] != "$" for k in value):
            return {k: self._value(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._value(v) for v in value]
        name = type(value).__name__
        if is_dataclass(value) and self.types.get(name) is type(value):
            return {TYPE: name} | {
                f.name: self._value(getattr(value, f.name)) for f in fields(value)
            }
        raise TypeError(name)

    def decode(self, draft: dict[str, Any]) -> dict[Any, Any]:
        return {k: self._restore(v) for k, v in draft.items() if k in self.keys}

    def _restore(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._restore(v) for v in value]
        if not isinstance(value, dict):
            return value
        if set(value) == {DATETIME}:
            return datetime.fromisoformat(value[DATETIME])
        restored = {k: self._restore(v) for k, v in value.items() if k != TYPE}
        kind = self.types.get(value.get(TYPE, "")) if TYPE in value else None
        return kind(**restored) if kind is not None else restored


def key_text(key: Key) -> str:
    return json.dumps(list(key))


def key_of(text: str) -> Key:
    return tuple(json.loads(text))


class DbPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[str, Any]]):
    """Conversation states and flow drafts in the `conversation_state` table.

    `max_age`: the conversations' timeout. `prepare` runs before the first read (the
    migrations: PTB loads persistence before the application's post_init).
    """

    def __init__(
        self,
        sessions: Sessions,
        clock: Clock,
        *,
        max_age: timedelta,
        codec: DraftCodec,
        prepare: Callable[[], Awaitable[None]] | None = None,
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
        self._drafts: dict[int, Any] = {}  # user id -> the draft the database holds
        self._unsaved: dict[tuple[str, str], Stored] = {}
        self._lock = asyncio.Lock()
        # Steps restored at start-up, with when they were written; a step written since
        # has PTB's own timeout job.
        self.restored: dict[tuple[str, Key], datetime] = {}

    async def _load(self) -> list[tuple[Stored, datetime]]:
        if self._rows is None:
            if self._prepare is not None:
                await self._prepare()
            async with self.sessions() as session, session.begin():
                self._rows = await conversations.live(session, self.clock.now() - self.max_age)
        return self._rows

    async def get_user_data(self) -> dict[int, dict[Any, Any]]:
        found = {}
        for row, _ in await self._load():
            if row.name == DRAFT and row.draft is not None:
                self._drafts[int(row.key)] = row.draft
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

    async def update_user_data(self, user_id: int, data: dict[Any, Any]) -> None:
        draft = self.codec.encode(data)
        if draft == self._drafts.get(user_id):
            # Unchanged: nothing to write (and a copy loaded long ago never overwrites a
            # newer one another replica wrote for a person it has only seen in a group).
            return
        self._drafts[user_id] = draft
        self._note(Stored(DRAFT, str(user_id), user_id, draft=draft))

    async def drop_user_data(self, user_id: int) -> None:
        self._drafts[user_id] = None
        self._note(Stored(DRAFT, str(user_id), user_id))

    def _note(self, change: Stored) -> None:
        self._unsaved[(change.name, change.key)] = change

    def expired(self, name: str, key: Key) -> bool:
        """A step restored at start-up and older than the timeout: PTB would have ended it."""
        written = self.restored.get((name, key))
        return written is not None and self.clock.now() - written >= self.max_age

    async def write(self) -> None:
        """Store what changed since the last write, in one transaction."""
        async with self._lock:
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
