"""Migration 0010: unit keys recomputed to ignore punctuation, never merging two units."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from db.migrate import alembic_config


def test_keys_ignore_punctuation_and_a_clash_keeps_the_old_key(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0009")
        for unit_id, name in [(1, "Phòng KH - TC"), (2, "Phòng KH, TC"), (3, "Ban  Thi đua.")]:
            connection.execute(
                text(
                    "INSERT INTO units (id, name, name_key, created_at) "
                    "VALUES (:id, :name, :key, '2023-10-01 00:00:00')"
                ),
                {"id": unit_id, "name": name, "key": name.lower()},
            )
        command.upgrade(alembic_config(connection), "head")
        keys = dict(connection.execute(text("SELECT id, name_key FROM units")).all())
    engine.dispose()
    # The older unit takes the shared key; the other keeps its own, for an admin to merge.
    assert keys == {1: "phong kh tc", 2: "phòng kh, tc", 3: "ban thi dua"}
