"""The staff list: preview a file against the current roster, import it in one transaction,
summarise and export it.

Identity across imports: the staff code when both rows have one, else the folded name (and
the unit too when the name is not unique, in the file or on the roster). People no longer
listed are marked `left_at`, never deleted: their check-ins stay; listed again, they return.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.roster import Parsed, Person, RowProblem, read
from bot.core.textnorm import match_key, natural_key
from bot.core.unit_code import unit_code
from bot.services.profile import unit_key
from db.queries import roster as q
from db.queries.admin import audit
from db.queries.roster import Entry, ExportRow, UnitRecord
from db.session import Sessions

__all__ = ["ExportRow", "Imported", "Move", "Preview", "import_roster", "preview", "summary"]

MAX_NAMED = 20  # people named in a preview's moves and leavers; the rest are counted


@dataclass(frozen=True, slots=True)
class Move:
    """Someone on the list whose unit changes: names as the roster and the file spell them."""

    full_name: str
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class Changes:
    added: int = 0  # never on the roster before
    returned: int = 0  # had left, listed again
    moved: int = 0  # unit changed
    left: int = 0  # no longer listed: marked as left
    unchanged: int = 0
    new_units: tuple[str, ...] = ()  # units the import creates (or brings back from archive)
    moves: tuple[Move, ...] = ()  # the first MAX_NAMED who move, by unit and name
    leavers: tuple[str, ...] = ()  # the first MAX_NAMED who leave ("Name (unit)"), likewise

    @property
    def any(self) -> bool:
        return bool(self.added or self.returned or self.moved or self.left or self.new_units)


@dataclass(frozen=True, slots=True)
class Preview:
    people: int
    units: int
    problems: tuple[RowProblem, ...]
    not_stored: tuple[str, ...]
    changes: Changes
    token: str  # the roster's state this preview was made against
    marked_left: int = 0  # rows the file's status column marks as left: not listed


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did; `stale`: the roster changed since the preview, nothing was done
    (`preview` is the new one); `already`: this same list is already the roster."""

    preview: Preview
    done: bool = False
    stale: bool = False
    already: bool = False
    linked: int = 0  # officials who registered before and are now linked to their row
    followed: int = 0  # linked officials moved to the unit the list names for them


@dataclass(frozen=True, slots=True)
class Summary:
    people: int
    units: int
    left: int
    last_import: datetime | None


@dataclass
class _Plan:
    new: list[Person] = field(default_factory=list)
    updates: list[tuple[Entry, Person]] = field(default_factory=list)
    leaving: list[Entry] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    new_units: dict[str, str] = field(default_factory=dict)  # key -> name


def _match(parsed: Parsed, people: Sequence[Entry], unit_keys: dict[int, str]) -> _Plan:
    plan = _Plan()
    by_code = {e.staff_code.casefold(): e for e in people if e.staff_code}
    by_name: defaultdict[str, list[Entry]] = defaultdict(list)
    for entry in people:
        by_name[entry.name_key].append(entry)
    in_file = Counter(p.name_key for p in parsed.people)
    # Staff codes first, for every row: a name match below must never take a stored row that
    # a later row's code names (that row would then be inserted with a code already held).
    coded = {
        person.row: by_code[person.code.casefold()]
        for person in parsed.people
        if person.code and person.code.casefold() in by_code
    }
    used: set[int] = {entry.id for entry in coded.values()}
    for person in parsed.people:
        found = coded.get(person.row)
        if found is not None:
            used.discard(found.id)  # claimed below, as every match is
        else:
            candidates = [
                e
                for e in by_name[person.name_key]
                if e.id not in used and not (person.code and e.staff_code)
            ]
            if in_file[person.name_key] > 1 or len(by_name[person.name_key]) > 1:
                candidates = [e for e in candidates if unit_keys[e.unit_id] == person.unit_key]
            found = candidates[0] if candidates else None
        if found is None or found.id in used:
            plan.new.append(person)
            plan.counts["added"] += 1
            continue
        used.add(found.id)
        plan.updates.append((found, person))
        moved = unit_keys[found.unit_id] != person.unit_key
        kind = "returned" if found.left else "moved" if moved else "unchanged"
        plan.counts[kind] += 1
    plan.leaving = [e for e in people if e.id not in used and not e.left]
    plan.counts["left"] = len(plan.leaving)
    return plan


async def _state(
    session: AsyncSession, lock: bool = False
) -> tuple[list[Entry], list[UnitRecord], str]:
    units = await q.units(session, lock=lock)  # first: the lock orders concurrent imports
    people = await q.entries(session)
    return people, units, q.fingerprint(people, units)


def _plan(parsed: Parsed, people: list[Entry], units: list[UnitRecord]) -> _Plan:
    plan = _match(parsed, people, {u.id: u.name_key for u in units})
    active = {u.name_key for u in units if not u.archived}
    plan.new_units = {k: name for k, name in parsed.units.items() if k not in active}
    return plan


def _named(plan: _Plan, units: list[UnitRecord]) -> tuple[tuple[Move, ...], tuple[str, ...]]:
    """Who moves (from -> to) and who leaves, by unit then name, the first MAX_NAMED each."""
    names = {u.id: u.name for u in units}
    by_key = {u.name_key: u.name for u in units}
    moves = sorted(
        (
            Move(e.full_name, names[e.unit_id], by_key.get(p.unit_key, p.unit))
            for e, p in plan.updates
            if not e.left and names[e.unit_id] != by_key.get(p.unit_key, p.unit)
        ),
        key=lambda m: (natural_key(m.target), natural_key(m.full_name)),
    )
    leavers = sorted(
        plan.leaving, key=lambda e: (natural_key(names[e.unit_id]), natural_key(e.full_name))
    )
    shown = tuple(f"{e.full_name} ({names[e.unit_id]})" for e in leavers[:MAX_NAMED])
    return tuple(moves[:MAX_NAMED]), shown


def _preview(parsed: Parsed, plan: _Plan, token: str, units: list[UnitRecord]) -> Preview:
    c = plan.counts
    moves, leavers = _named(plan, units)
    changes = Changes(
        c["added"], c["returned"], c["moved"], c["left"], c["unchanged"],
        tuple(sorted(plan.new_units.values(), key=natural_key)), moves, leavers,
    )  # fmt: skip
    return Preview(
        len(parsed.people), len(parsed.units), parsed.problems, parsed.not_stored, changes, token,
        parsed.marked_left,
    )  # fmt: skip


async def preview(sessions: Sessions, rows: Sequence[Sequence[str]]) -> Preview:
    """What importing these rows would do; changes nothing. Raises RosterError for a file
    that cannot be imported at all."""
    # Reading and matching 50,000 rows takes seconds of CPU: off the event loop, so every
    # other chat is answered meanwhile.
    parsed = await asyncio.to_thread(read, rows)
    async with sessions() as session:
        people, units, token = await _state(session)
    plan = await asyncio.to_thread(_plan, parsed, people, units)
    return _preview(parsed, plan, token, units)


async def _units_for(
    session: AsyncSession, parsed: Parsed, units: list[UnitRecord], now: datetime
) -> dict[str, int]:
    """unit key -> unit id for every unit the file names, creating or unarchiving."""
    by_key = {u.name_key: u for u in units}
    taken = {u.code for u in units if u.code}
    ids: dict[str, int] = {}
    for key, name in parsed.units.items():
        unit = by_key.get(key)
        if unit is None:
            code = unit_code(name, taken)
            taken.add(code)
            ids[key] = await q.add_unit(session, name, unit_key(name), code, now)
            continue
        if unit.archived:  # listed again: the unit is in use again
            await q.set_unit(session, unit.id, archived_at=None, merged_into_id=None)
        ids[key] = unit.id
    return ids


def _update(entry: Entry, person: Person, unit_id: int, now: datetime) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    if entry.full_name != person.full_name:
        values.update(full_name=person.full_name, name_key=person.name_key)
    if entry.unit_id != unit_id:
        values["unit_id"] = unit_id
    if person.code and entry.staff_code != person.code:
        values["staff_code"] = person.code
    if entry.left:
        values["left_at"] = None
    return {"id": entry.id, "updated_at": now, **values} if values else None


async def import_roster(
    sessions: Sessions,
    rows: Sequence[Sequence[str]],
    actor_id: int,
    now: datetime,
    token: str | None = None,
    via: str | None = None,
) -> Imported:
    """Import the rows in one transaction, if the roster is still as `token` saw it (None:
    whatever it is now, the CLI's --yes). Audited with counts only."""
    parsed = await asyncio.to_thread(read, rows)
    async with sessions() as session, session.begin():
        people, units, current = await _state(session, lock=True)
        plan = await asyncio.to_thread(_plan, parsed, people, units)
        shown = _preview(parsed, plan, current, units)
        if token is not None and token != current:
            return Imported(shown, stale=True, already=not shown.changes.any)
        unit_ids = await _units_for(session, parsed, units, now)
        await q.add_people(
            session,
            [
                {
                    "full_name": p.full_name,
                    "name_key": p.name_key,
                    "unit_id": unit_ids[p.unit_key],
                    "staff_code": p.code,
                    "created_at": now,
                    "updated_at": now,
                }
                for p in plan.new
            ],
        )
        changed = [_update(e, p, unit_ids[p.unit_key], now) for e, p in plan.updates]
        leaving = [{"id": e.id, "left_at": now, "updated_at": now} for e in plan.leaving]
        await q.update_people(session, [*(c for c in changed if c is not None), *leaving])
        c = shown.changes
        params: dict[str, int | str] = {
            "people": shown.people,
            "added": c.added,
            "returned": c.returned,
            "moved": c.moved,
            "left": c.left,
            "units_created": len(c.new_units),
        }
        # Officials who registered before the list (or under a unit merged since) are
        # linked now, and linked ones follow the list's unit.
        await session.flush()
        found = await q.link_registered(session, match_key, now)
        params.update(linked=found.linked, followed=found.moved)
        if via is not None:
            params["via"] = via
        await audit(session, actor_id, "roster_import", params, now)
    return Imported(shown, done=True, linked=found.linked, followed=found.moved)


async def summary(sessions: Sessions) -> Summary:
    async with sessions() as session:
        people = await q.entries(session)
        last = await q.last_import(session)
    here = [p for p in people if not p.left]
    return Summary(len(here), len({p.unit_id for p in here}), len(people) - len(here), last)


async def export_rows(sessions: Sessions) -> list[ExportRow]:
    """Everyone on the roster, those still listed first, by unit and name."""
    async with sessions() as session:
        return await q.export_rows(session)
