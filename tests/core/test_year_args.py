"""A command's year argument (34b): "/chude 2021" and "/chude năm 2021" name the same year;
anything else is still refused."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.numbers import YEAR_MAX, YEAR_MIN, YEAR_WORDS, parse_year, parse_year_args
from bot.core.textnorm import fold


@pytest.mark.parametrize(
    ("args", "year"),
    [
        (["2021"], 2021),
        (["năm", "2021"], 2021),
        (["nam", "2021"], 2021),
        (["Năm", "2023"], 2023),
        ([unicodedata.normalize("NFD", "năm"), "2021"], 2021),  # decomposed diacritics
        (["year", "2021"], 2021),
        (["2021", "abc"], 2021),  # as before: the first argument is the year
        ([], None),
        (["năm"], None),
        (["năm", "abc"], None),
        (["năm", "²⁰²¹"], None),
        (["năm", "-2021"], None),
        (["năm", "năm", "2021"], None),
        (["tháng", "2021"], None),
        (["2021abc"], None),
        (["năm2021"], None),
    ],
)
def test_year_with_or_without_the_word(args: list[str], year: int | None) -> None:
    assert parse_year_args(args) == year


@given(st.integers(YEAR_MIN, YEAR_MAX), st.sampled_from(["năm", "nam", "NĂM", "Nam", "year"]))
def test_the_word_before_a_year_changes_nothing(year: int, word: str) -> None:
    assert parse_year_args([word, str(year)]) == parse_year_args([str(year)]) == year


@given(st.lists(st.text(max_size=12), max_size=4))
def test_any_arguments_give_a_year_in_range_or_none(args: list[str]) -> None:
    found = parse_year_args(args)
    assert found is None or YEAR_MIN <= found <= YEAR_MAX
    # Never more lenient than the plain parser on the token that holds the year.
    if found is not None:
        assert found in {parse_year(a) for a in args[:2]}


@given(st.text(max_size=12).filter(lambda w: fold(w) not in YEAR_WORDS))
def test_another_word_before_a_year_is_refused(word: str) -> None:
    assert parse_year_args([word, "2021"]) == parse_year(word)
