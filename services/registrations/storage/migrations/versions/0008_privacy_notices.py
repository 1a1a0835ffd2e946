"""privacy notices: numbered, never-changed versions of each organization's and each event's
privacy notice; the version in force on each event's form; the notice each registration
consented to (its address). Events already here get their first version (the default text,
their organization's name, their retention period).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 14:00:00.000000
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

import shared.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOTICE_FIELDS = (
    "controller_name", "controller_address", "controller_email", "controller_pec",
    "controller_phone", "dpo_name", "dpo_contact", "purposes_it", "purposes_en",
    "recipients_it", "recipients_en", "extra_it", "extra_en",
)  # fmt: skip
DEFAULT_RETENTION_DAYS = 180


def upgrade() -> None:
    notice = op.create_table(
        "privacy_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_slug", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("event_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", shared.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_slug", "event_id", "version"),
    )
    with op.batch_alter_table("privacy_notice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_privacy_notice_event_id"), ["event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_privacy_notice_organization_slug"), ["organization_slug"], unique=False
        )
    with op.batch_alter_table("event_copy", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("privacy_version", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "privacy_notice_url",
                sqlmodel.sql.sqltypes.AutoString(length=500),
                nullable=False,
                server_default=sa.text("''"),
            )
        )
    _first_versions(notice)


def _first_versions(notice: sa.Table) -> None:
    """Version 1 of every event's notice, as domain/privacy.compose writes it (edition 1)."""
    connection = op.get_bind()
    events = connection.execute(
        sa.text(
            "SELECT e.event_id, e.slug, e.organization_slug, e.title, e.snapshot, "
            "f.retention_days FROM event_copy e "
            "LEFT JOIN form_settings f ON f.event_id = e.event_id"
        )
    ).all()
    now = datetime.now(UTC)
    for event_id, slug, organization, title, snapshot, retention in events:
        name = json.loads(snapshot).get("organizer", {}).get("name", organization)
        fields = {field: "" for field in NOTICE_FIELDS} | {"controller_name": name}
        content = {
            "edition": 1,
            "organization": {"slug": organization, "name": name},
            "event": {"slug": slug, "title": title},
            "retention_days": retention or DEFAULT_RETENTION_DAYS,
            "source": "organization",
            "fields": fields,
        }
        row = {
            "organization_slug": organization,
            "event_id": event_id,
            "version": 1,
            "content": json.dumps(content),
            "created_at": now,
        }
        connection.execute(notice.insert().values(**row))
    connection.execute(sa.text("UPDATE event_copy SET privacy_version = 1"))


def downgrade() -> None:
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_column("privacy_notice_url")
    with op.batch_alter_table("event_copy", schema=None) as batch_op:
        batch_op.drop_column("privacy_version")
    with op.batch_alter_table("privacy_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_notice_organization_slug"))
        batch_op.drop_index(batch_op.f("ix_privacy_notice_event_id"))
    op.drop_table("privacy_notice")
