"""session check-in: when a person arrived at a session's door, where the organizer checks

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.db import UTCDateTime

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("session_choice") as batch:
        batch.add_column(sa.Column("checked_in_at", UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("session_choice") as batch:
        batch.drop_column("checked_in_at")
