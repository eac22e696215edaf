"""What one participation certificate costs to build, the ZIP of many, and what that means
for the morning-after sending and `/chungnhan all` at an agency's size.

    .venv/bin/python -m bench.certificates [--count 40] [--rounds 3]

Timed: `build_certificate` (fpdf2, DejaVu fonts embedded) per certificate, and the ZIP parts of
--count certificates. The reference, in the same run, is an invite QR code PNG
(`bot/ui/files/qr.py`), a small CPU-bound image of the same bot: the ratio says what a
certificate costs in QR codes, whatever the machine. Medians of --rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, date, datetime

from bot.core.editions import load_editions
from bot.ui import files
from bot.ui.files.certificate_pdf import Issuer, build_certificate
from bot.ui.files.qr import png
from db.queries.certificates import Issued

ISSUER = Issuer(
    "Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh",
    "Thành phố Hồ Chí Minh",
    "Giám đốc",
    "Nguyễn Văn A",
    "tuanle_bot",
    date(2023, 10, 9),
)


def certificate(n: int) -> Issued:
    at = datetime(2023, 10, 9, 1, tzinfo=UTC)
    return Issued(
        f"{n:09d}0", n, 2023, f"Nguyễn Thị Cán Bộ {n}", "Phòng Quản lý Khoa học", 6, 450, at
    )


async def measure(count: int, rounds: int) -> tuple[float, float, float, int]:
    """(median seconds per certificate, per certificate in a ZIP, per QR code, ZIP bytes)."""
    edition = load_editions().get(2023)
    assert edition is not None
    build_certificate(certificate(0), edition, ISSUER)  # fpdf2 and fontTools imported first
    png("https://t.me/tuanle_bot?start=u-KHCN01")
    one, zipped, qr, size = [], [], [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        for n in range(count):
            build_certificate(certificate(n), edition, ISSUER)
        one.append((time.perf_counter() - started) / count)
        started = time.perf_counter()
        parts = [
            p
            async for p in files.certificates_zip(
                [certificate(n) for n in range(count)], edition, ISSUER
            )
        ]
        zipped.append((time.perf_counter() - started) / count)
        size = sum(len(p) for p in parts)
        started = time.perf_counter()
        for n in range(count):
            png(f"https://t.me/tuanle_bot?start=u-KHCN{n:04d}")
        qr.append((time.perf_counter() - started) / count)
    return statistics.median(one), statistics.median(zipped), statistics.median(qr), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    one, zipped, qr, size = asyncio.run(measure(args.count, args.rounds))
    print(f"certificate PDF: {one * 1000:.0f} ms each ({size / args.count / 1000:.0f} kB); "
          f"in a ZIP: {zipped * 1000:.0f} ms each; reference QR code PNG: {qr * 1000:.1f} ms; "
          f"certificate / QR = {one / qr:.0f}; 1,000 certificates take ~{one * 1000 / 60:.1f} min "
          f"of one CPU, 20,000 ~{one * 20000 / 60:.0f} min")  # fmt: skip


if __name__ == "__main__":
    main()
