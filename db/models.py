"""ORM models. Only the personal data the week needs: Telegram id, full name, unit, check-ins."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always gives them back aware (SQLite drops offsets)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError("naive datetime given to the database; use the injected clock")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Unit(Base):
    """A department or office (phòng/ban/đơn vị) officials belong to."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Folded name: "Phòng Tổng hợp" and "phong tong hop" are the same unit.
    name_key: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Short stable code for the unit's invite link (t.me/<bot>?start=u-<code>); set when an
    # admin or the roster manages the unit list, kept across renames.
    code: Mapped[str | None] = mapped_column(String(32), unique=True)
    # Archived units are hidden from registration, pickers and reports, never deleted (their
    # members' check-ins stay theirs). A merge archives the unit merged away.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The unit this one was merged into: its invite links (printed on posters) lead there.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))


class User(Base):
    """A Telegram user who talked to the bot; registered once full name and unit are set."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # Lower-case (Telegram usernames are case-insensitive), kept current from every update;
    # a username someone else now holds is cleared here, so it never resolves to this user.
    username: Mapped[str | None] = mapped_column(String(64), index=True)
    username_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    language_code: Mapped[str | None] = mapped_column(String(16))
    full_name: Mapped[str | None] = mapped_column(String(100))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    is_active: Mapped[bool] = mapped_column(default=True)  # False once they blocked the bot
    reminders_enabled: Mapped[bool] = mapped_column(default=True, server_default=true())
    role: Mapped[str | None] = mapped_column(String(16))  # "organiser"; admins come from settings
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the person agreed to the data notice, and which version of it (Decree 356/2025).
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent_version: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    unit: Mapped[Unit | None] = relationship(lazy="raise")


class Checkin(Base):
    """One self-study entry. `source` names the Telegram update that made it (idempotency)."""

    __tablename__ = "checkins"
    __table_args__ = (
        UniqueConstraint("user_id", "source", name="uq_checkins_user_source"),
        CheckConstraint("minutes > 0 AND minutes <= 720", name="minutes_range"),
        Index("ix_checkins_user_day", "user_id", "local_date"),
        Index("ix_checkins_day", "local_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    local_date: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    activity: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Undo keeps the row (and its source) so a redelivered update cannot bring it back.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class GroupChat(Base):
    """A group (a department's chat) subscribed to the week's morning messages."""

    __tablename__ = "group_chats"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    title: Mapped[str | None] = mapped_column(String(255))
    subscribed: Mapped[bool] = mapped_column(default=True)
    # Telegram id of the organiser; 0 once that person erased their data.
    subscribed_by: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PlannedRun(Base):
    """One schedule item (e.g. morning@2023-10-03) whose recipients have been chosen."""

    __tablename__ = "planned_runs"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    edition_year: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recipients: Mapped[int] = mapped_column(Integer)


class Outbox(Base):
    """One message to one chat, planned ahead and delivered at most once.

    status: pending -> sending (claimed) -> sent | failed | skipped_late | unknown.
    A claim belongs to one process (`claimed_by`, renewed while it lives); `handed_at` is set
    just before the request leaves. `unknown` is a row handed to HTTP with no answer (the
    process died, or the request timed out): Telegram has no idempotency key, so it is
    counted, not resent, unless an organiser asks for it once (`resent_at`). A claimed row
    never handed over goes back to the queue.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("kind", "key", "chat_id", name="uq_outbox_kind_key_chat"),
        Index("ix_outbox_status_due", "status", "due_at"),
        Index("ix_outbox_key", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "reminder", "broadcast" or "notice"
    key: Mapped[str] = mapped_column(String(64))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(32))  # the claiming process
    handed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)


class Broadcast(Base):
    """An organiser's message to everyone or a segment; its recipients are outbox rows.

    status: draft -> scheduled -> sending -> done | stopped; draft -> cancelled.
    """

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)  # Telegram id of the author; 0 if erased
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    content_kind: Mapped[str] = mapped_column(String(16))  # text | photo | document
    text_html: Mapped[str] = mapped_column(Text, default="")
    file_id: Mapped[str | None] = mapped_column(String(255))
    audience: Mapped[str | None] = mapped_column(String(16))
    audience_unit_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    total: Mapped[int] = mapped_column(Integer, default=0)
    progress_chat_id: Mapped[int] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """Who did what, when, with which parameters: every admin and organiser action."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int] = mapped_column(BigInteger)  # 0: a person who erased their data
    action: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)


class DailyTotal(Base):
    """Check-ins per user per local day, kept in step with `checkins` in the same transaction.

    Reports read this rollup (at most officials × days rows) instead of every check-in.
    """

    __tablename__ = "daily_totals"
    # Covering: the report queries read only the index.
    __table_args__ = (Index("ix_daily_totals_day", "local_date", "user_id", "checkins", "minutes"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    local_date: Mapped[date] = mapped_column(Date, primary_key=True)
    checkins: Mapped[int] = mapped_column(Integer, default=0)
    minutes: Mapped[int] = mapped_column(Integer, default=0)


class InboxUpdate(Base):
    """A raw Telegram update, stored before Telegram is told to forget it (durable polling)."""

    __tablename__ = "inbox"
    __table_args__ = (Index("ix_inbox_pending", "processed_at", "chat_id", "update_id"),)

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # The chat the update belongs to (0 if none): replicas split the work by chat.
    chat_id: Mapped[int] = mapped_column(BigInteger, default=0)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ConversationState(Base):
    """A conversation's step, or a person's flow draft, kept so that a restart (or the next
    process) picks the conversation up where it was. Rows live only while a flow is open:
    they go when it ends, when it is older than its timeout, and with the person (erasure)."""

    __tablename__ = "conversation_state"

    # The conversation's name, or DRAFT for a person's draft (db/queries/conversations.py).
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The conversation key as JSON ("[chat, user]"), or the user id of a draft.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)  # whose (erasure)
    state: Mapped[Any | None] = mapped_column(JSON)
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class EditionRecord(Base):
    """One year's edition, as an admin saved it from the notice (or seeded from the packaged
    editions file). `data` holds the fields of bot.core.editions.Edition, dates as ISO text."""

    __tablename__ = "editions"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    origin: Mapped[str] = mapped_column(String(16))  # "seed", "chat" or "cli"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    updated_by: Mapped[int | None] = mapped_column(BigInteger)  # Telegram id; None: seed/CLI


class RosterPerson(Base):
    """One person on the agency's staff list (the roster an admin imported).

    Only what matching and headcount need: name, unit, the agency's own staff code if the
    list has one. E-mail and phone columns are recognised in the file but not stored
    (minimal data, Decree 356/2025). A person no longer listed is marked `left_at`, never
    deleted; `user_id` links the row to the official who registered as this person.
    """

    __tablename__ = "roster_people"
    __table_args__ = (Index("ix_roster_people_unit", "unit_id", "left_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), index=True)  # folded, for matching
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    staff_code: Mapped[str | None] = mapped_column(String(32), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), unique=True
    )
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Certificate(Base):
    """A participation certificate issued to one person for one edition. What it says (name,
    unit, days, minutes) is kept as issued, so `/xacthuc` confirms the document in someone's
    hands; it is refreshed when the person asks again. Erasure deletes it with the person."""

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("user_id", "edition_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # bot.core.cert_code, no dashes
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    edition_year: Mapped[int] = mapped_column(Integer)
    full_name: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(120))
    days: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
