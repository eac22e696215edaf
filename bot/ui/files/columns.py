"""What the CSV and the XLSX "detail" sheet share: the columns, in order, and the activity
names without their emoji."""

from __future__ import annotations

from bot.ui.texts import Texts


def detail_header(t: Texts) -> list[str]:
    """One check-in per row: the person's number, date, time, name, unit, minutes, activity,
    note. The number is the bot's internal user id (the header says so), not the Telegram id:
    two people of the same name can be told apart without the file naming their account."""
    return [
        t.XLSX_USER_ID,
        t.XLSX_DATE,
        t.XLSX_TIME,
        t.XLSX_NAME,
        t.XLSX_UNIT,
        t.XLSX_MINUTES,
        t.XLSX_ACTIVITY,
        t.XLSX_NOTE,
    ]


def activity_names(t: Texts) -> dict[str, str]:
    """Activity labels as a spreadsheet shows them ("📚 Đọc sách" becomes "Đọc sách")."""
    return {key: label.split(" ", 1)[-1] for key, label in t.ACTIVITIES.items()}
