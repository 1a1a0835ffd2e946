"""invitations and the audit log: an owner's emailed invitations to join the organization
(their token stored as a hash), and who did what when.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 17:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import shared.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("email", TEXT(length=320), nullable=False),
        sa.Column("role", TEXT(length=20), nullable=False),
        sa.Column("token_hash", TEXT(length=64), nullable=False),
        sa.Column("invited_by", TEXT(length=320), nullable=False),
        sa.Column("created_at", shared.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", shared.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", shared.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_invitation_organization_id", "invitation", ["organization_id"])
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("event_id", TEXT(length=36), nullable=True),
        sa.Column("at", shared.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", TEXT(length=320), nullable=False),
        sa.Column("what", TEXT(length=40), nullable=False),
        sa.Column("subject", TEXT(length=500), nullable=False),
        sa.Column("details", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_entry_organization_id", "audit_entry", ["organization_id"])
    op.create_index("ix_audit_entry_event_id", "audit_entry", ["event_id"])


def downgrade() -> None:
    op.drop_table("audit_entry")
    op.drop_table("invitation")
