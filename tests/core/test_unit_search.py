"""bot.core.unit_search: part of a name, no diacritics, initials; deterministic."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.textnorm import match_key
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


def test_mixed_forms_start_the_words_in_order() -> None:
    assert found("phong ql") == ["Phòng Quản lý Khoa học"]
    assert found("p.ktoan") == ["Phòng Kế toán"]
    assert found("P. Kế toán") == ["Phòng Kế toán"]
    assert found("ql khoa hoc") == ["Phòng Quản lý Khoa học"]
    assert found("kh-tc") == ["Phòng Kế hoạch - Tài chính"]
    assert found("vp so") == ["Văn phòng Sở"]
    assert found("phong qlx") == [] and found("toan ke") == []  # out of order: not found


WORD = st.text(alphabet="abcdeghiklmnopqrstuvxyđàáâãèéêìíòóôõùúăơưạảấầẩẫậ", min_size=1, max_size=8)


@st.composite
def name_and_abbreviation(draw: st.DrawFn) -> tuple[str, str]:
    """A unit name and what someone might type for it: some of its words in order, each
    typed word the first letters (one or more) of one or more consecutive words."""
    words = draw(st.lists(WORD, min_size=1, max_size=6))
    name = " ".join(w.capitalize() for w in words)
    tokens: list[str] = []
    i = draw(st.integers(0, len(words) - 1))
    while i < len(words):
        run = draw(st.integers(1, len(words) - i))
        token = "".join(w[: draw(st.integers(1, len(w)))] for w in words[i : i + run])
        tokens.append(token.upper() if draw(st.booleans()) else token)
        i += run + draw(st.integers(0, 2))  # words may be left out between typed words
    separator = draw(st.sampled_from([" ", ".", " - ", ". ", ","]))
    return name, separator.join(tokens)


@given(name_and_abbreviation(), st.lists(st.sampled_from(UNITS), max_size=3))
def test_prefixes_of_the_words_in_order_find_the_unit(
    case: tuple[str, str], others: list[str]
) -> None:
    name, typed = case
    names = [*others, name]
    result = search(typed, names)
    exact = [i for i, n in enumerate(names) if match_key(n) == match_key(typed)]
    assert len(names) - 1 in result or (exact and result == exact)  # another name exactly
