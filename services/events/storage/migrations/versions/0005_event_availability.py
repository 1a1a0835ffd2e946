"""event availability: the band registrations publishes for each event (open, few places
left, only online, waitlist, full, closed), shown on the event page and the home cards

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import shared.db

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_availability",
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("band", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("places_left", sa.Integer(), nullable=True),
        sa.Column("changed_at", shared.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )


def downgrade() -> None:
    op.drop_table("event_availability")
