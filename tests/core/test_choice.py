"""bot/core/choice.py: a typed answer read as one of the buttons."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.choice import pick, words

UNITS = {1: ("Phòng Kế toán",), 2: ("Phòng Tổng hợp",), 3: ("Phòng Kế toán 2",)}


def test_examples() -> None:
    assert pick("ke toan 2", UNITS) == 3
    assert pick("Phòng Kế toán", UNITS) == 1  # typed in full wins over the longer name
    assert pick("ke toan", UNITS) is None  # in two names
    assert pick("tong hop", UNITS) == 2
    assert pick("phong", UNITS) is None
    assert pick("", UNITS) is None
    assert pick("gửi tất cả", {"all": ("tất cả",), "unit": ("đơn vị",)}) == "all"


@given(st.text())
def test_never_fails_and_answers_a_key_or_none(text: str) -> None:
    assert pick(text, UNITS) in {None, 1, 2, 3}


@given(st.sampled_from(sorted(UNITS)), st.booleans())
def test_a_name_typed_in_full_in_any_case_is_found(key: int, upper: bool) -> None:
    name = UNITS[key][0]
    assert pick(name.upper() if upper else name, UNITS) == key


@given(st.text())
def test_words_are_folded_and_single_spaced(text: str) -> None:
    folded = words(text)
    assert "  " not in folded and folded == folded.strip() and folded == words(folded)
