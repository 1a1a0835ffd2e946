"""availability band: the band last published for each event (open, few, online only,
waitlist, full, closed) and how many facts about it were sent

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # "" (none published yet): the next seat that moves, or the next revision of the event,
    # publishes the band.
    with op.batch_alter_table("event_copy", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "availability_band",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default=sa.text("''"),
            )
        )
        batch_op.add_column(sa.Column("availability_places", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "availability_revision", sa.Integer(), nullable=False, server_default=sa.text("0")
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("event_copy", schema=None) as batch_op:
        batch_op.drop_column("availability_revision")
        batch_op.drop_column("availability_places")
        batch_op.drop_column("availability_band")
