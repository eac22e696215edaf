"""Daily totals rollup for reports

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "daily_totals",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("checkins", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_daily_totals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "local_date", name=op.f("pk_daily_totals")),
    )
    with op.batch_alter_table("daily_totals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_daily_totals_day", ["local_date", "user_id", "checkins", "minutes"], unique=False
        )
    # Backfill from the check-ins already stored.
    op.execute(
        "INSERT INTO daily_totals (user_id, local_date, checkins, minutes) "
        "SELECT user_id, local_date, COUNT(*), SUM(minutes) FROM checkins "
        "WHERE deleted_at IS NULL GROUP BY user_id, local_date"
    )


def downgrade() -> None:

    with op.batch_alter_table("daily_totals", schema=None) as batch_op:
        batch_op.drop_index("ix_daily_totals_day")

    op.drop_table("daily_totals")
