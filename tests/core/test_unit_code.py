"""Unit invite codes: readable, unique, always a valid /start payload."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.core.unit_code import PREFIX, code_of_payload, is_code, unit_code

START_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def test_a_code_reads_like_the_unit_name() -> None:
    assert unit_code("Phòng Quản lý Khoa học") == "phong-quan-ly-khoa-hoc"
    assert unit_code("Đoàn Thanh niên") == "doan-thanh-nien"
    assert unit_code("!!!") == "don-vi"


def test_a_taken_code_gets_a_number() -> None:
    assert unit_code("Phòng Kế toán", {"phong-ke-toan"}) == "phong-ke-toan-2"
    assert unit_code("Phòng Kế toán", {"phong-ke-toan", "phong-ke-toan-2"}) == "phong-ke-toan-3"


def test_payloads_name_codes_or_nothing() -> None:
    assert code_of_payload("u-phong-ke-toan") == "phong-ke-toan"
    assert code_of_payload("checkin") is None
    assert code_of_payload("u-") is None
    assert code_of_payload("u-a_b") is None


@given(st.text(max_size=600), st.sets(st.text(max_size=40), max_size=5))
def test_every_code_is_a_valid_start_payload(name: str, taken: set[str]) -> None:
    code = unit_code(name, taken)
    assert code not in taken
    assert is_code(code)
    assert START_PAYLOAD.fullmatch(PREFIX + code)
    assert code_of_payload(PREFIX + code) == code


def test_a_long_name_is_cut_between_words() -> None:
    code = unit_code("Trung tâm Thông tin và Thống kê Khoa học và Công nghệ")
    assert code == "trung-tam-thong-tin-va-thong"
    assert unit_code("Trung tâm Thông tin và Thống kê", {code}).endswith("-2")
    assert unit_code("a" * 40) == "a" * 30  # one long word: cut where it must be
