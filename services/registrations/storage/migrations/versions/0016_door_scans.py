"""door scans: each entry and exit at the door (attendance for certificates is read from
them), and since when a person is inside, which the door's conditional UPDATEs guard. A
person checked in before this revision gets their check-in as an entry scan, and is inside.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from shared.db import UTCDateTime

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("registration") as table:
        table.add_column(sa.Column("present_since", UTCDateTime(timezone=True), nullable=True))
    op.create_table(
        "door_scan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration_id", TEXT(length=36), nullable=False),
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("scanned_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("leaving", sa.Boolean(), nullable=False),
        sa.Column("scanned_by", TEXT(length=320), nullable=False),
        sa.Column("by_hand", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["registration_id"], ["registration.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_door_scan_registration_id", "door_scan", ["registration_id"])
    op.create_index("ix_door_scan_event_id", "door_scan", ["event_id"])
    # Checked in before: an entry, and inside since then (so their exit can be scanned).
    op.execute(
        "INSERT INTO door_scan "
        "(registration_id, event_id, scanned_at, leaving, scanned_by, by_hand) "
        "SELECT id, event_id, checked_in_at, false, coalesce(checked_in_by, ''), false "
        "FROM registration WHERE checked_in_at IS NOT NULL"
    )
    op.execute("UPDATE registration SET present_since = checked_in_at")


def downgrade() -> None:
    op.drop_index("ix_door_scan_event_id", table_name="door_scan")
    op.drop_index("ix_door_scan_registration_id", table_name="door_scan")
    op.drop_table("door_scan")
    with op.batch_alter_table("registration") as table:
        table.drop_column("present_since")
