"""/followup's workbook: one row per person to call, by unit, with a status column to filter
on; header frozen, autofilter on, names as text (never a formula)."""

from __future__ import annotations

import io

from openpyxl import Workbook

from bot.services.followup import FollowUp
from bot.ui.files.xlsx import _filter, _sheet, _text
from bot.ui.texts import Texts


def build_followup_xlsx(t: Texts, found: FollowUp) -> bytes:
    wb = Workbook(write_only=True)
    headers = [t.XLSX_UNIT, t.XLSX_NAME, t.XLSX_STATUS, t.XLSX_STAFF_CODE, t.XLSX_TELEGRAM]
    ws = _sheet(wb, t.XLSX_FOLLOWUP, headers, [42, 32, 18, 14, 20])
    rows = 0
    for u in found.units:
        for status, people in (
            ("unregistered", u.unregistered_names),
            ("absent", u.absent_names),
        ):
            for p in people:
                ws.append(
                    [
                        _text(ws, u.unit),
                        _text(ws, p.full_name),
                        t.FOLLOWUP_STATUS[status],
                        _text(ws, p.staff_code or ""),
                        _text(ws, "@" + p.username if p.username else ""),
                    ]
                )
                rows += 1
    _filter(ws, len(headers), rows)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
