"""The participation certificate ("Giấy chứng nhận"): one A4 landscape page, always in
Vietnamese (an official document), with the verification code and how to check it.

fpdf2 and qrcode are imported inside `build_certificate` (called in a worker thread, see
bot/ui/files/__init__.py); `Issuer` and `certificate_filename` cost nothing to import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from bot.core.cert_code import shown
from bot.core.editions import Edition
from bot.ui.files.pdf_layout import PT_MM, centred, fit
from bot.ui.texts import Vi
from db.queries.certificates import Issued

if TYPE_CHECKING:
    from fpdf import FPDF

PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, mm
OUTER, INNER = 9.0, 12.5  # the double border's distance from the page edge
TEXT_W = PAGE_W - 2 * 30.0  # the body's width
HALF_W = 125.0  # each column of the header and of the foot
RED = (160, 20, 25)
NAVY = (20, 40, 100)
SERIF = "dejavu-serif"  # three styles only: each embedded font costs time per file
QR_SIZE = 24.0


class _Settings(Protocol):
    org_name: str | None
    org_place: str | None
    signer_title: str | None
    signer_name: str | None


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who issues the certificates (settings), the bot that verifies them, and the date."""

    org_name: str | None
    org_place: str | None
    signer_title: str | None
    signer_name: str | None
    bot_username: str  # for "check it with /xacthuc at @bot"; "" when not known (CLI)
    issued_on: date


def issuer_of(settings: _Settings, bot_username: str | None, issued_on: date) -> Issuer:
    """The issuer from the settings (ORG_NAME, ORG_PLACE, SIGNER_TITLE, SIGNER_NAME)."""
    return Issuer(
        settings.org_name,
        settings.org_place,
        settings.signer_title,
        settings.signer_name,
        (bot_username or "").lstrip("@"),
        issued_on,
    )


def _ascii_slug(text: str, limit: int = 60) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.decode().lower()).strip("-")
    return slug[:limit].rstrip("-") or "can-bo"


def certificate_filename(cert: Issued) -> str:
    """chung-nhan-2023-nguyen-van-an-7K4MQ-9XP3R.pdf: ASCII, unique (the code is)."""
    return f"chung-nhan-{cert.edition_year}-{_ascii_slug(cert.full_name)}-{shown(cert.code)}.pdf"


def verify_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot and checks `code` (handlers/start.py reads it)."""
    return f"https://t.me/{bot_username}?start=xacthuc-{code}"


def period(start: date, end: date) -> str:
    """02/10 – 08/10/2023 (the year once when both ends share it)."""
    if start.year == end.year:
        return f"{start:%d/%m} – {end:%d/%m/%Y}"
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


@cache
def _font_files() -> dict[tuple[str, str], str]:
    import matplotlib

    base = matplotlib.get_data_path() + "/fonts/ttf/"
    return {
        (SERIF, ""): base + "DejaVuSerif.ttf",
        (SERIF, "B"): base + "DejaVuSerif-Bold.ttf",
        (SERIF, "I"): base + "DejaVuSerif-Italic.ttf",
    }


def _text(
    pdf: FPDF,
    y: float,
    text: str,
    family: str,
    style: str,
    size: float,
    *,
    least: float | None = None,
    x: float = 30.0,
    width: float = TEXT_W,
    max_lines: int = 2,
) -> float:
    fitted, lines = fit(pdf, text, family, style, size, least or size, width, max_lines)
    return centred(pdf, y, lines, fitted, x, width)


def _border(pdf: FPDF) -> None:
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(1.2)
    pdf.rect(OUTER, OUTER, PAGE_W - 2 * OUTER, PAGE_H - 2 * OUTER)
    pdf.set_line_width(0.35)
    pdf.rect(INNER, INNER, PAGE_W - 2 * INNER, PAGE_H - 2 * INNER)


def _header(pdf: FPDF, issuer: Issuer) -> None:
    """The agency (left) and the national motto (right), as on every official document."""
    left, right = 20.0, PAGE_W - 20.0 - HALF_W
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.3)
    if issuer.org_name:
        y = _text(
            pdf,
            20,
            issuer.org_name.upper(),
            SERIF,
            "B",
            11.5,
            least=8.5,
            x=left,
            width=HALF_W,
            max_lines=3,
        )
        pdf.line(left + HALF_W / 2 - 15, y + 1, left + HALF_W / 2 + 15, y + 1)
    _text(pdf, 20, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", SERIF, "B", 11.5, x=right, width=HALF_W)
    y = _text(pdf, 25.2, "Độc lập - Tự do - Hạnh phúc", SERIF, "B", 12, x=right, width=HALF_W)
    motto = pdf.get_string_width("Độc lập - Tự do - Hạnh phúc")
    pdf.line(right + (HALF_W - motto) / 2, y + 0.6, right + (HALF_W + motto) / 2, y + 0.6)


def _body(pdf: FPDF, cert: Issued, edition: Edition) -> None:
    pdf.set_text_color(*RED)
    y = _text(pdf, 47, "GIẤY CHỨNG NHẬN", SERIF, "B", 32)
    pdf.set_text_color(0, 0, 0)
    y = _text(pdf, y + 3, "Chứng nhận ông/bà", SERIF, "I", 14)
    pdf.set_text_color(*NAVY)
    y = _text(pdf, y + 1.5, cert.full_name, SERIF, "B", 26, least=15)
    pdf.set_text_color(0, 0, 0)
    y = _text(pdf, y + 1, f"Đơn vị: {cert.unit}", SERIF, "", 14, least=10.5)
    week = (
        f"đã tham gia Tuần lễ hưởng ứng học tập suốt đời năm {edition.year} "
        f"({period(edition.start, edition.end)})"
    )
    y = _text(pdf, y + 3, week, SERIF, "", 14, least=11)
    if edition.theme:
        y = _text(pdf, y, f"với chủ đề “{edition.theme}”", SERIF, "I", 13, least=10, max_lines=3)
    figures = f"tự học {cert.days}/{edition.days} ngày, tổng cộng {Vi.fmt_minutes(cert.minutes)}."
    _text(pdf, y + 1.5, figures, SERIF, "B", 14)


def _signature(pdf: FPDF, issuer: Issuer) -> None:
    """The place and date, the signer's title, room to sign and seal, the signer's name."""
    x, y = PAGE_W - 20.0 - HALF_W, 143.0
    day = issuer.issued_on
    when = f"ngày {day:%d} tháng {day:%m} năm {day.year}"
    line = f"{issuer.org_place}, {when}" if issuer.org_place else when[0].upper() + when[1:]
    pdf.set_text_color(0, 0, 0)
    y = _text(pdf, y, line, SERIF, "I", 12.5, least=10, x=x, width=HALF_W, max_lines=1)
    if issuer.signer_title:
        _text(
            pdf, y + 1, issuer.signer_title.upper(), SERIF, "B", 12.5, least=10, x=x, width=HALF_W
        )
    if issuer.signer_name:
        _text(
            pdf, 182.0, issuer.signer_name, SERIF, "B", 13, least=10, x=x, width=HALF_W, max_lines=1
        )


def _code(pdf: FPDF, cert: Issued, issuer: Issuer) -> None:
    """The verification code, how to check it, and its QR code (the deep link)."""
    x, y = 24.0, 162.0
    if issuer.bot_username:
        pdf.image(_qr(verify_link(issuer.bot_username, cert.code)), x, y, QR_SIZE, QR_SIZE)
        x += QR_SIZE + 4
    width = PAGE_W / 2 - 8 - x
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(SERIF, "B", 12)
    pdf.set_xy(x, y + 3)
    pdf.cell(width, 6, f"Mã xác thực: {shown(cert.code)}")
    y += 10
    where = f"cho @{issuer.bot_username}" if issuer.bot_username else "cho bot của Tuần lễ"
    check = f"Kiểm tra: gửi /xacthuc {shown(cert.code)} {where}"
    scan = " hoặc quét mã QR" if issuer.bot_username else ""
    pdf.set_text_color(60, 60, 60)
    _text_left(pdf, y + 1, check + scan + " trên Telegram.", x, width)


def _text_left(pdf: FPDF, y: float, text: str, x: float, width: float) -> None:
    fitted, lines = fit(pdf, text, SERIF, "", 9.5, 7, width, 3)
    for line in lines:
        pdf.set_xy(x, y)
        pdf.cell(width, fitted * PT_MM * 1.3, line)
        y += fitted * PT_MM * 1.3


def _qr(link: str) -> Any:
    from bot.ui.files.qr import code_image  # qrcode and Pillow: in the worker thread

    return code_image(link, border=1)  # the certificate's margin is its quiet zone


def build_certificate(cert: Issued, edition: Edition, issuer: Issuer) -> bytes:
    """The certificate as PDF bytes (one page; the fonts embedded, so Vietnamese renders)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for (family, style), path in _font_files().items():
        pdf.add_font(family, style, path)
    pdf.set_title(f"Giấy chứng nhận {shown(cert.code)}")
    pdf.set_author(issuer.org_name or "")
    pdf.set_lang("vi")
    pdf.add_page()
    _border(pdf)
    _header(pdf, issuer)
    _body(pdf, cert, edition)
    _signature(pdf, issuer)
    _code(pdf, cert, issuer)
    return bytes(pdf.output())
