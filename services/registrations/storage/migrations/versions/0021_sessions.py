"""sessions: the seats of each session people sign up for, and each person's choices.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 12:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from shared.db import UTCDateTime

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "session_seats",
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("waitlist_counter", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "item_id"),
    )
    op.create_table(
        "session_choice",
        sa.Column("registration_id", TEXT(length=36), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("seated", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("chosen_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("registration_id", "item_id"),
    )
    op.create_index(
        "ix_session_choice_line",
        "session_choice",
        ["event_id", "item_id", "seated", "position"],
    )


def downgrade() -> None:
    op.drop_index("ix_session_choice_line", table_name="session_choice")
    op.drop_table("session_choice")
    op.drop_table("session_seats")
