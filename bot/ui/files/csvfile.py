"""One row per check-in as CSV: UTF-8 with a BOM, so Excel opens the Vietnamese intact;
dates dd/mm/yyyy as in the workbook, whatever the reader's language.

Spreadsheets run a cell that starts with "=", "+", "-" or "@" as a formula: `=HYPERLINK(...)`
typed as a name would be a live link in the admin's Excel. Following OWASP's rule on CSV
injection, such a text cell (and one starting with a tab or carriage return) gets a leading
single quote, and every field is quoted, so a ";" in a note cannot start a new cell where
Excel splits on semicolons (the Vietnamese list separator).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from bot.ui.files.columns import activity_names, detail_header
from bot.ui.texts import Texts
from db.queries.stats import Detail

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "%d/%m/%Y"


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made inert with a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def build_csv(t: Texts, rows: Sequence[Detail], tz: tzinfo) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(detail_header(t))
    activities = activity_names(t)
    for r in rows:
        local = r.created_at.astimezone(tz)
        row = [
            r.user_id,
            r.day.strftime(DATE_FORMAT),
            local.strftime("%H:%M"),
            r.full_name,
            r.unit,
            r.minutes,
            activities.get(r.activity, r.activity),
            r.note,
        ]
        writer.writerow([neutralise(value) for value in row])
    return out.getvalue().encode("utf-8-sig")
