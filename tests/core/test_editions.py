"""The editions data file and where a day falls relative to an edition."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.editions import EditionsError, Phase, load_editions, week_status


def test_packaged_editions_match_the_notices() -> None:
    editions = load_editions()
    e2023, e2021 = editions.get(2023), editions.get(2021)
    assert e2023 is not None and e2021 is not None
    assert (e2023.start, e2023.end, e2023.opening) == (
        date(2023, 10, 2),
        date(2023, 10, 8),
        date(2023, 10, 2),
    )
    assert e2023.theme == "Xây dựng năng lực tự học trong kỷ nguyên số"
    assert e2023.plan_number == "3801/KH-SKHCN" and e2023.plan_date == date(2023, 9, 29)
    assert "2023-2030" in e2023.movement
    assert e2023.opening_time is None  # the notice gives no hour: it must stay unknown
    assert (e2021.start, e2021.end, e2021.opening) == (
        date(2021, 10, 1),
        date(2021, 10, 7),
        date(2021, 10, 1),
    )
    assert e2021.plan_number == "2146/KH-SGĐT" and e2021.plan_date == date(2021, 9, 15)
    assert "1373/QĐ-TTg" in e2021.related_decision
    assert e2021.ministry_launch == ""
    assert editions.latest.year == 2023 and e2023.days == 7


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the project")
def test_every_quoted_fact_appears_in_a_seed() -> None:
    seeds = " ".join(p.read_text("utf-8") for p in SEEDS.glob("*.txt"))
    for e in load_editions().all:
        for fact in (e.theme, e.organiser, e.plan_number, e.movement, e.related_decision):
            assert (
                fact.replace("“", "").replace("”", "") in seeds.replace("“", "").replace("”", "")
                or fact.lower() in seeds.lower()
            ), fact


@pytest.mark.parametrize(
    ("today", "phase", "until", "day", "left"),
    [
        (date(2023, 9, 1), Phase.BEFORE, 31, 0, 0),
        (date(2023, 10, 1), Phase.BEFORE, 1, 0, 0),
        (date(2023, 10, 2), Phase.DURING, 0, 1, 6),
        (date(2023, 10, 5), Phase.DURING, 0, 4, 3),
        (date(2023, 10, 8), Phase.DURING, 0, 7, 0),
        (date(2023, 10, 9), Phase.AFTER, 0, 0, 0),
    ],
)
def test_week_status(today: date, phase: Phase, until: int, day: int, left: int) -> None:
    e = load_editions().get(2023)
    assert e is not None
    status = week_status(e, today)
    assert (status.phase, status.days_until_opening, status.day_number, status.days_left) == (
        phase,
        until,
        day,
        left,
    )


def test_lookup_is_honest_about_missing_years() -> None:
    editions = load_editions()
    missing = editions.lookup(2026, date(2026, 11, 23))
    assert (missing.edition.year, missing.exact, missing.requested_year) == (2023, False, 2026)
    assert editions.lookup(None, date(2021, 5, 1)).edition.year == 2021
    # Asking in 2022 (no data) shows the last edition already held, not a future one.
    assert editions.lookup(None, date(2022, 3, 1)).edition.year == 2021


def test_custom_file_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "e.toml"
    good.write_text(
        '[[edition]]\nyear = 2024\nname = "N"\nstart = 2024-10-01\nend = 2024-10-07\n'
        'opening = 2024-10-01\nopening_time = 08:00:00\ntheme = "T"\norganiser = "O"\n'
        'purposes = ["P"]\nsource = "S"\n',
        "utf-8",
    )
    assert load_editions(good).latest.opening_time is not None
    bad = tmp_path / "bad.toml"
    bad.write_text('[[edition]]\nyear = 2024\nname = "N"\n', "utf-8")
    with pytest.raises(EditionsError, match="missing"):
        load_editions(bad)
    inverted = tmp_path / "inv.toml"
    inverted.write_text(
        good.read_text("utf-8").replace("opening = 2024-10-01", "opening = 2024-11-01")
    )
    with pytest.raises(EditionsError, match="opening"):
        load_editions(inverted)
    broken = tmp_path / "broken.toml"
    broken.write_text("[[edition]\n", "utf-8")
    with pytest.raises(EditionsError, match="TOML"):
        load_editions(broken)


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2023, 10, 5), 2023),  # running
        (date(2023, 9, 29), 2023),  # the next one, announced that day
        (date(2022, 6, 1), 2021),  # 2023's notice (29/09/2023) not out yet: the latest known
        (date(2021, 10, 1), 2021),  # running (its first day)
        (date(2020, 1, 1), 2021),  # before any notice: the oldest, nearest to being announced
        (date(2030, 1, 1), 2023),  # none to come: the latest
    ],
)
def test_edition_to_show(today: date, year: int) -> None:
    assert load_editions().to_show(today).year == year


def test_an_edition_is_unknown_before_its_notice_is_published() -> None:
    editions = load_editions()
    e2023 = editions.get(2023)
    assert e2023 is not None and e2023.published == e2023.notice_date == date(2023, 9, 29)
    assert not e2023.known_on(date(2023, 9, 28)) and e2023.known_on(date(2023, 9, 29))
    # On a 2021 clock, 2023 is not an answer yet: no information, the latest known instead.
    early = editions.lookup(2023, date(2021, 10, 3))
    assert (early.edition.year, early.exact, early.requested_year) == (2021, False, 2023)
    assert editions.lookup(2023, date(2023, 9, 29)).exact
    assert editions.lookup(None, date(2023, 9, 25)).edition.year == 2021
    assert [e.year for e in editions.known(date(2022, 1, 1))] == [2021]


def test_published_defaults_to_the_plan_date_and_must_be_a_date(tmp_path: Path) -> None:
    block = (
        '[[edition]]\nyear = 2024\nname = "N"\nstart = 2024-10-01\nend = 2024-10-07\n'
        'opening = 2024-10-01\ntheme = "T"\norganiser = "O"\npurposes = ["P"]\nsource = "S"\n'
    )
    planned = tmp_path / "planned.toml"
    planned.write_text(block + "plan_date = 2024-09-20\n", "utf-8")
    edition = load_editions(planned).latest
    assert not edition.known_on(date(2024, 9, 19)) and edition.known_on(date(2024, 9, 20))
    undated = tmp_path / "undated.toml"
    undated.write_text(block, "utf-8")
    assert load_editions(undated).latest.known_on(date(2000, 1, 1))
    bad = tmp_path / "bad.toml"
    bad.write_text(block + 'published = "soon"\n', "utf-8")
    with pytest.raises(EditionsError, match="published"):
        load_editions(bad)
