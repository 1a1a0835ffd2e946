"""session agendas: each person's count of changes to their sessions, told on the bus.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "session_agenda",
        sa.Column("registration_id", TEXT(length=36), nullable=False),
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("registration_id"),
    )


def downgrade() -> None:
    op.drop_table("session_agenda")
