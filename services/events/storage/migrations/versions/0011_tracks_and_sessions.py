"""tracks and sessions: an event's tracks (name and colour), an item's track, and the seats
of a session people sign up for.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("event") as table:
        table.add_column(sa.Column("tracks", TEXT(), nullable=False, server_default="[]"))
    with op.batch_alter_table("programme_item") as table:
        table.add_column(sa.Column("track", TEXT(length=100), nullable=True))
        table.add_column(sa.Column("seats", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programme_item") as table:
        table.drop_column("seats")
        table.drop_column("track")
    with op.batch_alter_table("event") as table:
        table.drop_column("tracks")
