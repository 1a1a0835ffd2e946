"""Tables of the events service: organizations and the people and tokens that act for them,
their speaker and venue directories, events, their programme and their published revisions.
METADATA holds exactly these, for the service's Alembic history."""

import uuid
from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from services.events.storage.materials import material_table
from services.events.storage.webhooks import webhook_tables
from shared.db import service_metadata, utc_column, utc_now
from shared.inbox import InboxMessage
from shared.outbox import OutboxMessage
from shared.rate_windows import RateWindow


class Organization(SQLModel, table=True):
    __tablename__ = "organization"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True)
    name: str = Field(max_length=200)


class AccessibilityStatement(SQLModel, table=True):
    """An organization's accessibility statement (domain/accessibility.py); the default until
    its people save one."""

    __tablename__ = "accessibility_statement"

    organization_id: int = Field(foreign_key="organization.id", primary_key=True)
    status: str = Field(max_length=20)
    non_accessible_it: str = Field(default="", max_length=4000)
    non_accessible_en: str = Field(default="", max_length=4000)
    feedback_email: str = Field(default="", max_length=320)
    prepared_on: date
    method: str = Field(max_length=20)
    updated_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


class Account(SQLModel, table=True):
    """An organizer who logs in to the console; the password is an argon2 hash."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True)
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


class Membership(SQLModel, table=True):
    """An account's role in one organization: owner, editor, door (check-in only) or viewer."""

    __tablename__ = "membership"

    account_id: int = Field(foreign_key="account.id", primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", primary_key=True)
    role: str = Field(max_length=20)


class LoginSession(SQLModel, table=True):
    """A logged-in browser; the cookie holds a random token, this row only its hash."""

    __tablename__ = "login_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    expires_at: datetime = Field(sa_column=utc_column(nullable=False))


class ApiToken(SQLModel, table=True):
    """An integration's key to one organization; shown once, stored as a hash, revocable."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(max_length=100)
    prefix: str = Field(max_length=20)  # shown in lists so people can tell tokens apart
    token_hash: str = Field(max_length=64, unique=True)
    role: str = Field(default="editor", max_length=20)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column())


class Invitation(SQLModel, table=True):
    """An owner's invitation to join the organization with a role: the emailed link holds a
    random token, this row only its hash. Used once (`accepted_at`), before `expires_at`."""

    __tablename__ = "invitation"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    email: str = Field(max_length=320)
    role: str = Field(max_length=20)
    token_hash: str = Field(max_length=64, unique=True)
    invited_by: str = Field(max_length=320)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    expires_at: datetime = Field(sa_column=utc_column(nullable=False))
    accepted_at: datetime | None = Field(default=None, sa_column=utc_column())


class AuditEntry(SQLModel, table=True):
    """Who did what, when, in an organization: written in the transaction of the action here,
    or heard from registrations (registrations.audit.recorded). `what` names the action
    (domain/audit.py), `subject` what it was done to (an event's title, a person), `details`
    a JSON object of the words the description needs (a role, a decision)."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    event_id: str | None = Field(default=None, max_length=36, index=True)
    at: datetime = Field(sa_column=utc_column(nullable=False))
    actor: str = Field(max_length=320)
    what: str = Field(max_length=40)
    subject: str = Field(default="", max_length=500)
    details: str = Field(default="{}")


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
    bio: str | None = Field(default=None, max_length=2000)
    photo_url: str | None = Field(default=None, max_length=500)


class Venue(SQLModel, table=True):
    __tablename__ = "venue"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(max_length=200)
    building: str | None = Field(default=None, max_length=300)
    address: str | None = Field(default=None, max_length=300)
    city: str | None = Field(default=None, max_length=300)
    map_url: str | None = Field(default=None, max_length=500)


class Room(SQLModel, table=True):
    """A room inside a venue ("Sala A"); programme items may name one."""

    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("venue_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venue.id", index=True)
    name: str = Field(max_length=200)


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
    tracks: str = Field(default="[]")  # JSON list of {"name", "colour"} (TrackIn)
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
    recording_url: str | None = Field(default=None, max_length=1000)  # shown after the event
    track: str | None = Field(default=None, max_length=100)
    seats: int | None = None  # a session people sign up for, with this many seats


class ItemSpeaker(SQLModel, table=True):
    __tablename__ = "item_speaker"

    item_id: int = Field(foreign_key="programme_item.id", primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", primary_key=True)
    role: str = Field(default="speaker", max_length=20)
    sort: int = 0


class EventRevision(SQLModel, table=True):
    """One published version: what changed, whether calendars care, whether participants
    were told (False: published without notice), the whole snapshot."""

    __tablename__ = "event_revision"

    event_id: str = Field(foreign_key="event.id", primary_key=True, max_length=36)
    revision: int = Field(primary_key=True)
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    author: str = Field(max_length=320)
    changes: str = Field(default="[]")  # JSON list of ChangeV1
    calendar_relevant: bool = False
    notified: bool = True
    snapshot: str


class EventAvailability(SQLModel, table=True):
    """How easily one can still register, as registrations last said it (the fact
    registrations.availability.changed): the pages and cards show it, the ETag includes it."""

    __tablename__ = "event_availability"

    event_id: str = Field(primary_key=True, max_length=36)
    revision: int  # registrations' count of these facts for the event: the newest wins
    band: str = Field(max_length=20)
    places_left: int | None = None
    changed_at: datetime = Field(sa_column=utc_column(nullable=False))


METADATA = service_metadata(
    Organization,
    AccessibilityStatement,
    Account,
    Membership,
    LoginSession,
    ApiToken,
    Invitation,
    AuditEntry,
    Speaker,
    Venue,
    Room,
    Event,
    ProgrammeItem,
    ItemSpeaker,
    EventRevision,
    EventAvailability,
    OutboxMessage,
    InboxMessage,
    RateWindow,
)
MATERIAL = material_table(METADATA)  # a table without a model class (storage/materials.py)
# An organization's webhook endpoints and their deliveries (storage/webhooks.py).
WEBHOOK_ENDPOINT, WEBHOOK_DELIVERY = webhook_tables(METADATA)
