"""Issue 11, finding 14 (first two parts): the profile's error names the right field, and
emoji built with a zero-width joiner are part of a name.

Found as: `/profile <a very long name> | Unit` said the unit was too long; a name with 👩‍💻
(woman, ZWJ, laptop) was refused as holding invalid characters.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.context import deps_of
from bot.core.inputs import NAME_MAX, UNIT_MAX, InputError, clean_full_name, split_profile_line
from bot.core.textnorm import has_control_chars
from db.models import Unit, User
from tests.conftest import AN, Harness

ZWJ_EMOJI = ["👩‍💻", "👨‍👩‍👧", "🏳️‍🌈", "❤️‍🔥", "🧑🏽‍🏫"]  # all hold U+200D (and some U+FE0F)


async def stored(bot: Harness) -> tuple[str | None, str | None]:
    async with deps_of(bot.app).sessions() as session:
        user = await session.scalar(select(User).where(User.telegram_id == AN.id))
        unit = await session.scalar(select(Unit.name))
    return (user.full_name if user else None), unit


async def test_a_long_name_in_the_one_line_profile_blames_the_name(bot: Harness) -> None:
    name = "Nguyễn " + "A" * 120  # 127 characters
    reply = await bot.say(AN, f"/profile {name} | Phòng Quản lý Khoa học")
    assert reply is not None
    assert reply.text.startswith("Họ và tên quá dài")
    assert "Tên đơn vị" not in reply.text
    assert f"tối đa {NAME_MAX} ký tự, bạn gửi {len(name)}" in reply.text  # the name's length
    assert await stored(bot) == (None, None)


async def test_a_long_unit_in_the_one_line_profile_blames_the_unit(bot: Harness) -> None:
    unit = "Phòng " + "B" * 130
    reply = await bot.say(AN, f"/hoso Nguyễn Văn An | {unit}")
    assert reply is not None
    assert reply.text.startswith("Tên đơn vị quá dài")
    assert f"tối đa {UNIT_MAX} ký tự, bạn gửi {len(unit)}" in reply.text


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Nguyễn\u202eAn | Phòng A", "name"),  # right-to-left override
        ("Nguyễn An | Phòng\u200bA", "unit"),  # zero-width space
        ("12345 | Phòng A", "name"),
        ("Nguyễn An | 12345", "unit"),
        (" | Phòng A", "name"),
        ("Nguyễn An | ", "unit"),
    ],
)
def test_split_profile_line_names_the_failing_field(line: str, field: str) -> None:
    with pytest.raises(InputError) as caught:
        split_profile_line(line)
    assert caught.value.field == field


@pytest.mark.parametrize("emoji", ZWJ_EMOJI)
async def test_zwj_emoji_are_accepted_in_names_and_units(bot: Harness, emoji: str) -> None:
    await bot.say(AN, f"/hoso Nguyễn Văn An {emoji} | Phòng CNTT {emoji}")
    reply = await bot.agree(AN)
    assert reply is not None and "Đã lưu hồ sơ" in reply.text
    assert await stored(bot) == (f"Nguyễn Văn An {emoji}", f"Phòng CNTT {emoji}")


async def test_zwj_emoji_name_typed_step_by_step(bot: Harness) -> None:
    await bot.say(AN, "/hoso")
    await bot.agree(AN)
    reply = await bot.say(AN, "Lê Thị Hoa 👩‍💻")
    assert reply is not None and "Lê Thị Hoa 👩‍💻" in reply.text  # asked for the unit by name
    await bot.say(AN, "Phòng Tổng hợp")
    assert await stored(bot) == ("Lê Thị Hoa 👩‍💻", "Phòng Tổng hợp")


@pytest.mark.parametrize(
    "bad",
    ["\u202e", "\u202d", "\u200b", "\u2060", "\ufeff", "\x00", "\x1b", "\u00ad", "\U000e0041"],
)
def test_other_control_and_format_characters_are_still_refused(bad: str) -> None:
    with pytest.raises(InputError):
        clean_full_name(f"Nguyễn{bad}An")


@given(st.lists(st.sampled_from(["Nguyễn", "An", " ", "\u200d", "\u200c", "\ufe0f", "👩", "💻"])))
def test_joiners_and_variation_selectors_are_not_control_characters(parts: list[str]) -> None:
    assert not has_control_chars("".join(parts))
