"""The HTML checker that stands in for Telegram's parser, and the message splitter."""

from __future__ import annotations

import html

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.ui.tg_html import HtmlError, parsed_length, split_html, tokenize, visible_text


@pytest.mark.parametrize(
    "bad",
    [
        "a & b",
        "a < b",
        "<x>y</x>",
        "<b>open",
        "</b>",
        "<b><i>x</b></i>",
        "&nbsp;",
        '<a href="u" onclick="x">y</a>',
        "<script>alert(1)</script>",
    ],
)
def test_rejects_what_telegram_rejects(bad: str) -> None:
    with pytest.raises(HtmlError):
        tokenize(bad)


def test_counts_parsed_text_in_utf16() -> None:
    assert parsed_length("<b>Xin chào</b> &amp; 👋") == len("Xin chào & ") + 2


pieces = st.one_of(
    st.text(min_size=1, max_size=30).map(html.escape),
    st.just("\n"),
    st.text(min_size=1, max_size=20).map(lambda s: f"<b>{html.escape(s)}</b>"),
    st.text(min_size=1, max_size=20).map(lambda s: f"<i>{html.escape(s)}\n{html.escape(s)}</i>"),
)


@given(st.lists(pieces, min_size=1, max_size=60), st.integers(min_value=8, max_value=200))
def test_split_chunks_are_valid_bounded_and_lose_nothing(parts: list[str], limit: int) -> None:
    text = "".join(parts)
    assume(visible_text(text).strip())  # Telegram refuses an empty message anyway
    chunks = split_html(text, limit)
    for chunk in chunks:
        assert parsed_length(chunk) <= limit
        assert visible_text(chunk).strip()
    original = "".join(visible_text(text).split())
    assert "".join("".join(visible_text(c).split()) for c in chunks) == original


def test_split_prefers_line_breaks() -> None:
    text = "\n".join(f"dòng {i:03d}" for i in range(100))
    chunks = split_html(text, 100)
    assert all(not c.startswith("\n") for c in chunks)
    assert all(c.split("\n")[-1].startswith("dòng") for c in chunks)
