"""What registrations knows of each event (a copy from the bus) and owns about its form."""

import json
from datetime import datetime

from sqlmodel import Field, SQLModel

from services.registrations.domain.form import AskedQuestion
from services.registrations.domain.registration_life import Window
from shared.db import utc_column


class EventCopy(SQLModel, table=True):
    """What this service knows of a published event, from the EVENTS stream. The seat
    counters are ours alone: a newer snapshot never touches them."""

    __tablename__ = "event_copy"

    event_id: str = Field(primary_key=True, max_length=36)
    slug: str = Field(max_length=120, unique=True)
    organization_slug: str = Field(default="", max_length=80, index=True)
    revision: int
    status: str = Field(max_length=20)
    title: str = Field(max_length=500)
    timezone: str = Field(max_length=64)
    starts_at: datetime = Field(sa_column=utc_column(nullable=False))
    ends_at: datetime = Field(sa_column=utc_column(nullable=False))
    registration_opens_at: datetime | None = Field(default=None, sa_column=utc_column())
    registration_closes_at: datetime | None = Field(default=None, sa_column=utc_column())
    attendance_mode: str = Field(default="in_person", max_length=20)
    capacity: int
    online_capacity: int | None = None
    open_to_public: bool = True
    seats_taken: int = 0  # in person: pending, offered and confirmed registrations
    online_seats_taken: int = 0
    waitlist_counter: int = 0  # hands out waitlist places in arrival order
    snapshot: str  # the whole EventSnapshotV1 as JSON, for the pages

    def window(self) -> Window:
        """What the registration window's rule reads of this event."""
        return Window(
            status=self.status,
            starts_at=self.starts_at,
            registration_opens_at=self.registration_opens_at,
            registration_closes_at=self.registration_closes_at,
            capacity=self.capacity,
            seats_taken=self.seats_taken,
            open_to_public=self.open_to_public,
        )


class FormSettings(SQLModel, table=True):
    """How an event's registration works; defaults until an organizer changes them."""

    __tablename__ = "form_settings"

    event_id: str = Field(primary_key=True, max_length=36)
    double_opt_in: bool = False
    confirm_hours: float = 48.0  # a pending registration holds its seat this long
    offer_hours: float = 48.0  # an offered seat waits this long for its person
    near_event_hours: float = 48.0  # closer than this to the start, promote without asking
    waitlist: bool = True
    privacy_notice_url: str = Field(default="/privacy", max_length=500)
    privacy_notice_version: str = Field(default="2026-01", max_length=40)
    retention_days: int = 180  # personal data is erased this long after the event


class Question(SQLModel, table=True):
    """A custom question of an event's form, in Italian and English."""

    __tablename__ = "question"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=36, index=True)
    position: int = 0
    kind: str = Field(max_length=20)  # short_text, long_text, single, multiple, yes_no
    label_it: str = Field(max_length=300)
    label_en: str = Field(max_length=300)
    required: bool = False
    options: str = Field(default="[]")  # JSON list of {"value", "it", "en"}

    def asked(self) -> AskedQuestion:
        """The question as the form's rules read it."""
        assert self.id is not None, "a question is saved before anyone answers it"
        choices = frozenset(option["value"] for option in json.loads(self.options))
        return AskedQuestion(self.id, self.kind, self.required, choices)
