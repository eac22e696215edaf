"""Erasure on request (or on withdrawn consent) and the inbox's retention period.

An erased person leaves nothing that identifies them in any table: their profile, check-ins,
daily totals, certificates, a half-finished flow (conversation_state) and the unit only they
belonged to are deleted; raw updates that came from or name them are purged; where a record
is an aggregate others rely on (the audit trail, a broadcast's figures, a reminder's delivery
counts) it stays, with their id replaced by ERASED_ID. What is anonymised is found by what
ties it to the person — their ids, the audit keys that hold a person, the broadcasts they
wrote — never by cutting words out of text someone else wrote: a name or unit may be an
ordinary word ("Học", "Học tập").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from db.models import (
    AuditEntry,
    Broadcast,
    Certificate,
    Checkin,
    DailyTotal,
    GroupChat,
    InboxUpdate,
    Outbox,
    RosterPerson,
    Unit,
    User,
)
from db.queries import broadcasts, conversations
from db.queries.admin import AUDIT_PERSON_KEYS
from db.queries.outbox import NOTICE

ERASED_ID = 0  # where a Telegram id was: "someone who erased their data" (no real id is 0)
# An anonymised outbox row keeps its status (the figures) under a chat id no chat can have.
ERASED_CHAT_BASE = -(2**62)
CUT = "[erased]"
# Outbox rows that count in figures and are never sent again; any other row is withdrawn.
# (`unknown` too: it is final, and counts in others' figures as "in doubt".)
FINISHED = frozenset({"sent", "failed", "skipped_late", "cancelled", "unknown"})
PURGE_BATCH = 5_000
# Keys under which a raw Telegram update holds a person's or a chat's id (from, chat, user…).
RAW_ID_KEYS = frozenset({"id", "user_id", "chat_id"})


@dataclass(frozen=True, slots=True)
class Identity:
    """What ties a record to one person: their ids, their username, their full name."""

    ids: frozenset[int]
    usernames: frozenset[str]  # casefolded, without "@"
    full_name: str | None
    _mention: re.Pattern[str]

    @classmethod
    def of(
        cls, ids: Iterable[int], usernames: Iterable[str | None], full_name: str | None = None
    ) -> Identity:
        names = frozenset(u.strip().lstrip("@").casefold() for u in usernames if u and u.strip())
        name = full_name.strip() if full_name and full_name.strip() else None
        # "@username" in any case; the full name exactly as typed, as a whole (not inside a
        # longer word). Used only to delete raw updates that were already handled.
        parts = [rf"(?i:(?<![\w@])@{re.escape(u)}(?!\w))" for u in names]
        parts += [rf"(?<!\w){re.escape(name)}(?!\w)"] if name else []
        return cls(frozenset(ids), names, name, re.compile("|".join(parts) or "(?!)"))

    def has_id(self, value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and value in self.ids

    def in_raw_update(self, value: Any, key: str = "") -> bool:
        """Whether a raw update is from, to or about the person: their id under an id key,
        their username, "@username" or their full name in a text."""
        if isinstance(value, dict):
            return any(self.in_raw_update(v, k) for k, v in value.items())
        if isinstance(value, list):
            return any(self.in_raw_update(v, key) for v in value)
        if key in RAW_ID_KEYS:
            return self.has_id(value)
        if isinstance(value, str):
            if key == "username":
                return value.casefold() in self.usernames
            return self._mention.search(value) is not None
        return False

    def scrub_audit(self, params: dict[str, Any]) -> dict[str, Any]:
        """The audit params with the person's id set to ERASED_ID under the keys that hold a
        person (AUDIT_PERSON_KEYS); everything else, written by whoever acted, is kept."""
        return {
            k: ERASED_ID if k in AUDIT_PERSON_KEYS and self.has_id(v) else v
            for k, v in params.items()
        }

    def scrub_ids(self, text: str) -> str:
        """A technical text (a delivery error) with the person's ids cut out."""
        for i in self.ids:
            text = re.sub(rf"(?<!\d){i}(?!\d)", CUT, text)
        return text

    def tokens(self) -> set[str]:
        """Substrings a stored JSON text holds wherever the person may be mentioned (a
        coarse filter in SQL; `in_raw_update` decides)."""
        found = {str(i) for i in self.ids} | set(self.usernames)
        if self.full_name:
            found |= {self.full_name, json.dumps(self.full_name)[1:-1]}  # as typed, escaped
        return found


@dataclass(frozen=True, slots=True)
class Erasure:
    """What an erasure removed or anonymised (counts only)."""

    profile: bool
    checkins: int = 0
    broadcasts_withdrawn: int = 0
    inbox_rows: int = 0


async def erase_person(
    session: AsyncSession,
    telegram_id: int,
    now: datetime,
    *,
    username: str | None = None,
    current_update: int | None = None,
) -> Erasure:
    """Erase everything about one person, in the caller's transaction.

    `current_update` is the update asking for it: it and the earlier updates of the person's
    chat (handled already, chats are handled in order) are purged from the inbox too.
    """
    user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
    if user is None:
        who = Identity.of({telegram_id}, [username])
        await conversations.forget_users(session, who.ids)  # a name typed, not yet stored
        purged = await _purge_inbox_of(session, who, current_update)
        return Erasure(profile=False, inbox_rows=purged)
    unit = await session.get(Unit, user.unit_id) if user.unit_id is not None else None
    others = select(func.count(User.id)).where(User.unit_id == user.unit_id, User.id != user.id)
    unit_alone = unit is not None and not await session.scalar(others)
    if unit is not None and unit_alone:
        # A unit of the staff list stays for the others. Any other unit nobody else is in goes
        # with its last member, invite code or not: every unit gets a code when it is created,
        # so a unit they typed would otherwise outlive them (a code given again to the same
        # name, were it added back, is the same code, so a printed link works again).
        listed = select(func.count(RosterPerson.id)).where(RosterPerson.unit_id == unit.id)
        unit_alone = not await session.scalar(listed)
    who = Identity.of({telegram_id, user.chat_id}, [user.username, username], user.full_name)
    result = await session.execute(delete(Checkin).where(Checkin.user_id == user.id))
    checkins = int(result.rowcount or 0)  # type: ignore[attr-defined]
    await session.execute(delete(DailyTotal).where(DailyTotal.user_id == user.id))
    # Their certificates go too: a code shown later is then unknown, never someone's name.
    await session.execute(delete(Certificate).where(Certificate.user_id == user.id))
    await _anonymise_outbox(session, who, user.id)
    withdrawn = await _anonymise_broadcasts(session, telegram_id, now)
    # A group's title is the group's (its admins set it): only who subscribed it goes.
    await session.execute(
        update(GroupChat)
        .where(GroupChat.subscribed_by.in_(who.ids))
        .values(subscribed_by=ERASED_ID)
    )
    await _anonymise_audit(session, who)
    await conversations.forget_users(session, who.ids)  # an open flow's step and draft
    # The staff list keeps the person's row (the agency's own list), no longer linked to
    # them; explicit, as SQLite may run without enforcing ON DELETE SET NULL.
    await session.execute(
        update(RosterPerson).where(RosterPerson.user_id == user.id).values(user_id=None)
    )
    await session.flush()  # rows that pointed at the user are gone or cut loose first
    await session.delete(user)
    await session.flush()
    if unit is not None and unit_alone:
        await session.delete(unit)
    purged = await _purge_inbox_of(session, who, current_update)
    # That an erasure happened, and when (reports change); nothing that says whose.
    session.add(AuditEntry(at=now, actor_id=ERASED_ID, action="erasure", params={}))
    return Erasure(True, checkins, withdrawn, purged)


async def _anonymise_outbox(session: AsyncSession, who: Identity, user_id: int) -> None:
    """Finished messages stay as anonymous figures; those still to go are withdrawn.

    A row's payload names what was sent (a reminder, a broadcast's id) and the recipient's
    language: the language goes, with the chat id and the message id.
    """
    rows = await session.scalars(
        select(Outbox).where(or_(Outbox.user_id == user_id, Outbox.chat_id.in_(who.ids)))
    )
    for row in rows:
        if row.status not in FINISHED:
            await session.delete(row)
            continue
        row.chat_id = ERASED_CHAT_BASE - row.id
        if row.kind == NOTICE:  # a receipt's key names the update that asked for it
            row.key = f"erased:{row.id}"
        row.user_id = None
        row.message_id = None
        row.payload = {k: v for k, v in row.payload.items() if k != "language"}
        row.error = who.scrub_ids(row.error) if row.error else row.error


async def _anonymise_broadcasts(session: AsyncSession, telegram_id: int, now: datetime) -> int:
    """The person's own broadcasts: drafts go; what is scheduled or sending is stopped; the
    rest keep their figures but lose their author and their content (the author's words,
    which may say anything about them). Broadcasts others wrote are never changed.

    A broadcast belongs to its author, who is leaving: what they had not sent yet goes with
    them (an admin may send it again), and progress reports have no chat to go to.
    """
    withdrawn = 0
    for b in list(
        await session.scalars(select(Broadcast).where(Broadcast.created_by == telegram_id))
    ):
        if b.status == "draft" or (b.status == "cancelled" and b.started_at is None):
            await session.delete(b)
            continue
        if b.status in {"scheduled", "sending"}:
            await broadcasts.stop(session, b.id, now)
            withdrawn += 1
        b.created_by = b.progress_chat_id = ERASED_ID
        b.progress_message_id = None
        b.content_kind, b.text_html, b.file_id = "text", CUT, None
    return withdrawn


async def _anonymise_audit(session: AsyncSession, who: Identity) -> None:
    """The trail keeps every entry's time, action and shape; the person's id becomes 0 where
    they acted and where an entry is about them (AUDIT_PERSON_KEYS); nothing else changes."""
    for entry in await session.scalars(select(AuditEntry)):
        if entry.actor_id in who.ids:
            entry.actor_id = ERASED_ID
        scrubbed = who.scrub_audit(entry.params)
        if scrubbed != entry.params:
            entry.params = scrubbed


async def _purge_inbox_of(session: AsyncSession, who: Identity, current: int | None) -> int:
    """Delete handled raw updates from or about the person, at once.

    Their own chat's updates up to `current` are handled (a chat's updates are handled in
    order, whether or not they are marked yet); elsewhere only rows marked handled are
    touched, so no one else's update is lost before it is handled. Another chat's update goes
    when it holds the person's id, username or full name as a whole (`in_raw_update`): a row
    is deleted, never altered, and only once handled — the retention period would delete it
    anyway — so a full name that is also an ordinary word costs nothing but an early purge.
    """
    text = cast(InboxUpdate.payload, Text)
    mentions = [text.contains(token, autoescape=True) for token in who.tokens()]
    mentions += [func.lower(text).contains(u, autoescape=True) for u in who.usernames]
    own_chat = InboxUpdate.chat_id.in_(who.ids)
    handled: ColumnElement[bool] = InboxUpdate.processed_at.is_not(None)
    if current is not None:
        handled = or_(handled, own_chat & (InboxUpdate.update_id <= current))
    rows = await session.execute(
        select(InboxUpdate.update_id, InboxUpdate.chat_id, InboxUpdate.payload).where(
            handled, or_(own_chat, *mentions)
        )
    )
    doomed = [uid for uid, chat, payload in rows if chat in who.ids or who.in_raw_update(payload)]
    for start in range(0, len(doomed), PURGE_BATCH):
        chunk = doomed[start : start + PURGE_BATCH]
        await session.execute(delete(InboxUpdate).where(InboxUpdate.update_id.in_(chunk)))
    return len(doomed)


async def purge_handled_inbox(session: AsyncSession, before: datetime) -> int:
    """Delete up to PURGE_BATCH raw updates handled before `before`; returns how many."""
    oldest = (
        select(InboxUpdate.update_id)
        .where(InboxUpdate.processed_at < before)
        .order_by(InboxUpdate.processed_at)
        .limit(PURGE_BATCH)
    )
    result = await session.execute(
        delete(InboxUpdate).where(InboxUpdate.update_id.in_(oldest.scalar_subquery()))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
