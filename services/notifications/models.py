"""Tables of the notifications service: its copy of events and the deliveries it owes."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from shared.db import utc_column, utc_now
from shared.inbox import InboxMessage
from shared.migrations import service_metadata
from shared.outbox import OutboxMessage


class KnownEvent(SQLModel, table=True):
    """The newest snapshot of an event heard on the EVENTS stream."""

    __tablename__ = "known_event"

    event_id: str = Field(primary_key=True, max_length=36)
    revision: int
    snapshot: str


class Delivery(SQLModel, table=True):
    """One logical email, sent at most once: queued -> sending -> sent, or retrying -> failed.

    `key` is (registration, kind, number) in one string; its uniqueness is what makes a
    redelivered message unable to queue a second email. `payload` is the fact's own data as
    JSON (links, mode, position, deadline, reason), what the email says beyond the event.
    """

    __tablename__ = "delivery"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)
    kind: str = Field(max_length=40)
    registration_id: str = Field(max_length=36, index=True)
    event_id: str = Field(max_length=36, index=True)
    recipient_email: str = Field(max_length=320)
    recipient_name: str = Field(max_length=200)
    language: str = Field(default="it", max_length=5)
    status: str = Field(default="queued", max_length=20, index=True)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    lease_until: datetime | None = Field(default=None, sa_column=utc_column())
    last_error: str | None = Field(default=None, max_length=1000)
    message_id: str = Field(max_length=300)
    payload: str = Field(default="{}")
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=utc_column())


METADATA = service_metadata(KnownEvent, Delivery, OutboxMessage, InboxMessage)
