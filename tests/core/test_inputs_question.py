"""Tester's finding 2: a question typed at the name or unit step is not a name or a unit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.inputs import asks_something, better_spelling, looks_like_question
from bot.core.matcher import load_matcher

MATCHER = load_matcher()

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
             "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Mai", "Trịnh"]  # fmt: skip
_MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Thu", "Kim"]
_GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Khoa", "Lan",
          "Linh", "Mây", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn",
          "Tuần", "Vy", "Yến", "Học", "Điểm", "Tập", "Ái", "Hỏi"]  # fmt: skip


def _spell(name: str, plain: bool, upper: bool) -> str:
    if plain:  # typed without diacritics
        from bot.core.textnorm import fold

        name = " ".join(word.capitalize() for word in fold(name).split())
    return name.upper() if upper else name


names = st.builds(
    lambda s, m, g, plain, upper: _spell(" ".join([s, *m, g]), plain, upper),
    st.sampled_from(_SURNAMES),
    st.lists(st.sampled_from(_MIDDLES), max_size=2),
    st.sampled_from(_GIVEN),
    st.booleans(),
    st.booleans(),
)


@given(names)
def test_vietnamese_names_are_accepted(name: str) -> None:
    assert not asks_something(name, MATCHER.match(name))


@pytest.mark.parametrize(
    "text",
    [
        "chu de nam nay la gi", "Chủ đề năm nay là gì", "khai mạc khi nào", "bao giờ bế mạc",
        "mấy giờ khai mạc", "tổ chức ở đâu", "Nguyễn Văn An?", "what is the theme", "hủy đăng ký",
        "when does it start", "điểm danh", "xem thống kê",
    ],
)  # fmt: skip
def test_questions_and_requests_are_not_names(text: str) -> None:
    assert asks_something(text, MATCHER.match(text))


@pytest.mark.parametrize(
    "unit",
    ["Phòng Kế toán", "Ban Tổ chức Tỉnh ủy", "Sở Giáo dục và Đào tạo", "Vụ Tổ chức cán bộ",
     "Trung tâm Học tập cộng đồng", "Phòng Quản lý Khoa học", "Finance Office",
     "Cục Thống kê", "Phòng Tổng hợp", "Phòng Kế hoạch"],
)  # fmt: skip
def test_units_are_accepted(unit: str) -> None:
    assert not asks_something(unit)  # units are read without the matcher


def test_may_only_with_its_diacritics() -> None:
    assert looks_like_question("mấy giờ") and not looks_like_question("Nguyen Thi May")


@pytest.mark.parametrize(
    ("current", "typed", "kept"),
    [
        ("phong ke toan", "Phòng Kế toán", "Phòng Kế toán"),
        ("Phòng Kế toán", "phong ke toan", "Phòng Kế toán"),
        ("Phòng Kế toán", "PHÒNG KẾ TOÁN", "Phòng Kế toán"),
        ("phong ke toan", "Phong Ke Toan", "Phong Ke Toan"),
        ("Phòng Kế toán", "Phòng Kế Toán", "Phòng Kế Toán"),
        ("Phòng A", "Phòng A", "Phòng A"),
    ],
)
def test_better_spelling(current: str, typed: str, kept: str) -> None:
    assert better_spelling(current, typed) == kept


@given(names, names)
def test_better_spelling_is_one_of_the_two(a: str, b: str) -> None:
    assert better_spelling(a, b) in (a, b)
    assert better_spelling(better_spelling(a, b), a) == better_spelling(a, b)
