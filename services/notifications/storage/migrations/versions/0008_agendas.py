"""agendas: each person's sessions as heard, and the version last heard

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "agenda",
        sa.Column("registration_id", TEXT(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("registration_id"),
    )
    op.create_table(
        "agenda_session",
        sa.Column("registration_id", TEXT(length=36), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("seated", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("registration_id", "item_id"),
    )
    op.create_index("ix_agenda_session_event_id", "agenda_session", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_agenda_session_event_id", table_name="agenda_session")
    op.drop_table("agenda_session")
    op.drop_table("agenda")
