"""draft copies: an event copy may be a draft (revision 0), told by events.draft.saved so that
organizers prepare the form before publishing; `draft_saved_at` orders a draft's saves (None
for a published copy, and for every copy before this).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 17:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import shared.db

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("event_copy") as batch:
        batch.add_column(sa.Column("draft_saved_at", shared.db.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event_copy") as batch:
        batch.drop_column("draft_saved_at")
