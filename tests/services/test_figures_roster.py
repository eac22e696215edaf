"""With a roster, every figure uses it: headcount overall and per unit, the rate over it,
"not registered" per unit; without one, figures as before. Archived units: out of the
per-unit rows, while the totals count every participant."""

from __future__ import annotations

import random

from bot.services import reports
from tests.conftest import VN, vn
from tests.services.conftest import Sessions, register
from tests.services.roster_data import add_people, archive
from tests.services.test_report_units import checkin, edition


async def test_without_a_roster_the_rate_is_over_the_registered(sessions: Sessions) -> None:
    a = await register(sessions, 1, "Phòng A")
    await register(sessions, 2, "Phòng A")
    await checkin(sessions, a, 2023, (2023, 10, 3, 9))
    figures = await reports.figures(sessions, edition(2023), VN)
    assert (figures.headcount, figures.unregistered, figures.rate_basis) == (
        None,
        None,
        "registered",
    )
    assert figures.rate == 0.5
    [unit] = figures.by_unit
    assert (unit.headcount, unit.unregistered, unit.rate) == (None, None, 0.5)
    data = figures.as_json()
    assert data["headcount"] is None and data["by_unit"][0]["headcount"] is None


async def test_with_a_roster_headcount_rate_and_not_registered(sessions: Sessions) -> None:
    an = await register(sessions, 1, "Phòng A", name="An")
    await register(sessions, 2, "Phòng A", name="Bình")
    chi = await register(sessions, 3, "Phòng B", name="Chi")  # not on the roster
    old = await register(sessions, 4, "Phòng Cũ", name="Dũng")
    for user in (an, chi, old):
        await checkin(sessions, user, 2023, (2023, 10, 3, 9))
    await add_people(sessions, "Phòng A", ["An", "Bình", "Cường", "Duy"], linked={"An": an})
    await add_people(sessions, "Phòng A", ["Đã nghỉ"], left_at=vn(2023, 6, 1, 9))
    await add_people(sessions, "Phòng C", ["Em", "Giang"])  # nobody registered yet
    await add_people(sessions, "Phòng Cũ", ["Dũng"], linked={"Dũng": old})
    await archive(sessions, "Phòng Cũ")

    figures = await reports.figures(sessions, edition(2023), VN)
    # Totals count every participant (Dũng's unit was archived, his check-in stays his).
    assert (figures.registered, figures.participants) == (4, 3)
    # On the roster, not left: An, Bình, Cường, Duy, Em, Giang, Dũng = 7; of them only An
    # and Dũng are linked to a registered user (Bình registered but is not linked).
    assert (figures.headcount, figures.unregistered) == (7, 5)
    # The rate counts only those on the list who took part (An, Dũng); Chi took part off it.
    assert (figures.on_roster, figures.off_roster, figures.registered_off_roster) == (2, 1, 2)
    assert figures.rate_basis == "headcount" and figures.rate == 2 / 7
    rows = {u.unit: u for u in figures.by_unit}
    assert set(rows) == {"Phòng A", "Phòng B", "Phòng C"}  # no archived unit
    a, b, c = rows["Phòng A"], rows["Phòng B"], rows["Phòng C"]
    assert (a.registered, a.participants, a.headcount, a.unregistered) == (2, 1, 4, 3)
    assert (a.on_roster, a.off_roster, a.rate) == (1, 0, 0.25)
    assert (b.headcount, b.unregistered, b.rate) == (0, 0, None)  # nobody on the roster
    assert (b.participants, b.on_roster, b.off_roster) == (1, 0, 1)
    assert (c.registered, c.participants, c.headcount, c.unregistered, c.rate) == (
        0,
        0,
        2,
        2,
        0.0,
    )
    data = figures.as_json()
    assert (data["headcount"], data["rate_basis"], data["off_roster"]) == (7, "headcount", 1)
    assert {u["unit"]: u["off_roster"] for u in data["by_unit"]} == {
        "Phòng A": 0,
        "Phòng B": 1,
        "Phòng C": 0,
    }
    assert {u["unit"]: u["headcount"] for u in data["by_unit"]} == {
        "Phòng A": 4,
        "Phòng B": 0,
        "Phòng C": 2,
    }


async def test_each_edition_keeps_its_own_figures(sessions: Sessions) -> None:
    an = await register(sessions, 1, "Phòng A", name="An")
    await checkin(sessions, an, 2023, (2023, 10, 3, 9))
    await add_people(sessions, "Phòng A", ["An"], linked={"An": an})
    # On the list since 2021, left in 2022: on the staff during the 2021 week only.
    await add_people(
        sessions, "Phòng A", ["Xuân"], left_at=vn(2022, 5, 1, 9), created_at=vn(2021, 9, 1, 9)
    )
    older = await reports.figures(sessions, edition(2021), VN)
    assert (older.registered, older.participants) == (0, 0)
    # Only Xuân was on the list then (An's row came in 2023); nobody had registered as her.
    assert (older.headcount, older.unregistered) == (1, 1)
    current = await reports.figures(sessions, edition(2023), VN)
    assert (current.participants, current.headcount, current.unregistered) == (1, 1, 0)
    assert current.rate == 1.0


async def test_a_thousand_people_in_forty_units(sessions: Sessions) -> None:
    """Generated rows; the expected figures are counted here, in plain Python."""
    rng = random.Random(14)
    units = [f"Đơn vị {i:02d}" for i in range(40)]
    people = {u: [f"Người {u[-2:]}-{j:03d}" for j in range(25)] for u in units}  # 1,000
    left = {u: set(rng.sample(people[u], 2)) for u in units[:10]}  # 20 marked as left
    expected: dict[str, dict[str, int]] = {}
    telegram_id = 100
    for u in units:
        registered = rng.sample(people[u], rng.randint(0, 8))
        linked, took_part = {}, 0
        for name in registered:
            telegram_id += 1
            user = await register(sessions, telegram_id, u, name=name)
            linked[name] = user
            if rng.random() < 0.5:
                await checkin(sessions, user, 2023, (2023, 10, rng.randint(2, 4), 9))
                took_part += 1
        gone = left.get(u, set())
        await add_people(sessions, u, [p for p in people[u] if p not in gone], linked=linked)
        await add_people(sessions, u, sorted(gone), left_at=vn(2023, 3, 1, 9))
        on_list = 25 - len(gone)
        expected[u] = {
            "registered": len(registered),
            "participants": took_part,
            "headcount": on_list,
            # Someone who left and had registered is no longer on the list.
            "unregistered": on_list - len([n for n in registered if n not in gone]),
        }
    figures = await reports.figures(sessions, edition(2023), VN)
    assert figures.headcount == 980
    assert figures.unregistered == sum(e["unregistered"] for e in expected.values())
    assert figures.participants == sum(e["participants"] for e in expected.values())
    assert figures.rate == figures.participants / 980
    assert len(figures.by_unit) == 40
    for row in figures.by_unit:
        e = expected[row.unit]
        got = {
            "registered": row.registered,
            "participants": row.participants,
            "headcount": row.headcount,
            "unregistered": row.unregistered,
        }
        assert got == e, row.unit
        assert row.rate == e["participants"] / e["headcount"]
