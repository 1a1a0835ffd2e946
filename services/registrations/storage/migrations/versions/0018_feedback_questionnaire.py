"""feedback questionnaire: an event's questions and whether certificates wait for the
answers; a certificate's release; the answers, apart from who gave them (no rowid on SQLite,
no time, random ids). Certificates issued before were released when issued.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 08:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from shared.db import UTCDateTime

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("certificate_settings") as table:
        table.add_column(
            sa.Column(
                "questionnaire", TEXT(length=8000), nullable=False, server_default=sa.text("'[]'")
            )
        )
        table.add_column(
            sa.Column(
                "questionnaire_required", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
    with op.batch_alter_table("certificate") as table:
        table.add_column(sa.Column("released_at", UTCDateTime(timezone=True), nullable=True))
    op.execute("UPDATE certificate SET released_at = issued_at")
    op.create_table(
        "feedback_response",
        sa.Column("id", TEXT(length=36), nullable=False),
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("answers", TEXT(length=20000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_feedback_response_event_id", "feedback_response", ["event_id"])
    op.create_table(
        "feedback_given",
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("registration_id", TEXT(length=36), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "registration_id"),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("feedback_given")
    op.drop_index("ix_feedback_response_event_id", table_name="feedback_response")
    op.drop_table("feedback_response")
    with op.batch_alter_table("certificate") as table:
        table.drop_column("released_at")
    with op.batch_alter_table("certificate_settings") as table:
        table.drop_column("questionnaire_required")
        table.drop_column("questionnaire")
