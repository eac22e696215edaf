"""Unit keys ignore punctuation; a merged unit remembers where it went

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24

"Phòng Kế hoạch - Tài chính" and "Phòng Kế hoạch, Tài chính" were two units: the key now
leaves punctuation aside (bot.core.textnorm.match_key), so existing keys are recomputed.
Where two existing units now share a key, the older keeps it and the other keeps its old
key, for an admin to merge (/units); nothing is merged behind anyone's back.
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _key(text: str) -> str:
    """bot.core.textnorm.match_key as of this revision (a migration keeps its own copy)."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    decomposed = unicodedata.normalize("NFD", text.translate(str.maketrans("đĐ", "dd")))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NOT_ALNUM.sub(" ", folded).strip()


def upgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_units_merged_into_id_units"), "units", ["merged_into_id"], ["id"]
        )
    connection = op.get_bind()
    units = connection.execute(sa.text("SELECT id, name, name_key FROM units ORDER BY id")).all()
    taken = {key for _, _, key in units}
    for unit_id, name, old in units:
        new = _key(name) or old
        if new == old or new in taken:
            continue
        taken.discard(old)
        taken.add(new)
        connection.execute(
            sa.text("UPDATE units SET name_key = :key WHERE id = :id"), {"key": new, "id": unit_id}
        )
    people = connection.execute(sa.text("SELECT id, full_name FROM roster_people")).all()
    for person_id, full_name in people:
        connection.execute(
            sa.text("UPDATE roster_people SET name_key = :key WHERE id = :id"),
            {"key": _key(full_name), "id": person_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_units_merged_into_id_units"), type_="foreignkey")
        batch_op.drop_column("merged_into_id")
