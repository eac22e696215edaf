"""The audit log in sentences and the time zone in words, in both languages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.services.admin import AuditView
from bot.ui import staff_texts
from bot.ui.texts import En, Texts, Vi
from db.queries.admin import AuditRow, Person
from db.queries.privacy import ERASED_ID

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2023, 10, 2, 1, 30, tzinfo=UTC)  # 08:30 in Vietnam
ADMIN = Person(9001, "Quản trị Nguyễn", "quantri")
ORG = Person(2001, "Tổ chức Nguyễn", "to_chuc")

ENTRIES: list[tuple[str, dict[str, Any]]] = [
    ("grant", {"user": ORG.telegram_id, "role": "organiser"}),
    ("revoke", {"user": ERASED_ID, "role": "organiser"}),
    ("group_subscription", {"chat_id": -100, "title": "Phòng <A>", "subscribed": True}),
    ("group_subscription", {"chat_id": -100, "title": "Phòng A", "subscribed": False}),
    ("broadcast_send", {"broadcast": 2, "audience": "all", "unit": None, "recipients": 1234}),
    ("broadcast_schedule", {"broadcast": 3, "at": "2023-10-03T01:00:00+00:00"}),
    ("broadcast_stop", {"broadcast": 2}),
    ("broadcast_cancel", {"broadcast": 3}),
    ("broadcast_resend", {"broadcast": 2, "recipients": 4}),
    ("export", {"year": 2023, "format": "xlsx", "checkins": 56}),
    ("erasure", {}),
    ("something_new", {"x": 1}),
    ("broadcast_send", {}),  # an entry missing its details
]


@pytest.mark.parametrize("t", [Vi, En])
def test_every_kind_is_a_sentence_without_developer_text(t: Texts) -> None:
    views = [
        AuditView(AuditRow(AT, ADMIN, action, params), ORG if "user" in params else None)
        for action, params in ENTRIES
    ]
    text = staff_texts.audit_log(t, views, VN)
    lines = text.split("\n")[2:]
    assert len(lines) == len(ENTRIES)
    for line in lines:
        assert line.startswith("• 02/10/2023 08:30 — "), line
        assert line.endswith("."), line
        assert "=" not in line and "{" not in line and "T01:" not in line, line
    assert "03/10/2023 08:00" in lines[5]  # the scheduled moment, in local time
    assert "&lt;A&gt;" in lines[2]  # a group's title is escaped
    assert t.ERASED_PERSON in lines[1]
    assert t.fmt_number(1234) in lines[4]


def test_vietnamese_sentences() -> None:
    view = AuditView(AuditRow(AT, ADMIN, "grant", {"user": ORG.telegram_id}), ORG)
    assert staff_texts.audit_line(Vi, view, VN) == (
        "• 02/10/2023 08:30 — Quản trị Nguyễn (@quantri) cấp quyền ban tổ chức cho "
        "Tổ chức Nguyễn (@to_chuc)."
    )


def test_zone_in_words() -> None:
    now = datetime(2023, 10, 2, tzinfo=UTC)
    assert staff_texts.zone_words(Vi, "Asia/Ho_Chi_Minh", now) == "Việt Nam"
    assert staff_texts.zone_words(En, "Asia/Ho_Chi_Minh", now) == "Vietnam"
    assert staff_texts.zone_words(Vi, "Asia/Tokyo", now) == "UTC+09:00"


@pytest.mark.parametrize(("t", "named"), [(Vi, "Người có mã 1 "), (En, "The person with id 1 ")])
def test_an_admin_who_never_registered_is_named_by_id_in_words(t: Texts, named: str) -> None:
    """Found by a re-test: "— 1 cấp quyền…" (a bare id as the actor)."""
    row = AuditRow(AT, Person(1, "", None), "grant", {"user": ORG.telegram_id})
    line = staff_texts.audit_line(t, AuditView(row, ORG), VN)
    assert f"— {named}" in line
