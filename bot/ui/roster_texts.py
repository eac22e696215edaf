"""What admins see of the staff list and the unit list: previews, summaries, unit pages."""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.roster import RowProblem
from bot.services.roster import Imported, Preview, Summary
from bot.services.units import UnitRow
from bot.ui.buttons import RosterButton, UnitButton
from bot.ui.texts import Texts
from bot.ui.texts.en import Count

MAX_PROBLEMS = 20  # rows listed in a preview; the rest are counted
PAGE = 8  # units per page of /units
MAX_UNIT_NAMES = 12  # new units named in a preview; the rest are counted


def row_problem(t: Texts, problem: RowProblem) -> str:
    return t.ROSTER_ROW_PROBLEMS[problem.problem.value].format(row=problem.row, first=problem.first)


def preview(t: Texts, shown: Preview) -> str:
    c = shown.changes
    parts = [
        t.ROSTER_PREVIEW.format(people=shown.people, units=shown.units, new_units=len(c.new_units)),
        t.ROSTER_CHANGES.format(
            added=c.added + c.returned, moved=c.moved, left=c.left, unchanged=c.unchanged
        ),
    ]
    if c.returned:
        parts.append(t.ROSTER_RETURNED.format(returned=Count(c.returned)))
    if c.new_units:  # "Phòng QLKH" beside "Phòng Quản lý Khoa học" is seen before importing
        names = ", ".join(f"<i>{escape(n)}</i>" for n in c.new_units[:MAX_UNIT_NAMES])
        more = len(c.new_units) - MAX_UNIT_NAMES
        parts.append(
            t.ROSTER_NEW_UNITS_MORE.format(names=names, count=more)
            if more > 0
            else t.ROSTER_NEW_UNITS.format(names=names)
        )
    if c.moves:
        lines = [t.ROSTER_MOVES_HEAD]
        lines += [
            t.ROSTER_MOVE_LINE.format(
                name=escape(m.full_name), source=escape(m.source), target=escape(m.target)
            )
            for m in c.moves
        ]
        if c.moved > len(c.moves):
            lines.append(t.ROSTER_NAMED_MORE.format(count=c.moved - len(c.moves)))
        parts.append("\n".join(lines))
    if c.leavers:
        lines = [t.ROSTER_LEAVERS_HEAD, *(f"• {escape(name)}" for name in c.leavers)]
        if c.left > len(c.leavers):
            lines.append(t.ROSTER_NAMED_MORE.format(count=c.left - len(c.leavers)))
        parts.append("\n".join(lines))
    if shown.marked_left:
        parts.append(t.ROSTER_MARKED_LEFT.format(count=Count(shown.marked_left)))
    if shown.problems:
        lines = [t.ROSTER_PROBLEMS_HEAD.format(count=len(shown.problems))]
        lines += [f"• {row_problem(t, p)}" for p in shown.problems[:MAX_PROBLEMS]]
        if len(shown.problems) > MAX_PROBLEMS:
            lines.append(t.ROSTER_MORE.format(count=len(shown.problems) - MAX_PROBLEMS))
        parts.append("\n".join(lines))
    if shown.not_stored:
        columns = ", ".join(t.ROSTER_COLUMNS[c] for c in shown.not_stored)
        parts.append(t.ROSTER_NOT_STORED.format(columns=columns))
    return "\n\n".join(parts)


def imported(t: Texts, result: Imported) -> str:
    """The import's result: its counts, the officials linked or moved, the next steps."""
    shown = result.preview
    c = shown.changes
    parts = [
        t.ROSTER_IMPORTED.format(
            people=shown.people,
            added=c.added + c.returned,
            moved=c.moved,
            left=c.left,
            new_units=len(c.new_units),
        )
    ]
    if result.linked:
        parts.append(t.ROSTER_LINKED.format(count=Count(result.linked)))
    if result.followed:
        parts.append(t.ROSTER_FOLLOWED.format(count=Count(result.followed)))
    parts.append(t.ROSTER_NEXT)
    return "\n\n".join(parts)


def confirm_keyboard(t: Texts, token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.ROSTER_IMPORT_BUTTON, callback_data=RosterButton("imp", token).pack()
                ),
                InlineKeyboardButton(
                    t.ROSTER_CANCEL_BUTTON, callback_data=RosterButton("no", token).pack()
                ),
            ]
        ]
    )


def summary(t: Texts, found: Summary, tz: tzinfo) -> str:
    if not found.people and not found.left:
        return t.ROSTER_NONE + "\n\n" + t.ROSTER_HOW
    head = t.ROSTER_SUMMARY.format(people=found.people, units=found.units, left=found.left)
    if found.last_import is not None:
        local = found.last_import.astimezone(tz)
        when = t.ROSTER_LAST_IMPORT.format(date=t.fmt_date(local.date()), time=f"{local:%H:%M}")
        head += " " + when
    return head + "\n\n" + t.ROSTER_HOW


def _b(text: str, action: str, unit_id: int = 0, arg: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=UnitButton(action, unit_id, arg).pack())


def _pages(count: int) -> int:
    return max(1, -(-count // PAGE))


def _nav(t: Texts, action: str, unit_id: int, page: int, pages: int) -> list[InlineKeyboardButton]:
    row = []
    if page > 0:
        row.append(_b(t.UNITS_PREV, action, unit_id, page - 1))
    if page < pages - 1:
        row.append(_b(t.UNITS_NEXT, action, unit_id, page + 1))
    return row


def unit_list(t: Texts, units: list[UnitRow], page: int) -> tuple[str, InlineKeyboardMarkup]:
    """One page of the unit list: a line and a button per unit, paging, ➕."""
    pages = _pages(len(units))
    page = min(max(page, 0), pages - 1)
    shown = units[page * PAGE : (page + 1) * PAGE]
    if not units:
        text = t.UNITS_EMPTY
    else:
        lines = [t.UNITS_HEAD.format(count=len(units), page=page + 1, pages=pages)]
        lines += [
            t.UNITS_LINE.format(name=escape(u.name), headcount=u.headcount, members=u.members)
            for u in shown
        ]
        text = "\n".join(lines)
    rows = [[_b(u.name[:60], "show", u.id)] for u in shown]
    nav = _nav(t, "list", 0, page, pages)
    rows += [nav] if nav else []
    rows.append([_b(t.UNIT_ADD_BUTTON, "add")])
    return text, InlineKeyboardMarkup(rows)


def unit_card(t: Texts, unit: UnitRow) -> tuple[str, InlineKeyboardMarkup]:
    text = t.UNIT_CARD.format(
        name=escape(unit.name),
        code=escape(unit.code) if unit.code else t.UNIT_NO_CODE,
        headcount=unit.headcount,
        members=unit.members,
    )
    rows = [
        [_b(t.UNIT_RENAME_BUTTON, "ren", unit.id), _b(t.UNIT_MERGE_BUTTON, "merge", unit.id)],
        [_b(t.UNIT_ARCHIVE_BUTTON, "arch", unit.id)],
        [_b(t.UNITS_BACK_BUTTON, "list")],
    ]
    return text, InlineKeyboardMarkup(rows)


def merge_targets(
    t: Texts, source: UnitRow, units: list[UnitRow], page: int
) -> tuple[str, InlineKeyboardMarkup]:
    others = [u for u in units if u.id != source.id]
    pages = _pages(len(others))
    page = min(max(page, 0), pages - 1)
    rows = [
        [_b(u.name[:60], "into", source.id, u.id)] for u in others[page * PAGE : (page + 1) * PAGE]
    ]
    nav = _nav(t, "merge", source.id, page, pages)
    rows += [nav] if nav else []
    rows.append([_b(t.UNITS_BACK_BUTTON, "show", source.id)])
    text = t.UNIT_MERGE_PICK.format(name=escape(source.name)) if others else t.UNIT_MERGE_NONE
    return text, InlineKeyboardMarkup(rows)


def merge_confirm(t: Texts, source: UnitRow, target: UnitRow) -> tuple[str, InlineKeyboardMarkup]:
    text = t.UNIT_MERGE_CONFIRM.format(
        source=escape(source.name),
        target=escape(target.name),
        members=source.members,
        headcount=source.headcount,
    )
    rows = [
        [
            _b(t.UNIT_MERGE_YES, "mergeok", source.id, target.id),
            _b(t.ROSTER_CANCEL_BUTTON, "show", source.id),
        ]
    ]
    return text, InlineKeyboardMarkup(rows)


def archive_confirm(t: Texts, unit: UnitRow) -> tuple[str, InlineKeyboardMarkup]:
    text = t.UNIT_ARCHIVE_CONFIRM.format(name=escape(unit.name), members=unit.members)
    rows = [
        [_b(t.UNIT_ARCHIVE_YES, "archok", unit.id), _b(t.UNIT_MERGE_BUTTON, "merge", unit.id)],
        [_b(t.ROSTER_CANCEL_BUTTON, "show", unit.id)],
    ]
    return text, InlineKeyboardMarkup(rows)


def archive_refused(t: Texts, unit: UnitRow) -> tuple[str, InlineKeyboardMarkup]:
    """A unit with people on the staff list is not archived: why, and what to do."""
    text = t.UNIT_LISTED.format(name=escape(unit.name), headcount=unit.headcount)
    rows = [
        [_b(t.UNIT_MERGE_BUTTON, "merge", unit.id)],
        [_b(t.UNITS_BACK_BUTTON, "show", unit.id)],
    ]
    return text, InlineKeyboardMarkup(rows)


def archived(t: Texts, unit: UnitRow) -> tuple[str, InlineKeyboardMarkup]:
    """Archived: how to undo it, with the button that does."""
    text = t.UNIT_ARCHIVED.format(name=escape(unit.name)) + "\n" + t.UNIT_ARCHIVED_UNDO
    rows = [
        [_b(t.UNIT_RESTORE_BUTTON, "restore", unit.id)],
        [_b(t.UNITS_BACK_BUTTON, "list")],
    ]
    return text, InlineKeyboardMarkup(rows)


def restore_offer(
    t: Texts, unit_id: int, name: str, merged_into: str | None
) -> tuple[str, InlineKeyboardMarkup]:
    """A typed new name that an archived unit holds: offer to bring that unit back."""
    if merged_into is not None:
        text = t.UNIT_RESTORE_OFFER_MERGED.format(name=escape(name), target=escape(merged_into))
    else:
        text = t.UNIT_RESTORE_OFFER.format(name=escape(name))
    rows = [[_b(t.UNIT_RESTORE_BUTTON, "restore", unit_id), _b(t.UNITS_BACK_BUTTON, "list")]]
    return text, InlineKeyboardMarkup(rows)


def back_to_list(t: Texts, unit_id: int = 0) -> InlineKeyboardMarkup:
    """After a change: the unit's card (if any) and the list, so the next step is a press."""
    row = [_b(t.UNITS_BACK_BUTTON, "list")]
    if unit_id:
        row.insert(0, _b(t.UNIT_OPEN_BUTTON, "show", unit_id))
    return InlineKeyboardMarkup([row])
