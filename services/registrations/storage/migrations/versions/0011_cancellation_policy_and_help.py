"""cancellation policy and help texts: the event's cancellation policy (Italian and English),
shown on the form beside the submit button and on each person's page; a help text under each
custom question (Italian and English). Empty until an organizer writes one.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 17:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (its new columns, their length)
TEXTS = {
    "form_settings": (("cancellation_policy_it", "cancellation_policy_en"), 2000),
    "question": (("help_it", "help_en"), 500),
}


def upgrade() -> None:
    for table, (columns, length) in TEXTS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                kind = AutoString(length=length)
                batch.add_column(
                    sa.Column(column, kind, nullable=False, server_default=sa.text("''"))
                )


def downgrade() -> None:
    for table, (columns, _) in TEXTS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
