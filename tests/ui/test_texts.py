"""The English and Vietnamese catalogues agree: same keys, same placeholders, no leftovers.

En does not inherit from Vi, so a key forgotten in English is caught here (and by mypy where
it is used) instead of showing Vietnamese to an English reader.
"""

from __future__ import annotations

import inspect
import string
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from bot.ui.texts import En, Vi

# Keys whose English value may stay exactly the Vietnamese one although it has Vietnamese
# letters: official names that have no English form. Empty today; add with a reason.
# The sample staff list's people are Vietnamese in both languages (their units are not).
SAME_IN_BOTH: frozenset[str] = frozenset({"ROSTER_SAMPLE_ROWS"})


def public_keys(catalogue: type) -> set[str]:
    return {key for key in vars(catalogue) if not key.startswith("_")}


def leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every string (or other plain value) in a text, with where it sits: KEY, KEY[x], KEY[0]."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}[{key!r}]")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    else:
        yield path, value


def shape(value: Any) -> Any:
    """The structure of a text without its words: dict keys and tuple lengths must match."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [shape(item) for item in value]
    return type(value).__name__


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def is_vietnamese(text: str) -> bool:
    """Any letter Vietnamese writes: đ, or a Latin letter with a tone or vowel mark.

    A loanword such as "café" counts too; it only matters for values En shares with Vi.
    """
    for char in text:
        if char in "đĐ":
            return True
        decomposed = unicodedata.normalize("NFD", char)
        if (
            len(decomposed) > 1
            and decomposed[0].isascii()
            and decomposed[0].isalpha()
            and any(0x0300 <= ord(mark) <= 0x031B or ord(mark) == 0x0323 for mark in decomposed[1:])
        ):
            return True
    return False


def text_keys() -> list[str]:
    return sorted(key for key in public_keys(Vi) if not callable(getattr(Vi, key)))


def test_is_vietnamese() -> None:
    assert is_vietnamese("Tuần lễ") and is_vietnamese("đ") and is_vietnamese("Hủy")
    assert not is_vietnamese("Week «menu» — 45 min ✅ 👤 {name}")


def test_en_is_not_a_vietnamese_subclass() -> None:
    assert not issubclass(En, Vi), "En must spell every key itself"


def test_same_public_keys() -> None:
    assert public_keys(En) - public_keys(Vi) == set(), "keys only in English"
    assert public_keys(Vi) - public_keys(En) == set(), "keys missing in English"


def test_same_kind_of_value() -> None:
    for key in sorted(public_keys(Vi)):
        vi, en = inspect.getattr_static(Vi, key), inspect.getattr_static(En, key)
        assert type(vi) is type(en), key
        if callable(getattr(Vi, key)):
            assert inspect.signature(getattr(Vi, key)) == inspect.signature(getattr(En, key)), key
        else:
            assert shape(vi) == shape(en), key


@pytest.mark.parametrize("key", text_keys())
def test_same_placeholders(key: str) -> None:
    vi = dict(leaves(getattr(Vi, key), key))
    en = dict(leaves(getattr(En, key), key))
    for path, text in vi.items():
        if isinstance(text, str):
            assert placeholders(text) == placeholders(en[path]), path


@pytest.mark.parametrize("key", text_keys())
def test_english_is_not_left_in_vietnamese(key: str) -> None:
    vi = dict(leaves(getattr(Vi, key), key))
    en = dict(leaves(getattr(En, key), key))
    for path, text in vi.items():
        if isinstance(text, str) and is_vietnamese(text) and key not in SAME_IN_BOTH:
            assert en[path] != text, f"{path} is still Vietnamese in En"


@pytest.mark.parametrize("catalogue", [Vi, En], ids=["vi", "en"])
def test_no_key_is_defined_twice(catalogue: type) -> None:
    """A key written twice keeps only the second value, silently: two features that both
    named a button BTN_DELETE_YES once turned "erase my data" into "delete this check-in"."""
    import ast
    from collections import Counter

    tree = ast.parse(inspect.getsource(catalogue))
    names: Counter[str] = Counter()
    for statement in tree.body[0].body:  # type: ignore[attr-defined]
        if isinstance(statement, ast.Assign):
            names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names[statement.target.id] += 1
        elif isinstance(statement, ast.FunctionDef):
            names[statement.name] += 1
    assert [name for name, count in names.items() if count > 1] == []
