"""short codes and feed ids: a ticket code a person can read aloud, and a calendar feed
address that does not carry the email address (the feed finds an address's registrations
by its key, now indexed)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 10:00:00.000000
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

# The code's format is printed on tickets and checked at the door: the rows written here
# must pass the same check as the codes registering makes, so they come from the same place.
from services.registrations.domain.ticket_codes import new_code

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REGISTRATION = sa.table(
    "registration",
    sa.column("id", sa.String()),
    sa.column("event_id", sa.String()),
    sa.column("email_key", sa.String()),
    sa.column("erased_at", sa.String()),
    sa.column("short_code", sa.String()),
    sa.column("feed_id", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "short_code",
                sqlmodel.sql.sqltypes.AutoString(length=9),
                nullable=False,
                server_default=sa.text("''"),
            )
        )
        batch_op.add_column(
            sa.Column(
                "feed_id",
                sqlmodel.sql.sqltypes.AutoString(length=40),
                nullable=False,
                server_default=sa.text("''"),
            )
        )
    _give_codes_and_feed_ids()
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            "uq_registration_event_short_code", ["event_id", "short_code"]
        )
        batch_op.create_index(batch_op.f("ix_registration_feed_id"), ["feed_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_registration_email_key"), ["email_key"], unique=False)


def _give_codes_and_feed_ids() -> None:
    """Every registration gets a short code no one else at its event has; every address
    still on file one feed id for all its registrations (an erased one none)."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            REGISTRATION.c.id,
            REGISTRATION.c.event_id,
            REGISTRATION.c.email_key,
            REGISTRATION.c.erased_at,
        )
    ).all()
    taken: set[tuple[str, str]] = set()
    feeds: dict[str, str] = {}
    for registration_id, event_id, email_key, erased_at in rows:
        code = new_code()
        while (event_id, code) in taken:
            code = new_code()
        taken.add((event_id, code))
        feed_id = "" if erased_at else feeds.setdefault(email_key, secrets.token_urlsafe(24))
        connection.execute(
            sa.update(REGISTRATION)
            .where(REGISTRATION.c.id == registration_id)
            .values(short_code=code, feed_id=feed_id)
        )


def downgrade() -> None:
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registration_email_key"))
        batch_op.drop_index(batch_op.f("ix_registration_feed_id"))
        batch_op.drop_constraint("uq_registration_event_short_code", type_="unique")
        batch_op.drop_column("feed_id")
        batch_op.drop_column("short_code")
