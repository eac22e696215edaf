"""Outbox delivery bookkeeping: who holds a claim, when a row was handed to HTTP, resends

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("handed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("resent_at", sa.DateTime(), nullable=True))
    # Rows a process held when this version was installed: whether they went out is not
    # known (the old code did not record it), so they count as handed over.
    op.execute("UPDATE outbox SET handed_at = claimed_at WHERE status = 'sending'")


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("resent_at")
        batch_op.drop_column("handed_at")
        batch_op.drop_column("claimed_by")
