"""Privacy: consent record, current usernames

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Usernames become lower-case (Telegram's are case-insensitive) and unique in practice: where
two people carry the same one, only the most recently updated keeps it. Registered users get
no consent record: they are asked on their next check-in or profile change (README).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("username_seen_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("consent_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("consent_version", sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_username"), ["username"], unique=False)
    op.execute("UPDATE users SET username = lower(username) WHERE username IS NOT NULL")
    op.execute(
        "UPDATE users SET username = NULL WHERE username IS NOT NULL AND EXISTS ("
        " SELECT 1 FROM users AS newer WHERE newer.username = users.username"
        " AND (newer.updated_at > users.updated_at"
        "  OR (newer.updated_at = users.updated_at AND newer.id > users.id)))"
    )
    op.execute("UPDATE users SET username_seen_at = updated_at WHERE username IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_username"))
        batch_op.drop_column("consent_version")
        batch_op.drop_column("consent_at")
        batch_op.drop_column("username_seen_at")
