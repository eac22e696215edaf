"""Review finding: a forged audience button sent a broadcast to everyone. "bc:unit:5:abc"
unpacked with the unit id as an unchecked string, set the audience "unit" with no unit,
and no unit meant no filter: every official. The payloads now refuse it, and so does the
service."""

from __future__ import annotations

import pytest

from bot.context import deps_of
from bot.offline.fake_updates import FakeUser
from db.queries import broadcasts
from tests.conftest import Harness
from tests.handlers.test_broadcast import ORG, draft, staff

OTHER_UNIT = FakeUser(2005, "Cán bộ khác", "vi")

FORGED = ["unit:{id}:abc", "unit:{id}:0", "unit:{id}:-1", "unit:{id}:07", "aud:{id}:nonsense"]


async def audience(bot: Harness, broadcast_id: int) -> tuple[str | None, int | None]:
    async with deps_of(bot.app).sessions() as session:
        info = await broadcasts.get(session, broadcast_id)
    assert info is not None and info.status == "draft"
    return info.audience, info.unit_id


async def unit_list(bot: Harness) -> int:
    """ORG's draft, the unit list on screen (two units: ORG's and OTHER_UNIT's)."""
    await staff(bot)
    await bot.register(OTHER_UNIT, unit="Phòng Khác")
    broadcast_id = await draft(bot)
    shown = await bot.press(ORG, f"bc:aud:{broadcast_id}:unit")
    assert shown is not None and "bc:unit:" in str(shown.reply_markup)
    assert await audience(bot, broadcast_id) == (None, None)
    return broadcast_id


async def forge(bot: Harness, data: str) -> None:
    """Press `data` as if it were a button of ORG's last message."""
    await bot.feed(bot.factory.press(ORG, bot.last(ORG), data))


@pytest.mark.parametrize("button", FORGED)
async def test_a_forged_audience_button_changes_nothing(bot: Harness, button: str) -> None:
    broadcast_id = await unit_list(bot)
    sends = len(bot.telegram.sent())
    await forge(bot, "bc:" + button.format(id=broadcast_id))
    last = bot.telegram.calls[-1]
    assert last.method == "answerCallbackQuery" and not last.params.get("text")
    assert len(bot.telegram.sent()) == sends
    assert await audience(bot, broadcast_id) == (None, None)


@pytest.mark.parametrize("button", FORGED)
async def test_a_forged_button_leaves_a_chosen_unit_as_it_was(bot: Harness, button: str) -> None:
    broadcast_id = await unit_list(bot)
    markup = bot.last(ORG).reply_markup or {}
    first = markup["inline_keyboard"][0][0]["callback_data"]
    preview = await bot.press(ORG, first)
    assert preview is not None
    chosen = await audience(bot, broadcast_id)
    assert chosen[0] == "unit" and chosen[1] is not None
    await forge(bot, "bc:" + button.format(id=broadcast_id))
    assert await audience(bot, broadcast_id) == chosen


async def test_a_unit_that_is_not_there_changes_nothing(bot: Harness) -> None:
    """A well-formed id of no unit: a forged button too."""
    broadcast_id = await unit_list(bot)
    sends = len(bot.telegram.sent())
    await forge(bot, f"bc:unit:{broadcast_id}:999999")
    assert await audience(bot, broadcast_id) == (None, None)
    assert len(bot.telegram.sent()) == sends
    assert bot.telegram.calls[-1].method == "answerCallbackQuery"
