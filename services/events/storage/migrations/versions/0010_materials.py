"""materials: the PDFs attached to programme items, kept in the database; and each item's
recording link.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from shared.db import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("programme_item") as table:
        table.add_column(sa.Column("recording_url", TEXT(length=1000), nullable=True))
    op.create_table(
        "material",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", TEXT(length=36), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("title", TEXT(length=200), nullable=False),
        sa.Column("filename", TEXT(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["item_id"], ["programme_item.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_material_event_id", "material", ["event_id"])
    op.create_index("ix_material_item_id", "material", ["item_id"])


def downgrade() -> None:
    op.drop_index("ix_material_item_id", table_name="material")
    op.drop_index("ix_material_event_id", table_name="material")
    op.drop_table("material")
    with op.batch_alter_table("programme_item") as table:
        table.drop_column("recording_url")
