"""QR codes of the invite links, as PNG files ready for a poster or an e-mail: the link's
code with the unit's name printed under it, and all of them in one ZIP."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import qrcode  # type: ignore[import-untyped]
from matplotlib import font_manager
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M  # type: ignore[import-untyped]

from bot.ui.files.csvfile import neutralise

BOX = 12  # pixels per module: about 500 px wide, sharp when printed at A5
BORDER = 4  # the quiet zone the standard asks for, in modules
CAPTION_SIZE = 28
CAPTION_MAX = 60  # characters of the caption; longer names are cut with "…"


@dataclass(frozen=True, slots=True)
class QrFile:
    """One PNG: its file name in the ZIP, the link it encodes, the caption under it."""

    name: str
    link: str
    caption: str


@cache
def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # DejaVu Sans (shipped with matplotlib) has every Vietnamese letter.
    try:
        path = font_manager.findfont("DejaVu Sans", fallback_to_default=True)
        return ImageFont.truetype(path, CAPTION_SIZE)
    except OSError:  # no font file: Pillow's own
        return ImageFont.load_default(CAPTION_SIZE)


def code_image(link: str, border: int = BORDER) -> Image.Image:
    """The QR code of `link` as an RGB image with a quiet zone of `border` modules."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=BOX, border=border)
    code.add_data(link)
    code.make(fit=True)
    image: Image.Image = code.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("RGB")


def png(link: str, caption: str = "") -> bytes:
    """The QR code of `link` as a PNG, `caption` centred under it."""
    image = code_image(link)
    if caption:
        text = caption if len(caption) <= CAPTION_MAX else caption[: CAPTION_MAX - 1] + "…"
        font = _font()
        left, top, right, bottom = ImageDraw.Draw(image).textbbox((0, 0), text, font=font)
        width = int(max(image.width, right - left + 2 * BOX * BORDER))
        height = int(image.height + bottom - top + BOX * BORDER)
        framed = Image.new("RGB", (width, height), "white")
        framed.paste(image, ((width - image.width) // 2, 0))
        x = (width - (right - left)) // 2 - left
        ImageDraw.Draw(framed).text((x, image.height - top), text, fill="black", font=font)
        image = framed
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def bundle(files: Sequence[QrFile], table_header: Sequence[str]) -> bytes:
    """A ZIP of the PNGs and a CSV (UTF-8 with BOM, opens in Excel) of captions, links and
    file names, under `table_header` (the reader's words for those three columns)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.writestr(file.name, png(file.link, file.caption))
        table = io.StringIO()
        writer = csv.writer(table)
        writer.writerow(table_header)
        for file in files:
            # A unit name typed at registration lands in a sheet someone opens in Excel.
            writer.writerow([neutralise(file.caption), neutralise(file.link), file.name])
        archive.writestr("links.csv", "\ufeff" + table.getvalue())
    return out.getvalue()
