"""accessibility statements: each organization's dichiarazione di accessibilità (AgID model)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import shared.db

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accessibility_statement",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column(
            "non_accessible_it", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False
        ),
        sa.Column(
            "non_accessible_en", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False
        ),
        sa.Column("feedback_email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("prepared_on", sa.Date(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("updated_at", shared.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organization.id"]),
        sa.PrimaryKeyConstraint("organization_id"),
    )


def downgrade() -> None:
    op.drop_table("accessibility_statement")
