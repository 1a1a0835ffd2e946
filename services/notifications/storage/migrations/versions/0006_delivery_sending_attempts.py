"""delivery sending attempts: a "claimed" status (no column), when DATA began, and resends

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 19:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("attempted_at", shared.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("resends", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    # A claimed delivery was never handed to SMTP: the previous release sends it as due.
    op.execute("UPDATE delivery SET status = 'queued' WHERE status = 'claimed'")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_column("resends")
        batch_op.drop_column("attempted_at")
