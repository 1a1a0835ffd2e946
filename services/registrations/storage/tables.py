"""Tables of the registrations service: its copy of each event and the event's form, the
registrations and their answers, and what lets organizers in and makes an API call
repeatable. METADATA holds exactly these, for the service's Alembic history."""

import json
import uuid
from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from services.registrations.domain.form import AskedQuestion, in_language
from services.registrations.domain.registration_life import Status, Window
from services.registrations.domain.ticket_codes import new_code
from services.registrations.storage.certificates import (
    Certificate,
    CertificateImage,
    CertificateSettings,
    FeedbackGiven,
    FeedbackResponse,
    OnlineAttendance,
)
from services.registrations.storage.sessions import SessionAgenda, SessionChoice, SessionSeats
from shared.db import service_metadata, utc_column, utc_now
from shared.inbox import InboxMessage
from shared.outbox import OutboxMessage
from shared.rate_windows import RateWindow


class EventCopy(SQLModel, table=True):
    """What this service knows of an event, from the EVENTS stream: published (or after), or
    a draft (revision 0, `draft_saved_at` set) whose form organizers prepare and nobody else
    sees. The seat counters are ours alone: a newer snapshot never touches them."""

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
    # The availability band last published (usecases/availability.py), and how many facts
    # about it were sent: the next one's revision.
    availability_band: str = Field(default="", max_length=20)
    availability_places: int | None = None
    availability_revision: int = 0
    snapshot: str  # the whole EventSnapshotV1 as JSON, for the pages
    # The privacy notice version in force on the form (PrivacyNotice.version); 0: none yet.
    privacy_version: int = 0
    # Moved on by every save of the event's form: what a process keeps of the form in memory
    # is the form while this and `revision` are what they were (usecases/form_rules.py).
    form_revision: int = 0
    # When the draft this copy holds was saved (orders a draft's saves); None once published.
    draft_saved_at: datetime | None = Field(default=None, sa_column=utc_column())

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
    # What happens when a person cancels or does not come: on the form and the person's page.
    cancellation_policy_it: str = Field(default="", max_length=2000)
    cancellation_policy_en: str = Field(default="", max_length=2000)

    def cancellation_policy(self, lang: str) -> str:
        """The cancellation policy for a reader of `lang` (empty: none written)."""
        return in_language(self.cancellation_policy_it, self.cancellation_policy_en, lang)


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
    help_it: str = Field(default="", max_length=500)  # under the field on the form
    help_en: str = Field(default="", max_length=500)

    def asked(self) -> AskedQuestion:
        """The question as the form's rules read it."""
        assert self.id is not None, "a question is saved before anyone answers it"
        choices = frozenset(option["value"] for option in json.loads(self.options))
        return AskedQuestion(self.id, self.kind, self.required, choices)


def new_registration_id() -> str:
    return str(uuid.uuid4())


def new_ticket_code() -> str:
    return uuid.uuid4().hex


class Registration(SQLModel, table=True):
    """One person at one event. Its status moves only through domain/registration_life.py
    (pending -> confirmed; waitlisted -> offered -> confirmed; then cancelled, expired or
    lapsed).
    Personal fields are emptied on erasure (`erased_at`); status, mode and check-in stay
    for the counts."""

    __tablename__ = "registration"
    __table_args__ = (
        UniqueConstraint("event_id", "email_key"),
        UniqueConstraint("event_id", "short_code", name="uq_registration_event_short_code"),
        # A waitlisted person's place counts those ahead in this order: with the index the
        # count reads only them, not every registration of the event.
        Index("ix_registration_waitlist", "event_id", "status", "mode", "waitlist_position"),
    )

    id: str = Field(default_factory=new_registration_id, primary_key=True, max_length=36)
    event_id: str = Field(foreign_key="event_copy.event_id", index=True, max_length=36)
    status: str = Field(default=Status.CONFIRMED.value, max_length=20, index=True)
    mode: str = Field(default="in_person", max_length=20)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    email: str = Field(max_length=320)
    # Normalized, for "one person, one registration"; indexed for the person's feed, which
    # gathers an address's registrations across events.
    email_key: str = Field(max_length=320, index=True)
    phone: str | None = Field(default=None, max_length=40)
    organization: str | None = Field(default=None, max_length=200)
    role: str | None = Field(default=None, max_length=200)
    accessibility: str = Field(default="[]")  # JSON list of needs
    accessibility_other: str | None = Field(default=None, max_length=500)
    language: str = Field(default="it", max_length=5)
    privacy_notice_version: str = Field(default="", max_length=40)
    privacy_notice_url: str = Field(default="", max_length=500)  # what was consented to
    privacy_consent_at: datetime = Field(sa_column=utc_column(nullable=False))
    marketing_consent: bool = False
    waitlist_position: int | None = None  # arrival order among the waitlisted
    confirm_by: datetime | None = Field(default=None, sa_column=utc_column())
    offer_expires_at: datetime | None = Field(default=None, sa_column=utc_column())
    offers: int = 0
    mode_changes: int = 0
    renewals: int = 0  # registered again after ending; keeps each round's messages apart
    # Signed into the QR code (domain/links.py); a secret, never shown.
    ticket_code: str = Field(default_factory=new_ticket_code, max_length=40)
    # What a person reads aloud and a clerk types at the door (domain/ticket_codes.py);
    # registering picks one no one else at the event has.
    short_code: str = Field(default_factory=new_code, max_length=9)
    # The person's private calendar feed address (/feeds/people/<feed_id>.ics): random, the
    # same on all of one address's registrations, so it says nothing about the address.
    feed_id: str = Field(default="", max_length=40, index=True)
    checked_in_at: datetime | None = Field(default=None, sa_column=utc_column())
    checked_in_by: str | None = Field(default=None, max_length=320)
    # Inside since (the last entry with no exit yet): set and cleared by conditional UPDATEs,
    # so two devices scanning one ticket at once cannot both succeed. Scans: DoorScan.
    present_since: datetime | None = Field(default=None, sa_column=utc_column())
    cancelled_at: datetime | None = Field(default=None, sa_column=utc_column())
    erased_at: datetime | None = Field(default=None, sa_column=utc_column())
    last_resent_at: datetime | None = Field(default=None, sa_column=utc_column())
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))
    # The organizer (staff actor) who registered this person by hand, e.g. on the phone.
    added_by: str | None = Field(default=None, max_length=320)


class DoorScan(SQLModel, table=True):
    """An entry or an exit at the door (or added by an organizer for a scan that was missed):
    a person's attendance is read from their scans (domain/attendance.py)."""

    __tablename__ = "door_scan"

    id: int | None = Field(default=None, primary_key=True)
    registration_id: str = Field(foreign_key="registration.id", index=True, max_length=36)
    event_id: str = Field(max_length=36, index=True)
    scanned_at: datetime = Field(sa_column=utc_column(nullable=False))
    leaving: bool = False
    scanned_by: str = Field(max_length=320)  # the staff actor, or the organizer who added it
    by_hand: bool = False  # added afterwards, not scanned at the door


class PrivacyNotice(SQLModel, table=True):
    """One version of a privacy notice, never changed once written: an organization's own
    (`event_id` empty) or what an event's form links to (domain/privacy.py composes it)."""

    __tablename__ = "privacy_notice"
    __table_args__ = (UniqueConstraint("organization_slug", "event_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_slug: str = Field(max_length=80, index=True)
    event_id: str = Field(default="", max_length=36, index=True)
    version: int
    content: str  # JSON: see domain/privacy.compose
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


class Answer(SQLModel, table=True):
    __tablename__ = "answer"

    registration_id: str = Field(foreign_key="registration.id", primary_key=True, max_length=36)
    question_id: int = Field(foreign_key="question.id", primary_key=True)
    value: str = Field(max_length=5000)  # text, or a JSON list for multiple choice


class OrganizerToken(SQLModel, table=True):
    """A copy of an organization's API token hash, heard from the events service."""

    __tablename__ = "organizer_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    organization_slug: str = Field(max_length=80)
    role: str = Field(max_length=20)
    revoked: bool = False


class StaffMember(SQLModel, table=True):
    """A person's current role in an organization, heard from the events service
    (OrganizerMembershipChangedV1); `role` None: removed. A console cookie is checked against
    it on every request, so a removal or a new role counts at once, not when the cookie ends."""

    __tablename__ = "staff_member"

    organization_slug: str = Field(primary_key=True, max_length=80)
    actor: str = Field(primary_key=True, max_length=320)
    role: str | None = Field(default=None, max_length=20)
    changed_at: datetime = Field(sa_column=utc_column(nullable=False))


class IdempotentRequest(SQLModel, table=True):
    """The answer given to a request with an Idempotency-Key, to give again on a retry."""

    __tablename__ = "idempotent_request"

    key: str = Field(primary_key=True, max_length=200)  # event id + the client's key
    request_hash: str = Field(max_length=64)
    status_code: int
    body: str
    created_at: datetime = Field(default_factory=utc_now, sa_column=utc_column(nullable=False))


METADATA = service_metadata(
    EventCopy,
    FormSettings,
    Question,
    Registration,
    DoorScan,
    CertificateSettings,
    Certificate,
    FeedbackResponse,
    FeedbackGiven,
    OnlineAttendance,
    CertificateImage,
    SessionSeats,
    SessionChoice,
    SessionAgenda,
    Answer,
    PrivacyNotice,
    IdempotentRequest,
    OrganizerToken,
    StaffMember,
    OutboxMessage,
    InboxMessage,
    RateWindow,
)
