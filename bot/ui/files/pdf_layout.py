"""Text fitted into a box of an fpdf2 page: wrapped by width, shrunk to a least size, cut
with "…" past a number of lines (a 100-letter name or a 120-letter unit stays on the page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

PT_MM = 0.3528  # one point in millimetres


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """`text` in lines no wider than `width` at the current font (a word too long for a
    line is cut between letters)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while pdf.get_string_width(word) > width:  # one long "word": cut it
            cut = max(
                1,
                next(i for i in range(len(word), 0, -1) if pdf.get_string_width(word[:i]) <= width),
            )
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if line and pdf.get_string_width(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def fit(
    pdf: FPDF,
    text: str,
    family: str,
    style: str,
    size: float,
    least: float,
    width: float,
    max_lines: int,
) -> tuple[float, list[str]]:
    """The largest font size from `size` down to `least` at which `text` takes one line,
    else the fewest lines (at most `max_lines`, then the smallest size)."""
    for lines_allowed in range(1, max_lines + 1):
        current = size
        while current >= least:
            pdf.set_font(family, style, current)
            lines = wrap(pdf, text, width)
            if len(lines) <= lines_allowed:
                return current, lines
            current -= 0.5
    pdf.set_font(family, style, least)
    lines = wrap(pdf, text, width)
    if len(lines) > max_lines:  # never past the page: the end is cut, marked with "…"
        lines = lines[:max_lines]
        while lines[-1] and pdf.get_string_width(lines[-1] + "…") > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return least, lines


def centred(
    pdf: FPDF,
    y: float,
    lines: list[str],
    size: float,
    x: float,
    width: float,
    leading: float = 1.25,
) -> float:
    """Centred lines from `y` in the column [x, x + width]; returns the y below them."""
    height = size * PT_MM * leading
    for line in lines:
        pdf.set_xy(x, y)
        pdf.cell(width, height, line, align="C")
        y += height
    return y
