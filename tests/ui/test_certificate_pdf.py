"""The certificate PDF read back: one page, the name with its diacritics, the unit, the code;
long names and units still fit; file names and ZIP parts."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from bot.core.editions import load_editions
from bot.ui import files
from bot.ui.files.certificate_pdf import (
    Issuer,
    build_certificate,
    certificate_filename,
    issuer_of,
    period,
)
from bot.ui.texts import Vi
from db.queries.certificates import Issued

WEEK = load_editions().get(2023)
assert WEEK is not None
AN = Issued(
    "7K4MQ9XP3R",
    1,
    2023,
    "Nguyễn Thị Ngọc Ánh",
    "Phòng Quản lý Khoa học",
    6,
    450,
    datetime(2023, 10, 9, 1, tzinfo=UTC),
)
ISSUER = Issuer(
    "Sở Khoa học và Công nghệ", "Huế", "Giám đốc", "Trần Văn Bình", "hoctap_bot", date(2023, 10, 9)
)


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_the_certificate_says_who_what_and_how_to_check_it() -> None:
    pages, text = text_of(build_certificate(AN, WEEK, ISSUER))
    assert pages == 1
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "GIẤY CHỨNG NHẬN",
        "Nguyễn Thị Ngọc Ánh",
        "Phòng Quản lý Khoa học",
        "Tuần lễ hưởng ứng học tập suốt đời năm 2023 (02/10 – 08/10/2023)",
        WEEK.theme,
        "tự học 6/7 ngày, tổng cộng 7 giờ 30 phút",
        "Huế, ngày 09 tháng 10 năm 2023",
        "GIÁM ĐỐC",
        "Trần Văn Bình",
        "7K4MQ-9XP3R",
        "/xacthuc 7K4MQ-9XP3R",
        "@hoctap_bot",
    ):
        assert expected in text, expected


def test_nothing_is_invented_when_the_settings_are_empty() -> None:
    bare = Issuer(None, None, None, None, "", date(2023, 10, 9))
    pages, text = text_of(build_certificate(AN, WEEK, bare))
    assert pages == 1
    assert "Ngày 09 tháng 10 năm 2023" in text
    assert "GIÁM ĐỐC" not in text and "Huế" not in text and "SỞ" not in text
    assert "@" not in text and "7K4MQ-9XP3R" in text


@pytest.mark.parametrize("repeat", [1, 3])
def test_very_long_names_and_units_stay_on_one_page(repeat: int) -> None:
    name = ("Nguyễn Thị Phương Thảo Hoàng Lê Minh Khuê " * repeat)[:100].strip()
    unit = ("Phòng Quản lý Khoa học và Công nghệ cơ sở tỉnh Thừa Thiên Huế " * 3)[:120].strip()
    word = "Đ" * 100  # no space to break at
    for full_name in (name, word):
        cert = Issued(AN.code, 1, 2023, full_name, unit, 7, 10_000, AN.issued_at)
        long_org = replace_org("Ủy ban nhân dân tỉnh Thừa Thiên Huế, Sở Giáo dục và Đào tạo " * 3)
        pages, text = text_of(build_certificate(cert, WEEK, long_org))
        assert pages == 1
        assert "7K4MQ-9XP3R" in text


def replace_org(org: str) -> Issuer:
    return Issuer(
        org[:200], "Thành phố Huế", "Phó Giám đốc phụ trách", "Lê Văn Cường", "b", date(2023, 10, 9)
    )


def test_file_names_are_ascii_and_unique() -> None:
    assert certificate_filename(AN) == "chung-nhan-2023-nguyen-thi-ngoc-anh-7K4MQ-9XP3R.pdf"
    twin = Issued("ABCDE12345", 2, 2023, AN.full_name, "Khác", 5, 60, AN.issued_at)
    assert certificate_filename(twin) != certificate_filename(AN)
    assert certificate_filename(twin).isascii()
    odd = Issued("ABCDE12345", 2, 2023, "!!!", "Khác", 5, 60, AN.issued_at)
    assert certificate_filename(odd) == "chung-nhan-2023-can-bo-ABCDE-12345.pdf"


def test_formats() -> None:
    assert period(date(2023, 10, 2), date(2023, 10, 8)) == "02/10 – 08/10/2023"
    assert period(date(2023, 12, 29), date(2024, 1, 4)) == "29/12/2023 – 04/01/2024"
    assert [Vi.fmt_minutes(m) for m in (45, 60, 450)] == ["45 phút", "1 giờ", "7 giờ 30 phút"]


def test_issuer_of_settings() -> None:
    class S:
        org_name, org_place, signer_title, signer_name = "Sở", None, None, "Bình"

    assert issuer_of(S(), "@bot", date(2023, 10, 9)) == Issuer(
        "Sở", None, None, "Bình", "bot", date(2023, 10, 9)
    )


async def test_zip_parts_stay_under_the_limit_and_every_pdf_opens() -> None:
    certs = [
        Issued(f"{n:09d}0", n, 2023, "Nguyễn Văn An", "Phòng A", 5, 300, AN.issued_at)
        for n in range(1, 6)
    ]  # five people of one name
    one = len(build_certificate(certs[0], WEEK, ISSUER))
    limit = int(one * 2.5)
    parts = [p async for p in files.certificates_zip(certs, WEEK, ISSUER, limit_bytes=limit)]
    assert len(parts) == 3
    names = []
    for part in parts:
        assert len(part) <= limit
        with zipfile.ZipFile(io.BytesIO(part)) as archive:
            for name in archive.namelist():
                names.append(name)
                assert text_of(archive.read(name))[0] == 1
    assert sorted(names) == sorted(certificate_filename(c) for c in certs)
    assert len(set(names)) == 5
    assert [p async for p in files.certificates_zip([], WEEK, ISSUER)] == []
    single = await files.certificate_pdf(AN, WEEK, ISSUER)
    assert "Nguyễn Thị Ngọc Ánh" in text_of(single)[1]
