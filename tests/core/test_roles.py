"""The role an admin names after /grant @name, in their own words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.roles import ROLE_WORDS, Role, role_named
from bot.core.textnorm import fold

ORGANISER_SPELLINGS = [
    "ban tổ chức",
    "Ban Tổ Chức",
    "BTC",
    "btc",
    "tổ chức",
    "to chuc",
    "organiser",
    "Organizer",
    "ban-tổ-chức",
]


def test_people_s_words_name_the_organiser_role() -> None:
    for text in ORGANISER_SPELLINGS:
        assert role_named(text) is Role.ORGANISER, text
    for text in ("admin", "quản trị viên", "Quản trị"):
        assert role_named(text) is Role.ADMIN, text
    for text in ("", "giám đốc", "organiser admin", "cán bộ"):
        assert role_named(text) is None, text


@given(st.sampled_from(ORGANISER_SPELLINGS), st.sampled_from(["", " ", "  ", ".", "!"]))
def test_spacing_and_punctuation_do_not_matter(text: str, tail: str) -> None:
    assert role_named(f"{tail}{text}{tail}") is Role.ORGANISER


@given(st.text(max_size=40))
def test_any_text_names_a_role_only_if_its_letters_are_a_role_word(text: str) -> None:
    role = role_named(text)  # never raises
    letters = "".join(ch for ch in fold(text) if ch.isalnum())
    assert (role is not None) == any(letters in words for words in ROLE_WORDS.values())
    assert role in (None, Role.ORGANISER, Role.ADMIN)
