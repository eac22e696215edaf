"""The results report as a Word document laid out as Decree 30/2020/NĐ-CP sets for
administrative documents (Phụ lục I): A4, Times New Roman, margins 20/20/30/15 mm, the
two-column letterhead, the number and date line, the title and its summary line, the body
justified with a first-line indent, and "Nơi nhận" beside the signer at the end.

Built in a worker thread by bot/ui/files/__init__.py `report_file` (not `report_docx`:
importing this module sets that name on the package); python-docx is imported with this
module, never at start-up.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime, time

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from bot.services.results_report import ResultsReport
from bot.ui.files import report_text as words
from bot.ui.texts import Vi

FONT = "Times New Roman"
BODY_PT, TABLE_PT, MOTTO_PT, HEAD_PT = 14, 13, 13, 12  # the decree's ranges
BODY_STYLE = "Body Text"  # justified, first-line indent: what the organiser types inherits it
TEXT_WIDTH = Cm(16.5)  # 210 mm − 30 mm − 15 mm
LEFT_COL, RIGHT_COL = Cm(6.0), Cm(10.5)
DAY_WIDTHS = (5.5, 3.5, 3.5, 4.0)
KIND_WIDTHS = (1.4, 6.3, 2.6, 3.4, 2.8)
UNIT_WIDTHS = {True: (1.4, 5.2, 2.1, 1.9, 1.9, 1.9, 2.1), False: (1.4, 6.2, 2.3, 2.3, 2.0, 2.3)}
# What follows w:pBdr in a paragraph's properties (the schema fixes the order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc",
               "w:outlineLvl", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


def build_report_docx(data: ResultsReport) -> bytes:
    doc = Document()
    _page(doc)
    _styles(doc)
    _letterhead(doc, data)
    _body(doc, data)
    _signature(doc, data)
    _properties(doc, data)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _properties(doc: DocumentType, data: ResultsReport) -> None:
    """The file's own properties, as an office would fill them, not python-docx's template
    (author "python-docx", created in 2013)."""
    props = doc.core_properties
    props.title = f"Báo cáo kết quả tổ chức Tuần lễ hưởng ứng học tập suốt đời năm {data.year}"
    props.author = props.last_modified_by = data.letterhead.org_name or ""
    props.comments = props.subject = props.keywords = ""
    props.language = LANGUAGE
    made = datetime.combine(data.made_on, time(0), tzinfo=UTC)
    props.created = props.modified = made
    props.revision = 1


def _page(doc: DocumentType) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    # The page number, centred at the top, from the second page on (the decree's rule).
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    number._p.append(field)


LANGUAGE = "vi-VN"


def _fonts(rpr: object) -> None:
    """Times New Roman for every script Word and LibreOffice tell apart (Vietnamese letters
    with their marks may be taken as east-asian or complex), never a theme font."""
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)
    # Vietnamese, so Word checks the spelling of what the office types in III and IV as such
    # (the default template says en-US: every word underlined).
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    for attr in ("val", "eastAsia"):  # "bidi" is for right-to-left scripts: not ours
        lang.set(qn(f"w:{attr}"), LANGUAGE)


def _styles(doc: DocumentType) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _fonts(rpr)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    body = doc.styles[BODY_STYLE]
    body.font.name, body.font.size = FONT, Pt(BODY_PT)
    _fonts(body.element.get_or_add_rPr())
    fmt = body.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.27)
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(6), Pt(0), 1.15
    doc.styles["Table Grid"].font.size = Pt(TABLE_PT)


def _para(
    where: DocumentType | _Cell,
    text: str = "",
    *,
    size: int | None = None,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    before: int = 0,
) -> Paragraph:
    """A plain paragraph (letterhead, tables, signature): no indent, single spacing."""
    p = where.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_before = Pt(before)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size is not None:
            run.font.size = Pt(size)
    return p


def _rule(where: DocumentType | _Cell, width: float, column: float) -> None:
    """A line `width` cm long, centred in its `column` cm, under the paragraph before: the
    bottom border of an empty 2 pt paragraph narrowed by equal indents (no drawing)."""
    p = where.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(max(column - width, 0) / 2)
    fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(2), Pt(4), Pt(0)
    p.add_run().font.size = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _borderless(doc: DocumentType, rows: int, widths: Sequence[Length]) -> Table:
    table: Table = doc.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
            cell._tc.remove(cell.paragraphs[0]._p)  # each cell gets only what is added
    return table


def _letterhead(doc: DocumentType, data: ResultsReport) -> None:
    head, left_cm, right_cm = data.letterhead, LEFT_COL.cm, RIGHT_COL.cm
    table = _borderless(doc, 2, (LEFT_COL, RIGHT_COL))
    left, right = table.cell(0, 0), table.cell(0, 1)
    _para(left, (head.org_parent or words.BLANK).upper(), size=HEAD_PT)
    _para(left, (head.org_name or words.BLANK).upper(), size=HEAD_PT, bold=True)
    _rule(left, 2.2, left_cm)  # about a third of the name's line, centred under it
    _para(right, words.NATION, size=HEAD_PT, bold=True)
    _para(right, words.MOTTO, size=MOTTO_PT, bold=True)
    _rule(right, 6.1, right_cm)  # as long as the motto
    _para(table.cell(1, 0), words.NUMBER, size=MOTTO_PT, before=6)
    place = words.place_line(head.org_place, data.made_on.year)
    _para(table.cell(1, 1), place, size=MOTTO_PT, italic=True, before=6)
    _para(doc, words.TITLE, size=BODY_PT, bold=True, before=18)
    _para(doc, words.SUMMARY.format(year=data.year), size=BODY_PT, bold=True)
    _rule(doc, 3.5, TEXT_WIDTH.cm)
    _para(doc, f"Kính gửi: {head.org_parent or words.BLANK}", size=BODY_PT, before=12)


def _text(
    doc: DocumentType, text: str, *, bold: bool = False, italic: bool = False, keep: bool = False
) -> None:
    """A body paragraph; a bold one is a heading, kept on the page of what it heads."""
    p = doc.add_paragraph(style=BODY_STYLE)
    p.paragraph_format.keep_with_next = bold or keep or None
    run = p.add_run(text)
    run.bold, run.italic = bold or None, italic or None


def _body(doc: DocumentType, data: ResultsReport) -> None:
    f = data.figures
    _text(doc, words.intro(data))
    _text(doc, words.ORGANISED, bold=True)
    for line in words.organised(data.edition):
        _text(doc, line)
    _text(doc, words.RESULTS, bold=True)
    _text(doc, words.SOURCE.format(day=Vi.fmt_date(data.made_on)))
    _text(doc, words.GENERAL, bold=True)
    for line in words.general(f):
        _text(doc, line)
    _text(doc, words.BY_DAY, bold=True)
    _grid(doc, words.DAY_HEADER, words.day_rows(f), DAY_WIDTHS, text_columns=1)
    _text(doc, words.DAY_NOTE, italic=True)
    _text(doc, words.BY_UNIT, bold=True)
    roster = f.headcount is not None
    _grid(doc, words.unit_header(roster), words.unit_rows(f), UNIT_WIDTHS[roster], 2)
    _text(doc, words.RATE_ON_ROSTER if roster else words.RATE_ON_REGISTERED, italic=True)
    _text(doc, words.KINDS, bold=True)
    if data.activities:
        _grid(doc, words.KIND_HEADER, words.kind_rows(data), KIND_WIDTHS, 2, total=False)
    else:
        _text(doc, words.NO_CHECKINS)
    _text(doc, words.ASSESSMENT_HEAD, bold=True)
    _text(doc, words.ASSESSMENT, italic=True)
    _text(doc, words.PROPOSALS_HEAD, bold=True)
    _text(doc, words.PROPOSALS, italic=True)
    _text(doc, words.closing(data), keep=True)  # with the signature


def _grid(
    doc: DocumentType,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    text_columns: int,
    *,
    total: bool = True,
) -> None:
    """A real Word table: a bold header row repeated on every page, text columns (the first
    `text_columns`, the number excepted) at the left, figures at the right, the last row bold
    when it is a `total`."""
    widths = [Cm(w) for w in widths_cm]
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    numbered = header[0] == "STT"
    for r, values in enumerate([header, *rows]):
        strong = r == 0 or (total and r == len(rows))
        for c, (cell, value) in enumerate(zip(table.rows[r].cells, values, strict=True)):
            cell.width = widths[c]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if r == 0 or (numbered and c == 0):
                align = WD_ALIGN_PARAGRAPH.CENTER
            elif c < text_columns:
                align = WD_ALIGN_PARAGRAPH.LEFT
            else:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            p = cell.paragraphs[0]
            p.alignment = align
            run = p.add_run(value)
            run.bold = strong or None
            run.font.size = Pt(TABLE_PT)


def _signature(doc: DocumentType, data: ResultsReport) -> None:
    head = data.letterhead
    table = _borderless(doc, 1, (Cm(7.5), Cm(9.0)))
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # one page
    left, right = table.cell(0, 0), table.cell(0, 1)
    _para(left, words.RECIPIENTS, size=HEAD_PT, bold=True, italic=True,
          align=WD_ALIGN_PARAGRAPH.LEFT, before=12)  # fmt: skip
    for line in words.RECIPIENT_LINES:
        _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    title = head.signer_title.upper() if head.signer_title else words.BLANK
    _para(right, title, size=BODY_PT, bold=True, before=12)
    for _ in range(4):  # room for the signature and the seal
        _para(right, " ", size=BODY_PT)
    _para(right, head.signer_name or words.BLANK, size=BODY_PT, bold=True)
