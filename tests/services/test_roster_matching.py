"""The import's matching, as properties: the same list twice changes nothing, and every
person of a file is counted exactly once (added, returned, moved or unchanged)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.roster import HEADERS, NAME, UNIT, read
from bot.services.roster import _plan
from db.queries.roster import Entry, UnitRecord

_NAMES = st.sampled_from(["An", "Bình", "binh", "Chi", "Dũng", "Nguyễn Văn An", "An "])
_UNITS = st.sampled_from(["Phòng A", "phong a", "Phòng B", "Tổ C"])
_CODES = st.one_of(st.none(), st.sampled_from(["1", "2", "3", "A1"]))
_ROWS = st.lists(st.tuples(_NAMES, _UNITS, _CODES), min_size=1, max_size=12)
HEAD = [sorted(HEADERS[NAME])[0], sorted(HEADERS[UNIT])[0], "Mã cán bộ"]


def _table(rows: list[tuple[str, str, str | None]]) -> list[list[str]]:
    return [HEAD, *([name, unit, code or ""] for name, unit, code in rows)]


def _imported(rows: list[tuple[str, str, str | None]]) -> tuple[list[Entry], list[UnitRecord]]:
    """The roster and units as importing `rows` into an empty database leaves them."""
    parsed = read(_table(rows))
    keys = list(parsed.units)
    units = [UnitRecord(i + 1, parsed.units[k], k, None, False) for i, k in enumerate(keys)]
    people = [
        Entry(n + 1, p.full_name, p.name_key, keys.index(p.unit_key) + 1, p.code, False)
        for n, p in enumerate(parsed.people)
    ]
    return people, units


@given(_ROWS)
def test_the_same_list_twice_changes_nothing(rows: list[tuple[str, str, str | None]]) -> None:
    people, units = _imported(rows)
    parsed = read(_table(rows))
    plan = _plan(parsed, people, units)
    assert plan.new == [] and plan.leaving == [] and plan.new_units == {}
    assert plan.counts["unchanged"] == len(parsed.people)


@given(_ROWS, _ROWS)
def test_every_person_is_counted_once(
    before: list[tuple[str, str, str | None]], after: list[tuple[str, str, str | None]]
) -> None:
    people, units = _imported(before)
    parsed = read(_table(after))
    plan = _plan(parsed, people, units)
    c = plan.counts
    assert c["added"] + c["returned"] + c["moved"] + c["unchanged"] == len(parsed.people)
    matched = {entry.id for entry, _ in plan.updates}
    assert len(matched) == len(plan.updates)  # nobody on the roster matched twice
    assert {e.id for e in plan.leaving} == {e.id for e in people} - matched
