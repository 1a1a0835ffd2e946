"""Facts published by the registrations service. Each carries what notifications needs to
write its email without calling back: the person, the language, the mode, and the links."""

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.envelope import Fact, register

Mode = Literal["in_person", "online"]


class PersonV1(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    first_name: str
    last_name: str
    email: str
    organization: str | None = None


class RegistrationFact(Fact):
    registration_id: str
    event_id: str
    event_revision: int
    person: PersonV1 | None = None  # None only after the personal data was erased
    language: str = "it"
    mode: Mode = "in_person"
    manage_url: str | None = None  # the signed self-service link
    at: datetime
    # How many times this person registered again after cancelling; part of every message
    # key, so the second time round is not taken for a repeat of the first.
    renewal: int = 0
    # The ticket's short code as people read and type it ("7KQ4-M2XD-P"), for the emails that
    # carry the ticket. Added within version 1: optional, so a message from before it still
    # reads (None: the email says no code), and a consumer that does not know it ignores it.
    ticket_code: str | None = None

    def key(self, suffix: str) -> str:
        return f"{self.registration_id}/{suffix}" + (f"/r{self.renewal}" if self.renewal else "")


@register
class RegistrationPendingV1(RegistrationFact):
    """A person registered for an event with double opt-in; the seat is held until
    `confirm_by`. Not sent where the event confirms at once."""

    subject: ClassVar[str] = "registrations.registration.pending"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.pending.v1"
    confirm_url: str
    confirm_by: datetime

    def message_key(self) -> str:
        return self.key("pending")


@register
class RegistrationConfirmedV1(RegistrationFact):
    """A person holds a seat at an event (at once, or after following the opt-in link). Sent
    once per registration; not sent for a refused form or a repeated submission."""

    subject: ClassVar[str] = "registrations.registration.confirmed"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.confirmed.v1"

    def message_key(self) -> str:
        return self.key("confirmed")


@register
class RegistrationConfirmationRequestedV1(RegistrationFact):
    """A registered person submitted the form again: send the confirmation once more.
    `request_id` makes each such request its own message."""

    subject: ClassVar[str] = "registrations.registration.confirmation_requested"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.confirmation_requested.v1"
    request_id: str
    status: str = "confirmed"  # where the registration stands: what the repeat should say

    def message_key(self) -> str:
        return self.key(f"resend/{self.request_id}")


@register
class RegistrationWaitlistedV1(RegistrationFact):
    """No seat was free in the chosen mode: the person is on the waitlist at `position`."""

    subject: ClassVar[str] = "registrations.registration.waitlisted"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.waitlisted.v1"
    position: int

    def message_key(self) -> str:
        return self.key("waitlisted")


@register
class RegistrationOfferedV1(RegistrationFact):
    """A seat freed up and is held for this waitlisted person until `offer_expires_at`; they
    accept through `accept_url`. `offer` counts the offers this registration has had."""

    subject: ClassVar[str] = "registrations.registration.offered"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.offered.v1"
    accept_url: str
    offer_expires_at: datetime
    offer: int = 1

    def message_key(self) -> str:
        return self.key(f"offered/{self.offer}")


@register
class RegistrationPromotedV1(RegistrationFact):
    """A waitlisted person now holds a seat: they accepted an offer, the event was near
    enough to confirm at once, or an organizer confirmed them by hand."""

    subject: ClassVar[str] = "registrations.registration.promoted"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.promoted.v1"

    def message_key(self) -> str:
        return self.key("promoted")


@register
class RegistrationCancelledV1(RegistrationFact):
    """The registration ended before the event: cancelled by the person, declined by an
    organizer, expired (opt-in not followed), lapsed (offer not accepted), or the event was
    cancelled. `held_seat` says whether the person was confirmed, so calendars hold an
    invite to withdraw (a pending or offered seat never had one)."""

    subject: ClassVar[str] = "registrations.registration.cancelled"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.cancelled.v1"
    reason: Literal["by_person", "by_organizer", "expired", "lapsed", "event_cancelled"]
    held_seat: bool
    # With reason event_cancelled: what the organizers wrote to participants (the event's
    # language), carried here so the email never waits for the event's own fact.
    organizer_reason: str | None = None

    def message_key(self) -> str:
        return self.key("cancelled")


@register
class RegistrationModeChangedV1(RegistrationFact):
    """A confirmed person switched between attending in person and online."""

    subject: ClassVar[str] = "registrations.registration.mode_changed"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.mode_changed.v1"
    change: int  # how many switches so far, so each is its own message

    def message_key(self) -> str:
        return self.key(f"mode/{self.change}")


@register
class RegistrationCheckedInV1(RegistrationFact):
    """The person entered, scanned at the door. `entry` counts their entries (back after
    lunch, the second day): each is its own message. Added within version 1 with a default,
    so a message from before it reads as the first entry."""

    subject: ClassVar[str] = "registrations.registration.checked_in"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.checked_in.v1"
    entry: int = 1

    def message_key(self) -> str:
        return self.key("checked_in" if self.entry == 1 else f"checked_in/{self.entry}")


@register
class RegistrationCheckedOutV1(RegistrationFact):
    """The person left, scanned at the door's exit; `exit` counts their exits."""

    subject: ClassVar[str] = "registrations.registration.checked_out"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.checked_out.v1"
    exit: int = 1

    def message_key(self) -> str:
        return self.key(f"checked_out/{self.exit}")


AvailabilityBand = Literal["open", "few", "online_only", "waitlist", "full", "closed"]


@register
class AvailabilityChangedV1(Fact):
    """How easily one can still register for an event, as the public pages say it. Sent by
    registrations, in the transaction that moved a seat, only when the band changes: open, few
    places left (`places_left` says how many: every change within that band is sent), full in
    person with online places left (`online_only`), full in person with a waitlist
    (`waitlist`), full, or closed; also when a new revision of the event or of its form moves
    the band. `revision` grows with every fact about one event: the newest wins."""

    subject: ClassVar[str] = "registrations.availability.changed"
    type_name: ClassVar[str] = "it.convegni.registrations.availability.changed.v1"
    event_id: str
    revision: int
    band: AvailabilityBand
    places_left: int | None = None  # with "few": the places left in the band's mode
    at: datetime

    def message_key(self) -> str:
        return f"{self.event_id}/availability/{self.revision}"


@register
class AuditRecordedV1(Fact):
    """An organizer (or their API token) did something with registrations that the
    organization's audit log keeps: `what` is one of registration_added, registration_confirmed,
    registration_declined, registration_erased, export_downloaded, checked_in. Staged in the
    transaction of the action (an export: when it is served); the events service keeps the
    log. Never carries personal data beyond the name the organizer acted on (`subject`), and
    not even that for an erasure. Not sent for what people do themselves on the public form."""

    subject: ClassVar[str] = "registrations.audit.recorded"
    type_name: ClassVar[str] = "it.convegni.registrations.audit.recorded.v1"
    record_id: str  # a uuid4 made when the action happened: one message per action
    organization_slug: str
    event_id: str
    event_title: str
    actor: str
    what: str
    subject_text: str = ""
    details: dict[str, str] = Field(default_factory=dict)
    at: datetime

    def message_key(self) -> str:
        return self.record_id
