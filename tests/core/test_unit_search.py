"""bot.core.unit_search: part of a name, no diacritics, initials; deterministic."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.unit_search import initials, search

UNITS = [
    "Phòng Kế toán",
    "Phòng Quản lý Khoa học",
    "Phòng Kế hoạch - Tài chính",
    "Văn phòng Sở",
    "Phòng Tổng hợp",
]


def found(query: str) -> list[str]:
    return [UNITS[i] for i in search(query, UNITS)]


def test_part_of_a_name_with_or_without_diacritics_and_initials() -> None:
    assert found("ke toan") == ["Phòng Kế toán"]
    assert found("KẾ TOÁN") == ["Phòng Kế toán"]
    assert found("KHTC") == ["Phòng Kế hoạch - Tài chính"]
    assert found("qlkh") == ["Phòng Quản lý Khoa học"]
    assert found("tong") == ["Phòng Tổng hợp"]
    assert found("ke") == ["Phòng Kế toán", "Phòng Kế hoạch - Tài chính"]
    assert found("xyz") == [] and found("  ") == []
    assert found("phòng kế toán") == ["Phòng Kế toán"]  # the exact name alone
    assert initials("Văn phòng Sở") == {"vps"}


@given(st.text(max_size=40))
def test_any_text_gives_valid_indexes_in_order_and_the_same_each_time(query: str) -> None:
    first = search(query, UNITS)
    assert first == search(query, UNITS)
    assert first == sorted(set(first)) and all(0 <= i < len(UNITS) for i in first)


@given(st.sampled_from(UNITS))
def test_every_name_finds_itself(name: str) -> None:
    assert UNITS.index(name) in search(name, UNITS)
