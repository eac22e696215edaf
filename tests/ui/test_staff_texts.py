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


# Issue 14: the roster, the unit list, invitations and follow-up lists read as sentences too,
# naming units (escaped) and counts, never a raw action name.
NEW_ENTRIES: list[tuple[str, dict[str, Any], str]] = [
    (
        "roster_import",
        {"people": 1000, "added": 3, "returned": 0, "moved": 2, "left": 1, "units_created": 4},
        "nhập danh sách cán bộ: 1.000 người (3 mới, 2 chuyển đơn vị, 1 không còn",
    ),
    ("unit_add", {"unit": 5, "unit_name": "Phòng <b>A</b>"}, "thêm đơn vị «Phòng &lt;b&gt;A"),
    (
        "unit_rename",
        {"unit": 5, "unit_name": "P. KT", "new_name": "Phòng Kế toán"},
        "đổi tên đơn vị «P. KT» thành «Phòng Kế toán»",
    ),
    (
        "unit_merge",
        {"unit": 5, "into": 6, "members": 7, "unit_name": "KHTC", "new_name": "Phòng KHTC"},
        "gộp đơn vị «KHTC» (7 người) vào «Phòng KHTC»",
    ),
    ("unit_archive", {"unit": 5, "members": 0, "unit_name": "Cũ"}, "lưu trữ đơn vị «Cũ»"),
    ("invite_codes", {"units": 40, "assigned": 2}, "đường dẫn mời của 40 đơn vị (2 mã mới)"),
    (
        "followup_list",
        {"year": 2023, "names": True, "not_registered": 12, "not_checked_in": 30},
        "năm 2023: 12 chưa đăng ký, 30 chưa điểm danh",
    ),
    # Issue 15: the end-of-week documents that carry names are taken on the record.
    ("report", {"year": 2023, "checkins": 1234}, "báo cáo kết quả Tuần lễ năm 2023 (1.234 lượt"),
    (
        "commendations",
        {"year": 2023, "people": 42, "units": 7},
        "khen thưởng năm 2023 (42 cá nhân đạt tiêu chí, 7 đơn vị)",
    ),
    ("certificates", {"year": 2023, "certificates": 1500}, "giấy chứng nhận năm 2023 (1.500 giấy)"),
]


@pytest.mark.parametrize(("action", "params", "expected"), NEW_ENTRIES)
def test_issue_14_actions_are_sentences(action: str, params: dict[str, Any], expected: str) -> None:
    view = AuditView(AuditRow(AT, ADMIN, action, params), None)
    for t in (Vi, En):
        line = staff_texts.audit_line(t, view, VN)
        assert t.ACTIONS["other"].split("}")[-1] not in line
        assert "{" not in line and "(không rõ)" not in line and "(unknown)" not in line, line
    assert expected in staff_texts.audit_line(Vi, view, VN)


def test_edition_saves_read_as_sentences_and_the_command_line_is_named() -> None:
    cli = Person(-1, None, None)
    new = AuditView(AuditRow(AT, ADMIN, "edition_save", {"year": 2027, "created": True}), None)
    changed = AuditView(
        AuditRow(AT, cli, "edition_save", {"year": 2027, "created": False, "fields": ["a", "b"]}),
        None,
    )
    assert "lưu Tuần lễ năm 2027 từ thông báo." in staff_texts.audit_line(Vi, new, VN)
    line = staff_texts.audit_line(Vi, changed, VN)
    assert "Người quản trị máy chủ (dòng lệnh) sửa thông tin Tuần lễ năm 2027 (2 mục" in line
    assert "changed the 2027 week (2 fields changed)" in staff_texts.audit_line(En, changed, VN)
