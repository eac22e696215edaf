"""Editions kept in the database: seeded from the packaged file, saved from a notice (chat or
command line, audited), and loaded into the running bot's `EditionBook`.

The database is the truth once the bot has started: the packaged TOML (or `EDITIONS_FILE`)
only fills the years the table lacks, never overwriting a year an admin saved.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.core.editions import (
    Edition,
    EditionBook,
    Editions,
    EditionsError,
    edition_data,
    edition_from_data,
)
from bot.core.roles import Role
from bot.services.access import role_of
from db.queries.admin import audit
from db.queries.editions import all_editions, edition_row, last_change, put_edition
from db.session import Sessions

CLI_ACTOR = -1  # the audit log's actor for the command line (no Telegram id)


@dataclass(frozen=True, slots=True)
class Listed:
    """A stored edition with where it came from."""

    edition: Edition
    origin: str  # "seed", "chat" or "cli"
    updated_at: datetime
    updated_by: int | None


@dataclass(frozen=True, slots=True)
class Saved:
    year: int
    created: bool  # False: the year existed and was replaced
    unchanged: bool = False  # the year existed with these very facts: nothing written


async def seed(sessions: Sessions, packaged: Editions, now: datetime) -> tuple[int, ...]:
    """Store the packaged editions the table lacks, and follow the file for the years it
    seeded (an operator edited EDITIONS_FILE); a year saved from chat or the command line is
    never overwritten. The years written."""
    written = []
    async with sessions() as s, s.begin():
        rows = {row.year: row for row in await all_editions(s)}
        for edition in packaged.all:
            data, row = edition_data(edition), rows.get(edition.year)
            if row is None or (row.origin == "seed" and row.data != data):
                await put_edition(s, edition.year, data, origin="seed", by=None, now=now)
                written.append(edition.year)
    return tuple(written)


async def listing(sessions: Sessions) -> list[Listed]:
    """Every stored edition, newest year first (a row that no longer checks is skipped)."""
    async with sessions() as s:
        rows = await all_editions(s)
    listed = []
    for row in rows:
        try:
            edition = edition_from_data(row.data)
        except EditionsError:
            continue
        if row.origin != "seed":
            # An admin who saved it has the notice in hand, whatever date it bears.
            edition = replace(edition, saved_on=row.created_at.date())
        listed.append(Listed(edition, row.origin, row.updated_at, row.updated_by))
    return listed


async def stored(sessions: Sessions, year: int) -> Edition | None:
    async with sessions() as s:
        row = await edition_row(s, year)
    return None if row is None else edition_from_data(row.data)


async def refresh(sessions: Sessions, book: EditionBook, *, force: bool = False) -> bool:
    """Reload the book if the table changed since it was loaded (or `force`: right after
    this replica saved, whatever the clock says); True if it was reloaded."""
    async with sessions() as s:
        version = await last_change(s)
    if version is None or (version == book.version and not force):
        return False
    editions = [item.edition for item in await listing(sessions)]
    if not editions:
        return False
    book.replace(Editions(editions), version)
    return True


async def save(
    sessions: Sessions,
    edition: Edition,
    *,
    actor: int | None,
    admin_ids: frozenset[int],
    origin: str,
    now: datetime,
) -> Saved | None:
    """Store the year's edition and audit it in one transaction. From chat, `actor` must
    still be an admin at this moment (None otherwise: nothing saved)."""
    async with sessions() as s, s.begin():
        if actor is not None and await role_of(s, actor, admin_ids) < Role.ADMIN:
            return None
        before = await edition_row(s, edition.year)
        data = edition_data(edition)
        if before is not None and before.data == data:
            return Saved(edition.year, created=False, unchanged=True)  # no write, no audit
        created = await put_edition(s, edition.year, data, origin=origin, by=actor, now=now)
        changed = sorted(
            k
            for k in set(data) | set(before.data if before else {})
            if before is None or before.data.get(k) != data.get(k)
        )
        await audit(
            s,
            actor if actor is not None else CLI_ACTOR,
            "edition_save",
            {"year": edition.year, "origin": origin, "created": created, "fields": changed},
            now,
        )
    return Saved(edition.year, created)


async def publish(
    sessions: Sessions,
    book: EditionBook,
    edition: Edition,
    *,
    actor: int,
    admin_ids: frozenset[int],
    now: datetime,
) -> Saved | None:
    """An admin's save from chat: stored and audited, then this replica's book reloaded at
    once (the others reload within a minute). None if the actor is no longer an admin."""
    saved = await save(sessions, edition, actor=actor, admin_ids=admin_ids, origin="chat", now=now)
    if saved is not None:
        await refresh(sessions, book, force=True)
    return saved
