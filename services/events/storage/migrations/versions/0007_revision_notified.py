"""revisions say whether participants were told: a change published without notice (a typo)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 17:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every revision before this one was announced: the default says so.
    with op.batch_alter_table("event_revision", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("notified", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("event_revision", schema=None) as batch_op:
        batch_op.drop_column("notified")
