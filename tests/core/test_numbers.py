"""Issue 11, finding 8: odd digits and odd characters never crash a handler.

Found as: `str.isdigit()` accepts "²⁰²³" and 5,000-digit numbers, so `/theme ²⁰²³`,
`/stats ²⁰²³`, `/grant ²³⁴`, the button data `undo:²` and a lone surrogate in `/profile` got
the generic error. Every parser is property-tested with such input; every probe (and its
siblings) runs through the real Application: a clear reply, and the database unchanged.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.context import deps_of
from bot.core.duration import DurationError, split_duration
from bot.core.inputs import (
    InputError,
    InputProblem,
    WhenError,
    clean_full_name,
    clean_note,
    clean_unit,
    parse_when,
    split_profile_line,
)
from bot.core.matcher import load_matcher
from bot.core.numbers import DB_ID_MAX, looks_numeric, parse_id, parse_int, parse_year
from bot.ui.texts import Vi
from db.models import Base
from tests.conftest import ADMIN, AN, BINH, Harness, vn

ODD_DIGITS = [
    "²⁰²³",
    "²",
    "²³⁴",
    "٢٠٢٣",
    "２０２３",
    "𝟚𝟘𝟚𝟛",
    "߂߀߂߃",
    "Ⅻ",
    "½",
    "2023\n",
    " 2023",
    "+5",
]
HUGE = "9" * 5000
SURROGATE = "\ud800"
# Text the way a hostile client could send it: digits of every script, superscripts and
# fractions, lone surrogates, signs and separators, plus ASCII digits.
odd_chars = st.characters(codec=None, categories=["Nd", "No", "Nl", "Cs", "Zs", "Pd", "Sm"])
odd_text = st.text(st.one_of(odd_chars, st.sampled_from("0123456789-+.,: ")), max_size=30)
huge_numbers = st.builds(
    str.__add__, st.sampled_from("123456789"), st.text("0123456789", min_size=19, max_size=6000)
)


# --- parsers -----------------------------------------------------------------------------
@given(st.one_of(odd_text, huge_numbers, st.text()), st.integers(-(10**6), 10**6))
def test_parse_int_is_ascii_digits_in_range_or_none(text: str, lo: int) -> None:
    hi = lo + 1000
    value = parse_int(text, lo, hi)
    if value is not None:
        assert lo <= value <= hi
        assert text.isascii() and text.lstrip("-").isdigit()


@given(st.integers(-(2**63), 2**63))
def test_parse_int_reads_back_what_it_is_given(n: int) -> None:
    assert parse_int(str(n), -(2**63), 2**63) == n
    assert parse_int(str(n), n + 1, n + 2) is None


@pytest.mark.parametrize("text", [*ODD_DIGITS, HUGE, SURROGATE, "", "-", "--1", "1e3", "0x10"])
def test_odd_numbers_are_none(text: str) -> None:
    assert parse_int(text, -(10**9), 10**9) is None
    assert parse_year(text) is None and parse_id(text) is None


def test_ids_stay_inside_an_integer_column() -> None:
    assert parse_id(str(DB_ID_MAX)) == DB_ID_MAX
    assert parse_id(str(DB_ID_MAX + 1)) is None and parse_id("0") is None


@given(st.one_of(odd_text, huge_numbers, st.text()))
def test_parse_year_never_raises(text: str) -> None:
    year = parse_year(text)
    assert year is None or (1000 <= year <= 9999 and text == str(year))
    # Whatever is not a year but was meant as a number is refused as a year, not "unknown".
    assert year is None or looks_numeric(text)


@given(st.one_of(odd_text, huge_numbers, st.text(), odd_text.map(lambda t: t + " phút")))
def test_durations_never_raise_anything_but_a_duration_error(text: str) -> None:
    try:
        parsed = split_duration(text)
    except DurationError:
        return
    assert 1 <= parsed.minutes <= 720


@pytest.mark.parametrize(
    "text", [f"{HUGE} phút", f"1h{HUGE}", HUGE, f"{'9' * 400} giờ", f"{HUGE},5 giờ"]
)
def test_huge_durations_are_refused(text: str) -> None:
    with pytest.raises(DurationError):
        split_duration(text)


@given(st.one_of(odd_text, st.text()))
def test_schedule_times_never_raise_anything_but_a_when_error(text: str) -> None:
    try:
        when = parse_when(text, vn(2023, 10, 3, 9, 0))
    except WhenError:
        return
    assert when > vn(2023, 10, 3, 9, 0)


def has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


@given(st.one_of(odd_text, st.text(), st.text(st.characters(codec=None))))
def test_cleaners_refuse_lone_surrogates_and_never_raise_otherwise(text: str) -> None:
    for clean in (clean_full_name, clean_unit, clean_note):
        try:
            value = clean(text)
        except InputError as exc:
            assert exc.problem is InputProblem.BROKEN_CHARS or not has_surrogate(text)
            continue
        assert not has_surrogate(value)
        value.encode("utf-8")  # storable and sendable
    try:
        name, unit = split_profile_line(text)
    except InputError:
        return
    (name + unit).encode("utf-8")


@given(st.one_of(odd_text, huge_numbers.map(lambda n: f"chủ đề năm {n}")))
def test_questions_with_odd_digits_read_no_year_from_them(text: str) -> None:
    match = MATCHER.match(text)
    assert match.year is None or (1900 <= match.year <= 2099 and str(match.year) in text)


MATCHER = load_matcher()


# --- the probes, through the real bot ----------------------------------------------------
async def snapshot(bot: Harness) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but `updated_at`, a bookkeeping column, and where a flow
    stands: a refused button may end the flow it belonged to)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    async with deps_of(bot.app).sessions() as session:
        for table in Base.metadata.sorted_tables:
            if table.name == "conversation_state":
                continue
            columns = [c for c in table.columns if c.name != "updated_at"]
            rows = (await session.execute(select(*columns))).all()
            tables[table.name] = sorted(tuple(map(repr, r)) for r in rows)
    return tables


async def registered_with_a_checkin(bot: Harness) -> None:
    bot.clock.set(vn(2023, 10, 3, 9, 0))
    await bot.say(AN, "/hoso Nguyễn Văn An | Phòng Quản lý Khoa học")
    await bot.agree(AN)
    await bot.say(AN, "/diemdanh 45 đọc sách")
    await bot.say(ADMIN, "/hoso Quản Trị | Văn phòng Sở")
    await bot.agree(ADMIN)


@pytest.mark.parametrize(
    ("who", "text", "expected"),
    [
        # As found
        (AN, "/theme ²⁰²³", "Năm không hợp lệ — hãy gõ 4 chữ số, ví dụ /theme 2023."),
        (ADMIN, "/stats ²⁰²³", "Năm không hợp lệ"),
        (ADMIN, "/grant ²³⁴", "Không tìm thấy ²³⁴"),
        (AN, f"/profile Nguyễn {SURROGATE}An | Phòng A", Vi.UNREADABLE_TEXT),
        # Siblings
        (AN, f"/theme {HUGE}", "Năm không hợp lệ"),
        (AN, "/chude ٢٠٢١", "Năm không hợp lệ — hãy gõ 4 chữ số, ví dụ /chude 2023."),
        (ADMIN, "/export ²⁰²³", "Năm không hợp lệ"),
        (ADMIN, f"/export csv {HUGE}", "Năm không hợp lệ"),
        (ADMIN, "/export pdf", "Cách dùng: /xuatdulieu"),
        (ADMIN, f"/stats {HUGE}", "Năm không hợp lệ"),
        (ADMIN, f"/grant {HUGE[:60]}", "Không tìm thấy"),
        (ADMIN, f"/revoke {'9' * 25}", "Không có ai là"),  # nobody to take a role from
        (AN, f"/diemdanh {HUGE} phút", "tối đa 12 giờ"),
        (AN, f"/diemdanh 1h{HUGE}", "chưa đọc được thời lượng"),
        (AN, f"/diemdanh 45 ghi chú {SURROGATE}", Vi.UNREADABLE_TEXT),
        (AN, f"chủ đề năm nay {SURROGATE}", Vi.UNREADABLE_TEXT),
        (ADMIN, f"/grant @{SURROGATE}", Vi.UNREADABLE_TEXT),
    ],
)
async def test_typed_probes_get_a_clear_reply_and_change_nothing(
    bot: Harness, who: Any, text: str, expected: str
) -> None:
    await registered_with_a_checkin(bot)
    before = await snapshot(bot)
    reply = await bot.say(who, text)
    assert reply is not None and reply.text != Vi.ERROR
    assert expected in reply.text
    assert await snapshot(bot) == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("undo:²", Vi.EXPIRED_BUTTON),  # as found
        (f"undo:{'9' * 40}", Vi.EXPIRED_BUTTON),  # past an INTEGER column: PostgreSQL refused
        (f"undo:{DB_ID_MAX}", Vi.UNDO_GONE),
        ("undo:-1", Vi.EXPIRED_BUTTON),
        (f"undo:{SURROGATE}", None),  # answered with UNREADABLE_TEXT, the message untouched
        ("dur:²", Vi.EXPIRED_BUTTON),
        ("dur:99999", Vi.EXPIRED_BUTTON),
        ("rp:xlsx:²⁰²³", None),
        (f"rp:day:{'9' * 50}", None),
        ("bc:send:²", None),
        (f"bc:stop:{'9' * 40}", None),
        ("bc:sched:²", None),
        ("unit:²", None),
    ],
)
async def test_forged_button_data_gets_a_clear_answer_and_changes_nothing(
    bot: Harness, data: str, expected: str | None
) -> None:
    await registered_with_a_checkin(bot)
    user = ADMIN if data.startswith(("rp:", "bc:")) else AN
    if data.startswith("dur:"):
        await bot.say(user, "/diemdanh")  # the flow waits for a duration button
    elif data.startswith("unit:"):
        await bot.say(user, "/hoso")
        await bot.say(user, "Nguyễn Văn An")  # the flow waits for a unit button
    message = await bot.say(user, "/hoantac") if data.startswith("undo:") else bot.last(user)
    assert message is not None
    before = await snapshot(bot)
    sent_before = len(bot.telegram.sent(user.id))
    calls_before = len(bot.telegram.calls)
    await bot.feed(bot.factory.press(user, message, data))
    texts = [m.text for m in bot.telegram.sent(user.id)[sent_before:]]
    assert Vi.ERROR not in texts and Vi.ERROR not in bot.last(user).text
    if expected is not None:
        assert expected in bot.last(user).text
    answers = [c for c in bot.telegram.calls[calls_before:] if c.method == "answerCallbackQuery"]
    assert len(answers) == 1  # the button's spinner stops, whatever the data
    if data.endswith(SURROGATE):
        assert answers[0].params.get("text") == Vi.UNREADABLE_TEXT
    assert await snapshot(bot) == before


async def test_a_typed_name_with_a_surrogate_is_asked_again(bot: Harness) -> None:
    await registered_with_a_checkin(bot)
    await bot.say(BINH, "/hoso")
    await bot.agree(BINH)
    before = await snapshot(bot)
    reply = await bot.say(BINH, f"Trần {SURROGATE}Bình")
    assert reply is not None and reply.text == Vi.UNREADABLE_TEXT
    assert await snapshot(bot) == before
    reply = await bot.say(BINH, "Trần Thị Bình")  # still in the flow: the name is asked again
    assert reply is not None and "đơn vị" in reply.text


async def test_unit_button_with_odd_data_asks_to_type_the_unit(bot: Harness) -> None:
    await registered_with_a_checkin(bot)
    await bot.say(AN, "/hoso")
    await bot.say(AN, "Nguyễn Văn An")
    await bot.feed(bot.factory.press(AN, bot.last(AN), "unit:²"))
    assert bot.last(AN).text == Vi.UNIT_GONE
    reply = await bot.say(AN, "Phòng Mới")  # the flow is still waiting for the unit
    assert reply is not None and "Đã lưu hồ sơ" in reply.text


def test_no_handler_reads_a_number_with_isdigit() -> None:
    """The root: numbers in bot/ and handlers/ are read by bot.core.numbers, not isdigit/int."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("bot", "handlers")
        for path in sorted((root / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if any(word in line for word in (".isdigit()", ".isnumeric()", ".isdecimal()"))
        # numbers.py says why; matcher.py only skips spelling correction for digits
        and path.name not in {"numbers.py", "matcher.py"}
    ]
    assert offenders == []


def test_a_time_in_odd_digits_is_unreadable() -> None:
    with pytest.raises(WhenError):
        parse_when("²⁰:⁰⁰", vn(2023, 10, 3, 9, 0))
