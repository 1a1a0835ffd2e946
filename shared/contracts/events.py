"""Facts published by the events service: whole snapshots of an event at a revision."""

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from shared.contracts.envelope import Fact, register


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class SpeakerV1(_Part):
    """A person on the programme, with the role they have on one item. `id` is the entry in
    the organization's speaker directory (None in messages from before the directory)."""

    id: int | None = None
    honorific: str | None = None
    name: str
    position: str | None = None
    organization: str | None = None
    role: str = "speaker"
    bio: str | None = None
    photo_url: str | None = None

    def display_name(self) -> str:
        """'Dott. Fabio Bergamaschi'."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name


class TrackV1(_Part):
    """A track of a programme with parallel sessions: items name it by `name`."""

    name: str
    colour: str = "#0066cc"


class MaterialV1(_Part):
    """A document of a programme item (slides, a paper): a PDF at `url` on the event's page."""

    id: int
    title: str
    url: str
    size: int  # bytes


class ProgrammeItemV1(_Part):
    """One entry of the programme; a section holds its own items. `id` stays the same across
    revisions, so a consumer can tell an edited item from a new one. Its materials and the
    recording's link are shown once the event is over."""

    id: int | None = None
    kind: str
    title: str
    description: str | None = None
    room: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    speakers: tuple[SpeakerV1, ...] = ()
    items: tuple["ProgrammeItemV1", ...] = ()
    materials: tuple[MaterialV1, ...] = ()
    recording_url: str | None = None
    track: str | None = None  # the name of one of the event's tracks
    seats: int | None = None  # a session people sign up for, with this many seats


class VenueV1(_Part):
    name: str
    building: str | None = None
    address: str | None = None
    city: str | None = None
    map_url: str | None = None

    def one_line(self) -> str:
        """The venue as a calendar LOCATION: name, building, address, city."""
        parts = [self.name, self.building, self.address, self.city]
        return ", ".join(p for p in parts if p)


class OrganizationV1(_Part):
    slug: str
    name: str


AttendanceMode = Literal["in_person", "online", "hybrid"]


class EventSnapshotV1(_Part):
    """The whole event as of `revision`; a consumer keeps the highest revision it has seen.

    `calendar_sequence` grows only when a change matters to calendars (time or place), and
    is the SEQUENCE of every invite for this event. `description` is Markdown. When
    `times_announced` is false only the date is known: starts_at and ends_at span the day.
    `online_url` is for registered online participants only, never for public pages.
    """

    id: str
    slug: str
    revision: int
    calendar_sequence: int
    # "draft" only in EventDraftSavedV1 (revision 0), never in the facts of events.event.>
    status: Literal["draft", "published", "cancelled", "completed"]
    title: str
    subtitle: str | None = None
    description: str | None = None
    organizer: OrganizationV1
    co_organizers: tuple[OrganizationV1, ...] = ()
    supporters: tuple[str, ...] = ()
    timezone: str = "Europe/Rome"
    doors_open_at: datetime | None = None
    doors_note: str | None = None
    starts_at: datetime
    ends_at: datetime
    times_announced: bool = True
    end_note: str | None = None
    venue: VenueV1
    attendance_mode: AttendanceMode = "in_person"
    capacity: int
    online_capacity: int | None = None
    online_url: str | None = None
    open_to_public: bool = True
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    language: str = "it"
    audience: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    moderator: SpeakerV1 | None = None
    programme: tuple[ProgrammeItemV1, ...] = ()
    tracks: tuple[TrackV1, ...] = ()
    page_url: str
    # What participants are sent, as the organizer chose: a reminder this long before the
    # start (None: none), an "are you still coming?" this many days before (None: none),
    # thanks after the event, and an email when only the programme changes.
    reminder_hours_before: float | None = 24.0
    still_coming_days_before: float | None = None
    thanks_after: bool = True
    notify_programme_changes: bool = True
    # Why the organizers called the event off, in the event's language, as they wrote it for
    # participants and the public page; None while it is on, or when they gave none.
    cancellation_reason: str | None = None


class ChangeV1(_Part):
    """One change between two revisions, said for people in both languages."""

    code: str  # what kind of change: "start_moved", "speaker_removed", "venue_changed", ...
    it: str
    en: str


class EventFact(Fact):
    event: EventSnapshotV1

    def message_key(self) -> str:
        return f"{self.event.id}/{self.event.revision}"


@register
class EventDraftSavedV1(Fact):
    """A draft was created or saved: its snapshot at revision 0, status "draft", so that the
    registrations service can let organizers prepare the form before publishing. A draft is
    private: no page, feed or email shows it, and it is not an EventFact (its subject is
    outside events.event.>, which the notifications service follows). `saved_at` orders
    the saves of one draft; any published revision supersedes them all. Not sent once the
    event is published."""

    subject: ClassVar[str] = "events.draft.saved"
    type_name: ClassVar[str] = "it.convegni.events.draft.saved.v1"
    event: EventSnapshotV1
    saved_at: datetime

    def message_key(self) -> str:
        return f"{self.event.id}/draft/{self.saved_at.isoformat()}"


@register
class EventPublishedV1(EventFact):
    """An event became public and open for registration (revision 1). Not sent for drafts."""

    subject: ClassVar[str] = "events.event.published"
    type_name: ClassVar[str] = "it.convegni.events.event.published.v1"


@register
class EventUpdatedV1(EventFact):
    """A published event changed; `changes` says what in words, `calendar_relevant` whether
    time or place moved. `notify` False: the organizer published it without notifying
    anyone (a typo fixed): keep the snapshot, mail no one; never False when calendar_relevant
    (invites would go stale). Not sent for changes to drafts, nor for edits saved and not
    yet published."""

    subject: ClassVar[str] = "events.event.updated"
    type_name: ClassVar[str] = "it.convegni.events.event.updated.v1"
    changes: tuple[ChangeV1, ...] = ()
    calendar_relevant: bool = False
    notify: bool = True  # absent in messages from before it: they were all announced


@register
class EventCancelledV1(EventFact):
    """A published event will not take place. Not sent for drafts, which are just deleted."""

    subject: ClassVar[str] = "events.event.cancelled"
    type_name: ClassVar[str] = "it.convegni.events.event.cancelled.v1"
    reason: str | None = None


@register
class OrganizerTokenIssuedV1(Fact):
    """An organization's API token now exists. Carries only the token's SHA-256, so other
    services can recognise it without ever seeing it."""

    subject: ClassVar[str] = "events.token.issued"
    type_name: ClassVar[str] = "it.convegni.events.token.issued.v1"
    token_hash: str
    organization_slug: str
    role: str

    def message_key(self) -> str:
        return self.token_hash


@register
class OrganizerTokenRevokedV1(Fact):
    """An organization's API token no longer works anywhere."""

    subject: ClassVar[str] = "events.token.revoked"
    type_name: ClassVar[str] = "it.convegni.events.token.revoked.v1"
    token_hash: str
    organization_slug: str

    def message_key(self) -> str:
        return self.token_hash


@register
class OrganizerMembershipChangedV1(Fact):
    """A person's role in an organization was given, changed, or taken away (`role` None).
    Other services that let organizers in with a pass from the console check the person's
    current role against these facts, so a removal takes effect at once. `changed_at` orders
    them: an older fact never overrides a newer one. Not sent for API tokens (their own facts)."""

    subject: ClassVar[str] = "events.membership.changed"
    type_name: ClassVar[str] = "it.convegni.events.membership.changed.v1"
    organization_slug: str
    actor: str  # the account's email, as passes name it
    role: str | None
    changed_at: datetime

    def message_key(self) -> str:
        return f"{self.organization_slug}/{self.actor}/{self.changed_at.isoformat()}"


@register
class InvitationSentV1(Fact):
    """An organization's owner invited a person to join it with a role: the notifications
    service emails them `link` (which holds the invitation's secret; valid until
    `expires_at`). Not sent again when the invitation is accepted or expires."""

    subject: ClassVar[str] = "events.invitation.sent"
    type_name: ClassVar[str] = "it.convegni.events.invitation.sent.v1"
    invitation_id: int
    email: str
    organization_name: str
    role: str
    invited_by: str  # the inviter's name
    link: str
    expires_at: datetime
    language: str = "it"

    def message_key(self) -> str:
        return str(self.invitation_id)
