"""online attendance: the minutes each person attended online, from the video platform's
report an organizer uploaded; and whether those short of the minimum are told why.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 09:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from shared.db import UTCDateTime

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("certificate_settings") as table:
        table.add_column(
            sa.Column("explain_shortfall", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "online_attendance",
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("registration_id", TEXT(length=36), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", TEXT(length=320), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "registration_id"),
    )


def downgrade() -> None:
    op.drop_table("online_attendance")
    with op.batch_alter_table("certificate_settings") as table:
        table.drop_column("explain_shortfall")
