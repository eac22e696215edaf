"""/edition's review card: each field, its value and the notice's sentence it came from;
a button per field to correct it, ✅ Lưu and Hủy; old → new when the year exists."""

from __future__ import annotations

import html
from datetime import date, time
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.notice_fields import FIELD_NAMES, NoticeFields, to_json
from bot.ui.buttons import NO_FIELD, EditionAction
from bot.ui.texts import Texts

SENTENCE_LIMIT = 220  # a long sentence is shortened on the card (the value stays whole)
VALUE_LIMIT = 600
PER_ROW = 3


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def value_text(t: Texts, value: Any, limit: int = VALUE_LIMIT) -> str:
    """A field's value as the card shows it, escaped."""
    if value in (None, "", ()):
        return t.ED_ABSENT
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple):
        return "".join(f"\n  – {html.escape(_short(v, limit))}" for v in value)
    return html.escape(_short(str(value), limit))


def card(t: Texts, fields: NoticeFields, old: NoticeFields | None) -> str:
    """The whole card (send() splits it if it is over Telegram's 4096 characters)."""
    year = str(fields.year) if fields.year else t.ED_NO_YEAR
    lines = [t.ED_CARD_HEAD.format(year=year), ""]
    for name in FIELD_NAMES:
        lines.append(f"<b>{t.ED_FIELDS[name]}</b>: {value_text(t, fields.value(name))}")
        sentence = fields.sentences.get(name)
        if sentence:
            lines.append(t.ED_FROM.format(sentence=html.escape(_short(sentence, SENTENCE_LIMIT))))
        elif fields.given(name):
            lines.append(t.ED_TYPED)
    if old is not None:
        lines += ["", *changes(t, old, fields)]
    missing = fields.missing()
    if missing:
        lines += ["", t.ED_MISSING.format(fields=", ".join(t.ED_FIELDS[n] for n in missing))]
    lines += ["", t.ED_CARD_FOOT]
    return "\n".join(lines)


def changes(t: Texts, old: NoticeFields, new: NoticeFields) -> list[str]:
    """old → new for every field that differs from the saved edition."""
    before, after = to_json(old), to_json(new)
    differ = [n for n in FIELD_NAMES if before[n] != after[n]]
    if not differ:
        return [t.ED_NO_CHANGES.format(year=new.year)]
    lines = [t.ED_CHANGES.format(year=new.year)]
    for name in differ:
        old_value = value_text(t, old.value(name), 120)
        new_value = value_text(t, new.value(name), 120)
        lines.append(t.ED_CHANGE.format(field=t.ED_FIELDS[name], old=old_value, new=new_value))
    return lines


def keyboard(t: Texts) -> InlineKeyboardMarkup:
    """A button per field, then ✅ Lưu and Hủy."""
    fixes = [
        InlineKeyboardButton(
            t.ED_FIX.format(field=t.ED_FIELDS[name]),
            callback_data=EditionAction("fix", name).pack(),
        )
        for name in FIELD_NAMES
    ]
    rows = [fixes[i : i + PER_ROW] for i in range(0, len(fixes), PER_ROW)]
    rows.append(
        [
            InlineKeyboardButton(t.ED_SAVE, callback_data=EditionAction("save", NO_FIELD).pack()),
            InlineKeyboardButton(t.ED_DROP, callback_data=EditionAction("drop", NO_FIELD).pack()),
        ]
    )
    return InlineKeyboardMarkup(rows)
