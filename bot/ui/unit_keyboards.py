"""The unit picker of registration (paged, filtered by what was typed) and the questions
about a unit: the one the staff list names, the one of an invite link opened."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.ui.buttons import UnitChoice, UnitMove, UnitPage, UnitSure
from bot.ui.keyboards import cancel_row
from bot.ui.texts import Texts
from db.queries.users import UnitInfo

UNIT_NEW = "unitnew"  # the unit as typed, a new one (only without a staff list)
UNIT_STAY = "unitstay"  # stay in one's unit, not the one of the invite link opened
UNITS_PER_PAGE = 8


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data)


def unit_pages(count: int) -> int:
    return max(1, -(-count // UNITS_PER_PAGE))


def unit_picker(
    t: Texts, choices: Sequence[UnitInfo], page: int, listed: UnitInfo | None = None
) -> InlineKeyboardMarkup:
    """One page of the units (UNITS_PER_PAGE), ◀ ▶ between pages, and cancel; above them,
    `listed`: the unit the staff list names for the person ("✅ <unit> (theo danh sách)")."""
    pages = unit_pages(len(choices))
    page = min(max(page, 0), pages - 1)
    shown = choices[page * UNITS_PER_PAGE : (page + 1) * UNITS_PER_PAGE]
    rows = [[_button(u.name[:60], UnitChoice(u.id).pack())] for u in shown]
    if listed is not None:
        label = t.BTN_UNIT_LISTED.format(unit=listed.name[:50])
        rows.insert(0, [_button(label, UnitChoice(listed.id).pack())])
    nav = []
    if page > 0:
        nav.append(_button(t.BTN_UNITS_PREV, UnitPage(page - 1).pack()))
    if page < pages - 1:
        nav.append(
            _button(t.BTN_UNITS_NEXT.format(page=page + 2, pages=pages), UnitPage(page + 1).pack())
        )
    return InlineKeyboardMarkup([*rows, *([nav] if nav else []), cancel_row(t)])


def unit_matches(t: Texts, found: Sequence[UnitInfo], typed: str | None) -> InlineKeyboardMarkup:
    """The units a typed text found; the text itself as a new unit when `typed` is given
    (no staff list), the whole list, and cancel."""
    rows = [[_button(u.name[:60], UnitChoice(u.id).pack())] for u in found[:UNITS_PER_PAGE]]
    if typed is not None:
        rows.append([_button(t.BTN_UNIT_NEW.format(unit=typed[:40]), UNIT_NEW)])
    rows.append([_button(t.BTN_UNITS_ALL, UnitPage(0).pack())])
    return InlineKeyboardMarkup([*rows, cancel_row(t)])


def unit_elsewhere(t: Texts, listed: UnitInfo, chosen: UnitInfo) -> InlineKeyboardMarkup:
    """The staff list names another unit: that one, or the one chosen after all."""
    return InlineKeyboardMarkup(
        [
            [
                _button(
                    t.BTN_UNIT_LISTED.format(unit=listed.name[:50]), UnitChoice(listed.id).pack()
                )
            ],
            [_button(t.BTN_UNIT_KEEP.format(unit=chosen.name[:50]), UnitSure(chosen.id).pack())],
            cancel_row(t),
        ]
    )


def unit_move(t: Texts, unit: UnitInfo) -> InlineKeyboardMarkup:
    """A registered official opened another unit's invite link: move there, or stay."""
    return InlineKeyboardMarkup(
        [
            [_button(t.BTN_UNIT_MOVE.format(unit=unit.name[:50]), UnitMove(unit.id).pack())],
            [_button(t.BTN_UNIT_STAY, UNIT_STAY)],
        ]
    )
