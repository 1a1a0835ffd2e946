"""form revision: a counter on the event's copy that every save of its form (settings and
questions) moves on, so that a process keeping the form in memory knows from the event's row,
read anyway, whether what it keeps is still the form.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 20:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event_copy") as batch:
        batch.add_column(
            sa.Column("form_revision", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    with op.batch_alter_table("event_copy") as batch:
        batch.drop_column("form_revision")
