"""An organization's webhook endpoints and the deliveries owed to them: tables without model
classes (as storage/materials.py's), since they are read and written by their columns and a
table model would cost every process a pydantic model and an ORM mapper.

`webhook_delivery` holds one row per (endpoint, bus message): its uniqueness is what makes a
fact heard twice unable to owe a second delivery. `body` is the JSON sent, fixed when the row
is made, so every attempt and every redelivery signs and sends the same bytes."""

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)
from sqlmodel import AutoString

from shared.db import UTCDateTime, utc_now


def webhook_tables(metadata: MetaData) -> tuple[Table, Table]:
    """The endpoint and delivery tables, on the service's `metadata` (storage/tables.py)."""
    endpoint = Table(
        "webhook_endpoint",
        metadata,
        Column("id", Integer, primary_key=True),
        Column(
            "organization_id", Integer, ForeignKey("organization.id"), nullable=False, index=True
        ),
        Column("url", AutoString(1000), nullable=False),
        Column("description", AutoString(200), nullable=False, default=""),
        Column("kinds", Text, nullable=False, default="[]"),  # JSON list of kinds
        Column("secret", AutoString(100), nullable=False),  # whsec_ + base64
        Column("enabled", Boolean, nullable=False, default=True),
        Column("failures", Integer, nullable=False, default=0),  # failed attempts in a row
        Column("disabled_at", UTCDateTime(), nullable=True),
        Column("created_at", UTCDateTime(), nullable=False, default=utc_now),
    )
    delivery = Table(
        "webhook_delivery",
        metadata,
        Column("id", Integer, primary_key=True),
        Column(
            "endpoint_id", Integer, ForeignKey("webhook_endpoint.id"), nullable=False, index=True
        ),
        Column("message_id", AutoString(64), nullable=False),  # the webhook-id header
        Column("kind", AutoString(40), nullable=False),
        Column("body", Text, nullable=False),
        Column("status", AutoString(20), nullable=False, index=True),
        Column("attempts", Integer, nullable=False, default=0),
        Column("next_attempt_at", UTCDateTime(), nullable=False),
        Column("lease_until", UTCDateTime(), nullable=True),  # a sender's claim
        Column("last_status_code", Integer, nullable=True),
        Column("last_error", AutoString(1000), nullable=True),
        Column("created_at", UTCDateTime(), nullable=False, default=utc_now),
        Column("attempted_at", UTCDateTime(), nullable=True),
        Column("delivered_at", UTCDateTime(), nullable=True),
        UniqueConstraint("endpoint_id", "message_id", name="uq_webhook_delivery_message"),
    )
    return endpoint, delivery
