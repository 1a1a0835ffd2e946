"""Tables of the events service: organizations, speakers, venues, events, programme items."""

import uuid
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from shared.db import utc_column, utc_now
from shared.inbox import InboxMessage
from shared.migrations import service_metadata
from shared.outbox import OutboxMessage


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True)
    name: str = Field(max_length=200)


class Speaker(SQLModel, table=True):
    """A person in an organization's speaker directory, reused across its events."""

    __tablename__ = "speaker"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    honorific: str | None = Field(default=None, max_length=30)
    name: str = Field(max_length=200)
    position: str | None = Field(default=None, max_length=300)
    affiliation: str | None = Field(default=None, max_length=300)


class Venue(SQLModel, table=True):
    __tablename__ = "venue"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(max_length=200)
    building: str | None = Field(default=None, max_length=300)
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=300)


class Event(SQLModel, table=True):
    """An event; `revision` counts published versions, `calendar_sequence` the ones that
    moved it in time or place."""

    __tablename__ = "event"

    id: str = Field(default_factory=lambda: str(uuid.uuid4()), primary_key=True, max_length=36)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    slug: str = Field(max_length=120, unique=True)
    status: str = Field(default="draft", max_length=20, index=True)
    title: str = Field(max_length=500)
    subtitle: str | None = Field(default=None, max_length=500)
    description: str | None = None
    supporters: str = Field(default="[]")  # JSON list of names
    timezone: str = Field(default="Europe/Rome", max_length=64)
    doors_open_at: datetime | None = Field(default=None, sa_column=utc_column())
    doors_note: str | None = Field(default=None, max_length=300)
    starts_at: datetime = Field(sa_column=utc_column(nullable=False))
    ends_at: datetime = Field(sa_column=utc_column(nullable=False))
    venue_id: int = Field(foreign_key="venue.id")
    capacity: int
    registration_opens_at: datetime | None = Field(default=None, sa_column=utc_column())
    registration_closes_at: datetime | None = Field(default=None, sa_column=utc_column())
    language: str = Field(default="it", max_length=5)
    moderator_id: int | None = Field(default=None, foreign_key="speaker.id")
    revision: int = 0
    calendar_sequence: int = 0
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


class ProgrammeItem(SQLModel, table=True):
    __tablename__ = "programme_item"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="event.id", index=True, max_length=36)
    parent_id: int | None = Field(default=None, foreign_key="programme_item.id")
    sort: int
    kind: str = Field(max_length=30)
    title: str = Field(max_length=500)
    starts_at: datetime | None = Field(default=None, sa_column=utc_column())
    ends_at: datetime | None = Field(default=None, sa_column=utc_column())


class ItemSpeaker(SQLModel, table=True):
    __tablename__ = "item_speaker"

    item_id: int = Field(foreign_key="programme_item.id", primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", primary_key=True)
    role: str = Field(default="speaker", max_length=20)
    sort: int = 0


METADATA = service_metadata(
    Organization, Speaker, Venue, Event, ProgrammeItem, ItemSpeaker, OutboxMessage, InboxMessage
)
