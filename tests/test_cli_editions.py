"""`python -m bot editions …`: extract prints JSON, add stores only with --yes, list shows
the stored editions (the packaged ones seeded, the added one beside them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.core.editions import edition_data, load_editions

NOTICES = Path(__file__).parent / "data" / "notices"
PLAN = NOTICES / "province_plan_2025_lam_dong.txt"


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)


def test_extract_prints_the_fields_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["editions", "extract", str(NOTICES / "seed_2023_skhcn_hcm.txt")]) == 0
    printed = json.loads(capsys.readouterr().out)
    found = load_editions().get(2023)
    assert found is not None
    packaged = edition_data(found)
    assert printed["opening_time"] is None and printed["related_decision"] is None
    assert {k: v for k, v in printed.items() if v is not None} == {
        k: v for k, v in packaged.items() if k in printed
    }


def test_add_without_yes_stores_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["editions", "add", str(PLAN)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert main(["editions", "list", "--json"]) == 0
    assert [e["year"] for e in json.loads(capsys.readouterr().out)] == [2023, 2021]


def test_add_yes_stores_and_list_shows_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["editions", "add", str(PLAN), "--yes"]) == 0
    capsys.readouterr()
    assert main(["editions", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(e["year"], e["origin"]) for e in listed] == [
        (2025, "cli"),
        (2023, "seed"),
        (2021, "seed"),
    ]
    assert listed[0]["theme"] == "Học tập suốt đời – chìa khóa phát triển bền vững"
    assert listed[0]["opening_time"] == "07:30:00"


def test_add_refuses_a_notice_without_required_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["editions", "add", str(NOTICES / "zalo_message_2026.txt"), "--yes"]) == 1
    assert "organiser" in capsys.readouterr().err


def test_a_file_that_is_not_a_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "notice.docx"
    fake.write_bytes(b"%PDF-1.4 not a word file")
    assert main(["editions", "extract", str(fake)]) == 1
    assert "not a readable notice" in capsys.readouterr().err


def test_stats_and_export_see_an_added_edition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--year", "2025", "--json"]) == 1  # not known yet
    assert main(["editions", "add", str(PLAN), "--yes"]) == 0
    capsys.readouterr()
    assert main(["stats", "--year", "2025", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["year"] == 2025
    out = tmp_path / "2025.csv"
    assert main(["export", "--year", "2025", "--format", "csv", "-o", str(out)]) == 0
    assert out.exists()
