"""certificate images: the logo and the signatures' images certificates carry, kept by
their digest; the event's logo in its certificate settings.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 11:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("certificate_settings") as table:
        table.add_column(sa.Column("logo", TEXT(length=64), nullable=False, server_default=""))
    op.create_table(
        "certificate_image",
        sa.Column("digest", TEXT(length=64), nullable=False),
        sa.Column("media_type", TEXT(length=20), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )


def downgrade() -> None:
    op.drop_table("certificate_image")
    with op.batch_alter_table("certificate_settings") as table:
        table.drop_column("logo")
