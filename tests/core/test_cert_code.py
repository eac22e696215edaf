"""Certificate codes: a typo is refused before any lookup; what people type is forgiven."""

from __future__ import annotations

import re

from hypothesis import assume, given
from hypothesis import strategies as st

from bot.core.cert_code import (
    ALPHABET,
    LENGTH,
    RANDOM_SYMBOLS,
    check_symbol,
    find,
    new_code,
    normalise,
    shown,
)

bodies = st.text(alphabet=ALPHABET, min_size=RANDOM_SYMBOLS, max_size=RANDOM_SYMBOLS)
codes = bodies.map(lambda body: body + check_symbol(body))
ZERO_Z = {"0", "Z"}  # 0 and 31 weigh the same modulo 31: the one substitution not caught


def test_a_new_code_is_ten_symbols_shown_in_two_groups() -> None:
    code = new_code()
    assert len(code) == LENGTH and set(code) <= set(ALPHABET)
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", shown(code))
    assert normalise(shown(code)) == code


def test_known_values() -> None:
    body = "7K4MQ9XP3"
    code = body + check_symbol(body)
    assert normalise(f" {code[:5].lower()} – {code[5:]} ") == code
    assert normalise("") is None
    assert normalise("7K4MQ-9XP3") is None  # one symbol short
    assert normalise(code + "0") is None
    assert normalise("7K4MQ-9XP3U") is None  # U is not in the alphabet


@given(st.data())
def test_new_codes_normalise_to_themselves(data: st.DataObject) -> None:
    code = new_code()
    assert normalise(code) == code
    assert normalise(shown(code)) == code


@given(codes)
def test_valid_codes_normalise_to_themselves(code: str) -> None:
    assert normalise(code) == code


@given(codes, st.integers(0, LENGTH - 1), st.sampled_from(ALPHABET))
def test_a_single_substitution_is_refused(code: str, position: int, symbol: str) -> None:
    assume(symbol != code[position])
    assume({symbol, code[position]} != ZERO_Z)
    typo = code[:position] + symbol + code[position + 1 :]
    assert normalise(typo) is None
    assert normalise(shown(typo)) is None


@given(codes, st.integers(0, RANDOM_SYMBOLS - 2))
def test_two_neighbours_swapped_are_refused(code: str, position: int) -> None:
    a, b = code[position], code[position + 1]
    assume(a != b and {a, b} != ZERO_Z)
    swapped = code[:position] + b + a + code[position + 2 :]
    assert normalise(swapped) is None


@st.composite
def typed_forms(draw: st.DrawFn, code: str) -> str:
    """The code as someone may type it: any case, spaces and dashes anywhere, O for 0 and
    I or L for 1."""
    out = []
    for c in shown(code):
        if c == "0":
            c = draw(st.sampled_from("0Oo"))
        elif c == "1":
            c = draw(st.sampled_from("1IiLl"))
        elif c.isalpha():
            c = draw(st.sampled_from([c, c.lower()]))
        out.append(c + draw(st.sampled_from(["", "", " ", "-", "‑", "  "])))
    return draw(st.sampled_from(["", " "])) + "".join(out)


@given(codes.flatmap(lambda code: st.tuples(st.just(code), typed_forms(code))))
def test_shown_and_typed_forms_round_trip(pair: tuple[str, str]) -> None:
    code, typed = pair
    assert normalise(typed) == code


@given(st.text(max_size=30))
def test_normalise_never_fails(text: str) -> None:
    found = normalise(text)
    assert found is None or (len(found) == LENGTH and normalise(found) == found)


@given(codes, st.sampled_from(["\u200b", "\u200e", "\u200f", "\u202e", "\ufeff", "\u2060"]))
def test_invisible_characters_copied_along_are_forgiven(code: str, mark: str) -> None:
    typed = mark + code[:5] + mark + "-" + code[5:] + mark
    assert normalise(typed) == code and find(typed) == code


@given(codes, st.sampled_from(["mã: {}", "Mã xác thực {}", "https://t.me/x_bot?start=xacthuc-{}"]))
def test_a_code_is_found_in_a_pasted_line_or_its_link(code: str, line: str) -> None:
    assert find(line.format(shown(code))) == code
    assert find(line.format(code.lower())) == code


@given(st.text(max_size=200))
def test_finding_never_fails_and_finds_only_codes(text: str) -> None:
    found = find(text)
    assert found is None or normalise(found) == found
