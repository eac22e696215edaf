"""The words of the results report: an official document, in Vietnamese whatever the
admin's language, so its sentences live here rather than in the per-language texts. Every
sentence states a fact of the edition or a figure; what needs judgement is left to the
organiser (ASSESSMENT, PROPOSALS), and a missing setting is a dotted blank, never a name."""

from __future__ import annotations

from datetime import date

from bot.core.editions import Edition
from bot.services.results_report import ResultsReport
from bot.ui.files.columns import activity_names
from bot.ui.texts import Vi
from db.queries.stats import EditionStats

BLANK = "……………………"  # a line the office fills in by hand
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NUMBER = "Số:         /BC-………"  # numbered by the office's clerk; no abbreviation invented
TITLE = "BÁO CÁO"
WEEK = "Tuần lễ hưởng ứng học tập suốt đời năm {year}"
SUMMARY = "Kết quả tổ chức " + WEEK
ORGANISED = "I. TÌNH HÌNH TỔ CHỨC TUẦN LỄ"
RESULTS = "II. KẾT QUẢ THỰC HIỆN"
GENERAL, BY_DAY, BY_UNIT, KINDS = (
    "1. Số liệu chung",
    "2. Kết quả theo ngày",
    "3. Kết quả theo đơn vị",
    "4. Nội dung tự học",
)
ASSESSMENT_HEAD = "III. ĐÁNH GIÁ"
ASSESSMENT = (
    "[Ban tổ chức bổ sung: đánh giá chung về kết quả tổ chức Tuần lễ; những mặt đã làm được; "
    "hạn chế, khó khăn và nguyên nhân.]"
)
PROPOSALS_HEAD = "IV. ĐỀ XUẤT, KIẾN NGHỊ"
PROPOSALS = "[Ban tổ chức bổ sung: đề xuất, kiến nghị với cơ quan cấp trên (nếu có).]"
RECIPIENTS = "Nơi nhận:"
RECIPIENT_LINES = ("- Như trên;", "- Lưu: VT.")
SOURCE = (
    "Số liệu dưới đây được tổng hợp tự động từ dữ liệu đăng ký và điểm danh tự học trên bot "
    "Telegram của Tuần lễ, tính đến ngày {day}."
)
NO_CHECKINS = "Trong Tuần lễ chưa có lượt điểm danh tự học nào."
WEEK_ROW = "Cả Tuần lễ"
TOTAL_ROW = "Toàn cơ quan"
DAY_HEADER = ("Ngày", "Số người tham gia", "Số lượt điểm danh", "Thời gian tự học (phút)")
DAY_NOTE = "Ở dòng “Cả Tuần lễ”, mỗi người tham gia chỉ được tính một lần."
KIND_HEADER = ("STT", "Nội dung tự học", "Số lượt", "Thời gian (phút)", "Tỷ lệ số lượt")
RATE_ON_ROSTER = (
    "Tỷ lệ tham gia = số người trong danh sách cán bộ có điểm danh / số cán bộ theo danh sách; "
    "người tham gia ngoài danh sách được tính ở cột “Tham gia” nhưng không tính vào tỷ lệ."
)
RATE_ON_REGISTERED = "Tỷ lệ tham gia = số người tham gia / số người đã đăng ký trên bot."


def number(value: int) -> str:
    return Vi.fmt_number(value)


def decimal(value: float) -> str:
    """One decimal, Vietnamese separators: 1.234,5."""
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def percent(ratio: float | None) -> str:
    return "—" if ratio is None else Vi.fmt_percent(ratio)


def day_label(day: date) -> str:
    return f"{Vi.fmt_weekday(day)}, {Vi.fmt_date(day)}"


def place_line(place: str | None, year: int) -> str:
    """The date line: day and month left for the office (the day it is signed)."""
    return f"{place or BLANK}, ngày … tháng … năm {year}"


def intro(data: ResultsReport) -> str:
    e, org = data.edition, data.letterhead.org_name or BLANK
    week = WEEK.format(year=e.year)
    if not e.plan_number:
        return f"{org} báo cáo kết quả tổ chức {week} như sau:"
    plan = f"Thực hiện Kế hoạch số {e.plan_number}"
    if e.plan_date is not None:
        plan += f" ngày {Vi.fmt_date(e.plan_date)}"
    plan += f" của {e.organiser}"
    if e.plan_title:
        plan += f" về {e.plan_title[0].lower()}{e.plan_title[1:]}"
    return f"{plan}, {org} báo cáo kết quả tổ chức {week} như sau:"


def organised(e: Edition) -> list[str]:
    """Section I: the edition's facts, each only when the notice gives it."""
    when = (
        f"- Thời gian: từ ngày {Vi.fmt_date(e.start)} đến hết ngày {Vi.fmt_date(e.end)} "
        f"({e.days} ngày); khai mạc ngày {Vi.fmt_date(e.opening)}"
    )
    if e.opening_time is not None:
        when += f" lúc {e.opening_time.strftime('%H:%M')}"
    lines = [f"- Chủ đề: “{e.theme}”.", when + "."]
    if e.audience:
        lines.append(f"- Đối tượng: {e.audience}.")
    if e.ministry_launch:
        lines.append(f"- {e.ministry_launch}")
    if e.movement:
        lines.append(f"- Phong trào: “{e.movement}”.")
    if e.related_decision:
        lines.append(f"- Văn bản liên quan: {e.related_decision}.")
    lines.append(
        "- Hình thức ghi nhận kết quả: cán bộ đăng ký và điểm danh thời gian tự học hằng ngày "
        "trên bot Telegram của Tuần lễ."
    )
    return lines


def general(f: EditionStats) -> list[str]:
    """Section II.1: the totals, with the roster's figures only when there is one."""
    lines = []
    if f.headcount is not None:
        lines.append(
            f"- Số cán bộ theo danh sách của cơ quan: {number(f.headcount)} người, trong đó "
            f"{number(f.unregistered or 0)} người chưa đăng ký trên bot."
        )
    registered = f"- Số người đã đăng ký trên bot: {number(f.registered)} người"
    if f.registered_off_roster:
        registered += f", trong đó {number(f.registered_off_roster)} người ngoài danh sách"
    lines.append(registered + ".")
    took_part = (
        f"- Số người tham gia (có ít nhất một lượt điểm danh): {number(f.participants)} người"
    )
    if f.headcount is None:
        took_part += f", đạt tỷ lệ {percent(f.rate)} so với số người đã đăng ký"
    else:
        took_part += (
            f"; trong đó {number(f.on_roster or 0)} người trong danh sách, đạt tỷ lệ "
            f"{percent(f.rate)} so với số cán bộ theo danh sách"
        )
        if f.off_roster:
            took_part += f", và {number(f.off_roster)} người ngoài danh sách"
    lines.append(took_part + ".")
    lines.append(f"- Tổng số lượt điểm danh: {number(f.checkins)} lượt.")
    average = f.average_minutes
    lines.append(
        f"- Tổng thời gian tự học: {Vi.fmt_minutes(f.minutes)} ({number(f.minutes)} phút); "
        f"bình quân {Vi.fmt_minutes(round(average))} ({decimal(average)} phút) cho mỗi người "
        "tham gia."
    )
    return lines


def unit_header(roster: bool) -> tuple[str, ...]:
    listed = ("Số cán bộ theo danh sách",) if roster else ()
    return (
        "STT",
        "Đơn vị",
        *listed,
        "Đã đăng ký",
        "Tham gia",
        "Tỷ lệ tham gia",
        "Thời gian (phút)",
    )


def unit_rows(f: EditionStats) -> list[tuple[str, ...]]:
    """One row per unit, then the agency's totals (which also count people of no unit or of
    an archived one, as `stats` does)."""
    roster = f.headcount is not None
    rows = []
    for i, u in enumerate(f.by_unit, 1):
        listed = (number(u.headcount or 0),) if roster else ()
        rows.append(
            (str(i), u.unit, *listed, number(u.registered), number(u.participants),
             percent(u.rate), number(u.minutes))
        )  # fmt: skip
    listed = (number(f.headcount or 0),) if roster else ()
    rows.append(
        ("", TOTAL_ROW, *listed, number(f.registered), number(f.participants),
         percent(f.rate), number(f.minutes))
    )  # fmt: skip
    return rows


def day_rows(f: EditionStats) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [
        (day_label(d.date), number(d.participants), number(d.checkins), number(d.minutes))
        for d in f.by_day
    ]
    rows.append((WEEK_ROW, number(f.participants), number(f.checkins), number(f.minutes)))
    return rows


def kind_rows(data: ResultsReport) -> list[tuple[str, ...]]:
    names = activity_names(Vi)
    total = sum(k.checkins for k in data.activities)
    return [
        (str(i), names.get(k.activity, k.activity), number(k.checkins), number(k.minutes),
         percent(k.checkins / total if total else None))
        for i, k in enumerate(data.activities, 1)
    ]  # fmt: skip


def closing(data: ResultsReport) -> str:
    org = data.letterhead.org_name or BLANK
    return f"Trên đây là báo cáo kết quả tổ chức {WEEK.format(year=data.year)} của {org}./."
