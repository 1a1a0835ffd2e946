"""Events, their programme, and the revisions published of them."""

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from shared.db import utc_column, utc_now


class Event(SQLModel, table=True):
    """An event; `revision` counts published versions, `calendar_sequence` the ones that
    moved it in time or place. `published_snapshot` is the newest revision, for readers."""

    __tablename__ = "event"

    id: str = Field(default_factory=lambda: str(uuid.uuid4()), primary_key=True, max_length=36)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    slug: str = Field(max_length=120, unique=True)
    status: str = Field(default="draft", max_length=20, index=True)
    title: str = Field(max_length=500)
    subtitle: str | None = Field(default=None, max_length=500)
    description: str | None = None
    co_organizers: str = Field(default="[]")  # JSON list of {"slug", "name"}
    supporters: str = Field(default="[]")  # JSON list of names
    audience: str = Field(default="[]")  # JSON list
    topics: str = Field(default="[]")  # JSON list of slugs
    timezone: str = Field(default="Europe/Rome", max_length=64)
    doors_open_at: datetime | None = Field(default=None, sa_column=utc_column())
    doors_note: str | None = Field(default=None, max_length=300)
    starts_at: datetime = Field(sa_column=utc_column(nullable=False))
    ends_at: datetime = Field(sa_column=utc_column(nullable=False))
    times_announced: bool = True
    end_note: str | None = Field(default=None, max_length=300)
    venue_id: int = Field(foreign_key="venue.id")
    attendance_mode: str = Field(default="in_person", max_length=20)
    capacity: int
    online_capacity: int | None = None
    online_url: str | None = Field(default=None, max_length=500)
    open_to_public: bool = True
    registration_opens_at: datetime | None = Field(default=None, sa_column=utc_column())
    registration_closes_at: datetime | None = Field(default=None, sa_column=utc_column())
    language: str = Field(default="it", max_length=5)
    moderator_id: int | None = Field(default=None, foreign_key="speaker.id")
    reminder_hours_before: float | None = 24.0
    still_coming_days_before: float | None = None
    thanks_after: bool = True
    notify_programme_changes: bool = True
    revision: int = 0
    calendar_sequence: int = 0
    published_snapshot: str | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


class ProgrammeItem(SQLModel, table=True):
    __tablename__ = "programme_item"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="event.id", index=True, max_length=36)
    parent_id: int | None = Field(default=None, foreign_key="programme_item.id")
    sort: int
    kind: str = Field(max_length=30)
    title: str = Field(max_length=500)
    description: str | None = Field(default=None, max_length=5000)
    room: str | None = Field(default=None, max_length=200)
    starts_at: datetime | None = Field(default=None, sa_column=utc_column())
    ends_at: datetime | None = Field(default=None, sa_column=utc_column())


class ItemSpeaker(SQLModel, table=True):
    __tablename__ = "item_speaker"

    item_id: int = Field(foreign_key="programme_item.id", primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", primary_key=True)
    role: str = Field(default="speaker", max_length=20)
    sort: int = 0


class EventRevision(SQLModel, table=True):
    """One published version: what changed, whether calendars care, the whole snapshot."""

    __tablename__ = "event_revision"

    event_id: str = Field(foreign_key="event.id", primary_key=True, max_length=36)
    revision: int = Field(primary_key=True)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    author: str = Field(max_length=320)
    changes: str = Field(default="[]")  # JSON list of ChangeV1
    calendar_relevant: bool = False
    snapshot: str
