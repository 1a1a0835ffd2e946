"""certificates: per event, whether certificates of attendance are issued, the minimum
attendance, credits, accreditation text and signatories; and each certificate issued, by a
public serial that its signed verification code names.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 05:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from shared.db import UTCDateTime

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "certificate_settings",
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("issued", sa.Boolean(), nullable=False),
        sa.Column("minimum_share", sa.Float(), nullable=False),
        sa.Column("credits", TEXT(length=20), nullable=False),
        sa.Column("accreditation", TEXT(length=500), nullable=False),
        sa.Column("signatories", TEXT(length=2000), nullable=False),
        sa.Column("closed_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "certificate",
        sa.Column("id", TEXT(length=36), nullable=False),
        sa.Column("serial", TEXT(length=20), nullable=False),
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("registration_id", TEXT(length=36), nullable=False),
        sa.Column("minutes_attended", sa.Integer(), nullable=False),
        sa.Column("minutes_scheduled", sa.Integer(), nullable=False),
        sa.Column("credits", TEXT(length=20), nullable=False),
        sa.Column("issued_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_reason", TEXT(length=500), nullable=False),
        sa.ForeignKeyConstraint(["registration_id"], ["registration.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "registration_id"),
        sa.UniqueConstraint("serial"),
    )
    op.create_index("ix_certificate_event_id", "certificate", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_certificate_event_id", table_name="certificate")
    op.drop_table("certificate")
    op.drop_table("certificate_settings")
