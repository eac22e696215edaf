"""One row per check-in as CSV: UTF-8 with a BOM, so Excel opens the Vietnamese intact."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import tzinfo

from bot.texts import Texts
from db.queries.stats import Detail


def build_csv(t: Texts, rows: Sequence[Detail], tz: tzinfo) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([t.XLSX_DATE, t.XLSX_TIME, t.XLSX_NAME, t.XLSX_UNIT, t.XLSX_MINUTES,
                     t.XLSX_ACTIVITY, t.XLSX_NOTE])  # fmt: skip
    activities = {key: label.split(" ", 1)[-1] for key, label in t.ACTIVITIES.items()}
    for r in rows:
        local = r.created_at.astimezone(tz)
        writer.writerow([r.day.isoformat(), local.strftime("%H:%M"), r.full_name, r.unit,
                         r.minutes, activities.get(r.activity, r.activity), r.note])  # fmt: skip
    return out.getvalue().encode("utf-8-sig")
