"""The results report's DOCX: the Decree 30/2020 layout (page, margins, fonts, letterhead,
body, tables, signature), every figure as `stats --json` gives it, and the parts an edition
or the settings lack left out or blank, never invented. With LibreOffice on the machine, the
file also converts to a PDF holding the text."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from bot.core.editions import load_editions
from bot.services.results_report import ActivityRow, Letterhead, ResultsReport
from bot.ui.files import report_name
from bot.ui.files.report_docx import build_report_docx
from bot.ui.files.report_text import BLANK
from db.queries.stats import DayRow, EditionStats, UnitRow

HCM = Letterhead(
    "Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh",
    "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    "Thành phố Hồ Chí Minh",
    "Giám đốc",
    "Nguyễn Văn A",
)
WEEK = [date(2023, 10, 2) + timedelta(days=i) for i in range(7)]


def vi_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def vi_percent(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:.1f}".replace(".", ",") + "%"


def sample(*, roster: bool = False, plan: bool = True, head: Letterhead = HCM) -> ResultsReport:
    """A large week (thousands, so the separators show) with or without a staff list."""
    edition = load_editions().get(2023)
    assert edition is not None
    if not plan:
        edition = replace(edition, plan_number="", plan_date=None, plan_title="")
    days = tuple(DayRow(d, 1000 + i, 1500 + i, 45_000 + i) for i, d in enumerate(WEEK))
    if roster:
        units = (
            UnitRow("Phòng số 2", 1200, 900, 40_000, 1500, 300, 880, 20),
            UnitRow("Phòng số 10", 800, 300, 9_000, 0, 0, 0, 300),
        )
        stats = EditionStats(2023, 2000, 1200, 10_521, 315_021, days, units,
                             1500, 300, 880, 320, 800)  # fmt: skip
    else:
        units = (
            UnitRow("Phòng số 2", 1200, 900, 40_000),
            UnitRow("Phòng số 10", 800, 300, 9_000),
        )
        stats = EditionStats(2023, 2000, 1200, 10_521, 315_021, days, units)
    kinds = (ActivityRow("reading", 6000, 200_000), ActivityRow("course", 4521, 115_021))
    return ResultsReport(edition, stats, kinds, head, date(2023, 10, 12))


def opened(data: ResultsReport) -> DocumentType:
    return Document(io.BytesIO(build_report_docx(data)))


def texts(doc: DocumentType) -> list[str]:
    """Every paragraph's text, body and tables (the letterhead is a table), in order."""
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def grid(doc: DocumentType, first_header: str) -> list[list[str]]:
    """The rows of the bordered table whose first header cell is `first_header`."""
    for table in doc.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0][0] == first_header and table.style.name == "Table Grid":
            return rows
    raise AssertionError(f"no table headed {first_header!r}")


def assert_figures(doc: DocumentType, stats: dict[str, Any]) -> None:
    """Every figure of `stats --json` is in the document, in Vietnamese number format."""
    n = vi_number
    body = "\n".join(texts(doc))
    assert f"Số người đã đăng ký trên bot: {n(stats['registered'])} người" in body
    assert f"(có ít nhất một lượt điểm danh): {n(stats['participants'])} người" in body
    assert f"đạt tỷ lệ {vi_percent(stats['rate'])} so với" in body
    assert f"Tổng số lượt điểm danh: {n(stats['checkins'])} lượt." in body
    assert f"({n(stats['minutes'])} phút)" in body
    average = stats["minutes"] / stats["participants"] if stats["participants"] else 0.0
    shown = f"{average:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert f"({shown} phút) cho mỗi người tham gia" in body
    if stats["headcount"] is not None:
        assert f"danh sách của cơ quan: {n(stats['headcount'])} người" in body
        assert f"trong đó {n(stats['unregistered'])} người chưa đăng ký" in body
    days = grid(doc, "Ngày")
    assert len(days) == 1 + len(stats["by_day"]) + 1
    for row, day in zip(days[1:], stats["by_day"], strict=False):
        iso = date.fromisoformat(day["date"])
        assert row[0].endswith(iso.strftime("%d/%m/%Y"))
        assert row[1:] == [n(day["participants"]), n(day["checkins"]), n(day["minutes"])]
    assert days[-1] == ["Cả Tuần lễ", n(stats["participants"]), n(stats["checkins"]),
                        n(stats["minutes"])]  # fmt: skip
    units = grid(doc, "STT")
    roster = stats["headcount"] is not None
    assert ("Số cán bộ theo danh sách" in units[0]) is roster
    assert len(units) == 1 + len(stats["by_unit"]) + 1
    for i, (row, unit) in enumerate(zip(units[1:], stats["by_unit"], strict=False), 1):
        listed = [n(unit["headcount"])] if roster else []
        values = [unit["registered"], unit["participants"]]
        assert row == [str(i), unit["unit"], *listed, *map(n, values),
                       vi_percent(unit["rate"]), n(unit["minutes"])]  # fmt: skip
    listed = [n(stats["headcount"])] if roster else []
    assert units[-1] == ["", "Toàn cơ quan", *listed, n(stats["registered"]),
                         n(stats["participants"]), vi_percent(stats["rate"]),
                         n(stats["minutes"])]  # fmt: skip


def test_the_page_is_a4_with_the_decrees_margins() -> None:
    section = opened(sample()).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_every_font_is_times_new_roman_for_every_script() -> None:
    doc = opened(sample())
    xml = doc.element.xml + doc.styles.element.xml
    assert "Theme" not in xml.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    for style in (doc.styles["Normal"], doc.styles["Body Text"]):
        fonts = style.element.rPr.find(qn("w:rFonts"))
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{script}")) == "Times New Roman"
    for p in doc.paragraphs:
        for run in p.runs:
            assert run.font.name in (None, "Times New Roman")


def test_the_body_is_13_to_14_pt_justified_with_a_first_line_indent() -> None:
    doc = opened(sample())
    body = [p for p in doc.paragraphs if p.style.name == "Body Text"]
    assert len(body) > 15
    style = doc.styles["Body Text"]
    assert Pt(13) <= style.font.size <= Pt(14)
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert 1.0 <= style.paragraph_format.first_line_indent.cm <= 1.27
    for p in body:
        assert p.paragraph_format.alignment is None  # the style's: justified
        assert all(r.font.size is None for r in p.runs)  # the style's size


def test_letterhead_title_and_signature() -> None:
    doc = opened(sample())
    letterhead = doc.tables[0]
    left = [p.text for p in letterhead.cell(0, 0).paragraphs if p.text]
    right = [p.text for p in letterhead.cell(0, 1).paragraphs if p.text]
    assert left == ["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
                    "SỞ KHOA HỌC VÀ CÔNG NGHỆ THÀNH PHỐ HỒ CHÍ MINH"]  # fmt: skip
    assert letterhead.cell(0, 0).paragraphs[1].runs[0].bold
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(p.runs[0].bold for p in letterhead.cell(0, 1).paragraphs if p.text)
    assert letterhead.cell(1, 0).text.startswith("Số:") and "/BC-" in letterhead.cell(1, 0).text
    place = letterhead.cell(1, 1).paragraphs[0]
    assert place.text == "Thành phố Hồ Chí Minh, ngày … tháng … năm 2023"
    assert place.runs[0].italic
    # Rules under the agency, the motto and the summary line: bottom borders.
    assert doc.element.xml.count("<w:bottom ") >= 3
    titled = [p for p in doc.paragraphs if p.text == "BÁO CÁO"]
    assert titled and titled[0].runs[0].bold
    assert titled[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    summary = "Kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023"
    assert any(p.text == summary and p.runs[0].bold for p in doc.paragraphs)
    signature = doc.tables[-1]
    received = signature.cell(0, 0).paragraphs
    assert received[0].text == "Nơi nhận:" and received[0].runs[0].bold
    assert received[0].runs[0].italic and received[0].runs[0].font.size == Pt(12)
    assert [p.text for p in received[1:]] == ["- Như trên;", "- Lưu: VT."]
    signer = [p.text for p in signature.cell(0, 1).paragraphs if p.text.strip()]
    assert signer == ["GIÁM ĐỐC", "Nguyễn Văn A"]


def test_sections_and_placeholders_but_no_judgement() -> None:
    body = "\n".join(texts(opened(sample())))
    for heading in ("I. TÌNH HÌNH TỔ CHỨC TUẦN LỄ", "II. KẾT QUẢ THỰC HIỆN",
                    "III. ĐÁNH GIÁ", "IV. ĐỀ XUẤT, KIẾN NGHỊ"):  # fmt: skip
        assert heading in body
    assert body.count("[Ban tổ chức bổ sung:") == 2
    assert "Kế hoạch số 3801/KH-SKHCN ngày 29/09/2023" in body
    assert "“Xây dựng năng lực tự học trong kỷ nguyên số”" in body
    assert "từ ngày 02/10/2023 đến hết ngày 08/10/2023 (7 ngày)" in body
    assert "Bộ Giáo dục và Đào tạo đã ban hành văn bản" in body
    for praise in ("tích cực", "thành công", "tốt đẹp", "hiệu quả cao", "đánh giá cao"):
        assert praise not in body


def test_every_figure_as_stats_json_without_a_roster() -> None:
    data = sample()
    doc = opened(data)
    assert_figures(doc, data.figures.as_json())
    assert "Số cán bộ theo danh sách" not in "\n".join(texts(doc))
    activity = next(t for t in doc.tables if t.rows[0].cells[1].text == "Nội dung tự học")
    assert [[c.text for c in r.cells] for r in activity.rows][1:] == [
        ["1", "Đọc sách/tài liệu", "6.000", "200.000", "57,0%"],
        ["2", "Khóa học trực tuyến", "4.521", "115.021", "43,0%"],
    ]


def test_every_figure_as_stats_json_with_a_roster() -> None:
    data = sample(roster=True)
    doc = opened(data)
    assert_figures(doc, data.figures.as_json())
    body = "\n".join(texts(doc))
    assert "trong đó 880 người trong danh sách, đạt tỷ lệ 58,7% so với số cán bộ" in body
    assert "và 320 người ngoài danh sách" in body
    units = grid(doc, "STT")
    assert units[2][5] == "—"  # a unit nobody of which is on the list: no rate


def test_no_plan_number_no_roster_and_no_settings_leave_those_parts_out() -> None:
    data = sample(plan=False, head=Letterhead())
    doc = opened(data)
    body = "\n".join(texts(doc))
    assert "Kế hoạch số" not in body and "3801" not in body
    assert body.count(BLANK) >= 5  # parent, agency, place, signer title and name
    assert f"{BLANK} báo cáo kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2023" in body
    assert "Số cán bộ theo danh sách" not in body
    signer = [p.text for p in doc.tables[-1].cell(0, 1).paragraphs if p.text.strip()]
    assert signer == [BLANK, BLANK]
    assert_figures(doc, data.figures.as_json())


def test_a_week_without_checkins_says_so_without_a_table() -> None:
    data = sample()
    empty = replace(data, activities=())
    body = "\n".join(texts(opened(empty)))
    assert "chưa có lượt điểm danh tự học nào" in body
    assert "Nội dung tự học\n" not in body.split("4. Nội dung tự học")[1][:40]


def test_the_file_name() -> None:
    assert report_name(2023) == "bao-cao-tuan-le-hoc-tap-suot-doi-2023.docx"


def test_libreoffice_opens_it_and_the_pdf_holds_the_text(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not on PATH: the PDF conversion is not checked")
    from pypdf import PdfReader

    source = tmp_path / "bao-cao.docx"
    source.write_bytes(build_report_docx(sample(roster=True)))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    done = subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         str(source)],
        capture_output=True, timeout=180, check=False, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists(), done.stderr.decode(errors="replace")
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 5
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "BÁO CÁO", "Phòng số 10", "315.021", "Nguyễn Văn A"):  # fmt: skip
        assert expected in text


def test_the_document_is_marked_vietnamese_for_spelling() -> None:
    """Word checks what the office types in III and IV as Vietnamese, not English."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(build_report_docx(sample()))) as docx:
        styles = docx.read("word/styles.xml").decode()
    assert 'w:val="vi-VN"' in styles and "en-US" not in styles


def test_the_file_says_what_it_is_and_whose_it_is() -> None:
    """Not python-docx's template: its title, the agency as author, the day it was made."""
    data = sample()
    props = Document(io.BytesIO(build_report_docx(data))).core_properties
    assert props.title.endswith(f"năm {data.year}") and "python-docx" not in props.comments
    assert props.author == (data.letterhead.org_name or "")
    assert props.created is not None and props.created.date() == data.made_on
