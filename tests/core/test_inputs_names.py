"""One rule for names and units wherever they come from: no HTML-like tag, no leading
formula character (bot.core.inputs.name_problem)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.inputs import (
    FORMULA_CHARS,
    InputError,
    InputProblem,
    clean_full_name,
    clean_unit,
    name_problem,
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<b>Bold</b> Name", InputProblem.MARKUP),
        ("Phòng <script>alert(1)</script>", InputProblem.MARKUP),
        ("An </i>", InputProblem.MARKUP),
        ("An <!-- x", InputProblem.MARKUP),
        ('=HYPERLINK("http://x", "An")', InputProblem.FORMULA),
        ("+cmd", InputProblem.FORMULA),
        ("-2+3 An", InputProblem.FORMULA),
        ("@SUM(1) An", InputProblem.FORMULA),
        ("  =A1", InputProblem.FORMULA),
    ],
)
def test_tags_and_formulas_are_refused_for_names_and_units(
    text: str, problem: InputProblem
) -> None:
    assert name_problem(text) is problem
    for clean in (clean_full_name, clean_unit):
        with pytest.raises(InputError) as caught:
            clean(text)
        assert caught.value.problem is problem


@pytest.mark.parametrize(
    "text",
    ["Phòng A < B", "Lê <> & Co", "Phòng Kế hoạch - Tài chính", "O'Neil Trần", "An 1+1=2"],
)
def test_ordinary_punctuation_is_kept(text: str) -> None:
    assert name_problem(text) is None
    assert clean_full_name(text) == text and clean_unit(text) == text


@given(st.text(alphabet=st.characters(blacklist_characters="<=+-@"), max_size=40))
def test_text_without_angle_brackets_or_formula_characters_passes(text: str) -> None:
    assert name_problem(text) is None


@given(st.sampled_from(FORMULA_CHARS), st.text(max_size=20))
def test_any_leading_formula_character_is_refused(first: str, rest: str) -> None:
    assert name_problem(first + rest) is not None


@given(st.text(max_size=10), st.sampled_from("abzABZ/!"), st.text(max_size=10))
def test_a_tag_anywhere_is_refused(before: str, after_lt: str, rest: str) -> None:
    assert name_problem(f"{before}<{after_lt}{rest}") is not None
