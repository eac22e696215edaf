"""Editions in the database: the packaged file seeds missing years only, a save is audited
and replaces the year, and the live book reloads when the table changes."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from bot.core.editions import Edition, EditionBook, Editions, load_editions
from bot.services import editions as store
from db.models import AuditEntry
from db.session import Sessions
from tests.conftest import vn

NOW = vn(2026, 11, 24, 9)


def edition(year: int) -> Edition:
    found = load_editions().get(year)
    assert found is not None
    return found


ADMIN = 7001


async def test_seed_fills_missing_years_and_never_overwrites(sessions: Sessions) -> None:
    packaged = load_editions()
    assert set(await store.seed(sessions, packaged, NOW)) == {2021, 2023}
    changed = replace(edition(2023), theme="Chủ đề đã sửa trong chat")
    await store.save(
        sessions, changed, actor=ADMIN, admin_ids=frozenset({ADMIN}), origin="chat", now=NOW
    )
    assert await store.seed(sessions, packaged, vn(2026, 11, 25)) == ()
    # An edited EDITIONS_FILE is followed for the years it seeded, never for a saved one.
    edited = Editions([replace(e, theme=f"Sửa {e.year}") for e in packaged.all])
    assert await store.seed(sessions, edited, vn(2026, 11, 26)) == (2021,)
    assert (await store.stored(sessions, 2021)).theme == "Sửa 2021"  # type: ignore[union-attr]
    await store.seed(sessions, packaged, vn(2026, 11, 27))
    kept = await store.stored(sessions, 2023)
    assert kept is not None and kept.theme == "Chủ đề đã sửa trong chat"
    listed = await store.listing(sessions)
    assert [(x.edition.year, x.origin) for x in listed] == [(2023, "chat"), (2021, "seed")]
    assert listed[1].edition == packaged.get(2021)  # the round trip through JSON is exact


async def test_save_is_audited_and_refused_to_a_non_admin(sessions: Sessions) -> None:
    new = replace(edition(2023), year=2027)
    refused = await store.save(
        sessions, new, actor=42, admin_ids=frozenset({ADMIN}), origin="chat", now=NOW
    )
    assert refused is None and await store.stored(sessions, 2027) is None
    saved = await store.save(
        sessions, new, actor=ADMIN, admin_ids=frozenset({ADMIN}), origin="chat", now=NOW
    )
    assert saved == store.Saved(2027, created=True)
    async with sessions() as s:
        entries = list(await s.scalars(select(AuditEntry)))
    assert [(e.actor_id, e.action, e.params["year"]) for e in entries] == [
        (ADMIN, "edition_save", 2027)
    ]


async def test_book_reloads_only_when_the_table_changed(sessions: Sessions) -> None:
    book = EditionBook(load_editions())
    await store.seed(sessions, load_editions(), NOW)
    assert await store.refresh(sessions, book) is True
    assert await store.refresh(sessions, book) is False  # nothing changed since
    new = replace(edition(2023), year=2027, theme="Năm mới")
    await store.save(
        sessions, new, actor=None, admin_ids=frozenset(), origin="cli", now=vn(2026, 11, 25)
    )
    assert book.get(2027) is None
    assert await store.refresh(sessions, book) is True  # another replica's periodic job
    assert book.get(2027) == new and book.latest.year == 2027


async def test_a_save_stamped_no_later_than_the_last_one_still_reaches_other_replicas(
    sessions: Sessions,
) -> None:
    """Found in review: replicas compared max(updated_at), so a save stamped at the same
    moment (a frozen clock) or earlier (another replica's clock behind) was never loaded."""
    await store.seed(sessions, load_editions(), NOW)
    other = EditionBook(load_editions())
    assert await store.refresh(sessions, other)
    for theme in ("Lần một", "Lần hai"):  # two saves at the very same moment
        changed = replace(edition(2023), theme=theme)
        await store.save(
            sessions, changed, actor=ADMIN, admin_ids=frozenset({ADMIN}), origin="chat", now=NOW
        )
        assert await store.refresh(sessions, other)
        assert other.get(2023).theme == theme  # type: ignore[union-attr]
    assert not await store.refresh(sessions, other)  # nothing new: nothing reloaded


async def test_two_admins_adding_the_same_new_year_at_once_both_succeed(
    sessions: Sessions,
) -> None:
    import asyncio

    new = replace(edition(2023), year=2031, name="Tuần lễ năm 2031")
    new = replace(new, start=new.start.replace(year=2031), end=new.end.replace(year=2031))
    new = replace(new, opening=new.start, plan_date=None, published=None)
    admins = frozenset({ADMIN})
    results = await asyncio.gather(
        *(
            store.save(
                sessions,
                replace(new, theme=t),
                actor=ADMIN,
                admin_ids=admins,
                origin="chat",
                now=NOW,
            )
            for t in ("A", "B")
        )
    )
    assert all(r is not None for r in results)
    assert sorted(r.created for r in results if r) == [False, True]
    assert (await store.stored(sessions, 2031)).theme in {"A", "B"}  # type: ignore[union-attr]
