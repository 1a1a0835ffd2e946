"""Tables of the notifications service: its copy of events, who is registered for them, the
emails it owes now (deliveries) and later (scheduled mail), and the images certificates carry."""

from datetime import datetime

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from services.notifications.storage.agendas import Agenda, AgendaSession
from shared.db import service_metadata, utc_column, utc_now
from shared.inbox import InboxMessage
from shared.outbox import OutboxMessage
from shared.tracing import current_traceparent


class KnownEvent(SQLModel, table=True):
    """The newest snapshot of an event heard on the EVENTS stream."""

    __tablename__ = "known_event"

    event_id: str = Field(primary_key=True, max_length=36)
    revision: int
    snapshot: str


class Delivery(SQLModel, table=True):
    """One logical email: queued -> claimed -> sending -> sent, or retrying -> failed
    (domain/delivery_life.py says when it may reach its person twice).

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
    # When its last DATA began: committed before the message is handed to SMTP.
    attempted_at: datetime | None = Field(default=None, sa_column=utc_column())
    # Sends taken over from a sender that died in the middle: each maybe a second copy.
    resends: int = 0
    # The trace of the fact that queued it, so the log line of the sending continues it.
    traceparent: str | None = Field(default_factory=current_traceparent, max_length=55)


class Participant(SQLModel, table=True):
    """A registration as the registration facts tell it, so that a change to the event knows
    whom to write to. `renewal` and `fact_at` order the facts: an older one changes nothing.
    `confirmed_at` and `confirmed_revision` say since when, and at which revision of the
    event, the person holds a seat. Email and name are blank once the person was erased."""

    __tablename__ = "participant"

    registration_id: str = Field(primary_key=True, max_length=36)
    event_id: str = Field(max_length=36, index=True)
    email: str = Field(default="", max_length=320)
    name: str = Field(default="", max_length=200)
    language: str = Field(default="it", max_length=5)
    mode: str = Field(default="in_person", max_length=20)
    status: str = Field(max_length=20)
    manage_url: str | None = Field(default=None, max_length=1000)
    ticket_code: str | None = Field(default=None, max_length=20)
    renewal: int = 0
    fact_at: datetime = Field(sa_column=utc_column(nullable=False))
    confirmed_at: datetime | None = Field(default=None, sa_column=utc_column())
    confirmed_revision: int | None = None


class ScheduledMail(SQLModel, table=True):
    """An email owed at `due_at` (reminder, still coming, thanks): pending -> queued once the
    scheduler made it a Delivery under `key`, or dropped (cancelled, disabled, too late).
    One row per (registration, kind); a moved event points it at a new key and time."""

    __tablename__ = "scheduled_mail"
    __table_args__ = (UniqueConstraint("registration_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    registration_id: str = Field(max_length=36)  # indexed by the unique constraint
    event_id: str = Field(max_length=36, index=True)
    kind: str = Field(max_length=40)
    key: str = Field(max_length=200)
    due_at: datetime = Field(sa_column=utc_column(nullable=False))
    status: str = Field(default="pending", max_length=20, index=True)


class KnownImage(SQLModel, table=True):
    """An image a certificate carries (a logo, a signature), by its digest, as registrations
    published it (CertificateImageV1): never changed once heard."""

    __tablename__ = "known_image"

    digest: str = Field(primary_key=True, max_length=64)
    media_type: str = Field(max_length=20)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


METADATA = service_metadata(
    KnownEvent,
    Delivery,
    Participant,
    ScheduledMail,
    KnownImage,
    Agenda,
    AgendaSession,
    OutboxMessage,
    InboxMessage,
)
