"""Tables of the registrations service: its copy of events, and the registrations."""

import uuid
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from shared.db import utc_column, utc_now
from shared.inbox import InboxMessage
from shared.migrations import service_metadata
from shared.outbox import OutboxMessage


class EventCopy(SQLModel, table=True):
    """What this service knows of a published event, from the EVENTS stream. `seats_taken`
    is ours alone: a newer snapshot never touches it."""

    __tablename__ = "event_copy"

    event_id: str = Field(primary_key=True, max_length=36)
    slug: str = Field(max_length=120, unique=True)
    revision: int
    status: str = Field(max_length=20)
    title: str = Field(max_length=500)
    timezone: str = Field(max_length=64)
    starts_at: datetime = Field(sa_column=utc_column(nullable=False))
    ends_at: datetime = Field(sa_column=utc_column(nullable=False))
    registration_opens_at: datetime | None = Field(default=None, sa_column=utc_column())
    registration_closes_at: datetime | None = Field(default=None, sa_column=utc_column())
    capacity: int
    open_to_public: bool = True
    seats_taken: int = 0
    snapshot: str  # the whole EventSnapshotV1 as JSON, for the pages


class Registration(SQLModel, table=True):
    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("event_id", "email_key"),)

    id: str = Field(default_factory=lambda: str(uuid.uuid4()), primary_key=True, max_length=36)
    event_id: str = Field(foreign_key="event_copy.event_id", index=True, max_length=36)
    status: str = Field(default="confirmed", max_length=20)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    email: str = Field(max_length=320)
    email_key: str = Field(max_length=320)  # normalized, for "one person, one registration"
    organization: str | None = Field(default=None, max_length=200)
    language: str = Field(default="it", max_length=5)
    privacy_consent_at: datetime = Field(sa_column=utc_column(nullable=False))
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


METADATA = service_metadata(EventCopy, Registration, OutboxMessage, InboxMessage)
