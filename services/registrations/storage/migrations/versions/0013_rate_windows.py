"""rate windows: per-address counts of posts and failed logins (which every replica of the
service shares), one row per scope and address, replaced when its minute is over.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "rate_window",
        sa.Column("scope", TEXT(length=40), nullable=False),
        sa.Column("address", TEXT(length=64), nullable=False),
        sa.Column("started", sa.Float(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "address"),
    )


def downgrade() -> None:
    op.drop_table("rate_window")
