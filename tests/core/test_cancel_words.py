"""Typed cancel words (issue 13, defect 2): a whole message that asks to stop a flow."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.cancel_words import is_cancel, is_skip, is_yes

WORDS = ["hủy", "huỷ", "huy", "thôi", "thoi", "dừng", "dung", "cancel", "stop", "hủy bỏ"]
TAILS = ["", " đi", " nhé", " nha", " ạ", " đi nhé", " please", "!", "."]


@pytest.mark.parametrize(
    "text", ["hủy", "Huỷ", "HỦY ĐI", "thôi nhé", "dừng lại ạ", "Cancel!", " thoi ", "Thôi."]
)
def test_cancel_words(text: str) -> None:
    assert is_cancel(text)


@pytest.mark.parametrize(
    "text",
    [
        "hủy lượt điểm danh",  # a request: undo, read by the free-text answerer
        "dừng nhắc nhở",
        "đúng",  # "right", not "dừng"
        "dùng",
        "45",
        "30 phút",
        "Nguyễn Văn Thôi",
        "stop sending me reminders",
        "",
    ],
)
def test_not_cancel_words(text: str) -> None:
    assert not is_cancel(text)


@given(
    word=st.sampled_from(WORDS),
    tail=st.sampled_from(TAILS),
    upper=st.booleans(),
    form=st.sampled_from(["NFC", "NFD"]),
)
def test_any_case_form_and_softener(word: str, tail: str, upper: bool, form: str) -> None:
    text = unicodedata.normalize(form, word + tail)  # type: ignore[arg-type]
    assert is_cancel(text.upper() if upper else text)


@given(word=st.sampled_from(WORDS), other=st.sampled_from(["lượt", "nhắc", "thông báo", "45"]))
def test_a_cancel_word_followed_by_what_it_is_about_is_a_request(word: str, other: str) -> None:
    assert not is_cancel(f"{word} {other}")


@pytest.mark.parametrize("text", ["bỏ qua", "Bỏ qua nhé", "bo qua", "không", "Khong", "skip"])
def test_skip_words(text: str) -> None:
    assert is_skip(text) and not is_cancel(text)


@pytest.mark.parametrize("text", ["không biết", "bỏ qua chương 2", "đọc sách", ""])
def test_not_skip_words(text: str) -> None:
    assert not is_skip(text)


@pytest.mark.parametrize("text", ["có", "Có nhé", "ghi thêm", "OK", "yes"])
def test_yes_words(text: str) -> None:
    assert is_yes(text) and not is_skip(text) and not is_cancel(text)
