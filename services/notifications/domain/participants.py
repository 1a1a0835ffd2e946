"""Who is registered for which event, as the registration facts tell it."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.notifications.domain.mails import OwedMail, mail_language
from shared.contracts import (
    RegistrationCancelledV1,
    RegistrationConfirmationRequestedV1,
    RegistrationOfferedV1,
    RegistrationPendingV1,
    RegistrationWaitlistedV1,
)
from shared.contracts.registrations import RegistrationFact

HOLDS_SEAT = "confirmed"

# Where each fact leaves the registration. Confirmed, promoted, mode changed and checked in
# all mean a held seat; a resend says where it stands in its own `status`.
STATUS_AFTER: dict[type[RegistrationFact], str] = {
    RegistrationPendingV1: "pending",
    RegistrationWaitlistedV1: "waitlisted",
    RegistrationOfferedV1: "offered",
    RegistrationCancelledV1: "cancelled",
}


@dataclass(frozen=True)
class Registrant:
    """A registration as the registration facts tell it, so that a change to the event knows
    whom to write to. `renewal` and `fact_at` order the facts: an older one changes nothing.
    `confirmed_at` and `confirmed_revision` say since when, and at which revision of the
    event, the person holds a seat. Email and name are blank once the person was erased.
    `status` mirrors the registration's, as `status_after` reads it from the facts."""

    registration_id: str
    event_id: str
    status: str
    fact_at: datetime
    email: str = ""
    name: str = ""
    language: str = "it"
    mode: str = "in_person"
    manage_url: str | None = None
    ticket_code: str | None = None
    renewal: int = 0
    confirmed_at: datetime | None = None
    confirmed_revision: int | None = None


def status_after(fact: RegistrationFact) -> str:
    """The registration's status once `fact` happened."""
    if isinstance(fact, RegistrationConfirmationRequestedV1):
        return fact.status
    return STATUS_AFTER.get(type(fact), HOLDS_SEAT)


def is_newer(known: Registrant, fact: RegistrationFact) -> bool:
    """A fact of a later round, or a later one of the same round: a redelivered older fact
    must not bring a cancelled registration back."""
    return (fact.renewal, fact.at) >= (known.renewal, known.fact_at)


def apply_fact(known: Registrant | None, fact: RegistrationFact) -> Registrant | None:
    """The registrant after `fact` (a new one for an unknown registration); None when the
    fact is older than what is known and changes nothing."""
    if known is not None and not is_newer(known, fact):
        return None
    status = status_after(fact)
    person = fact.person
    seated_since = (known.confirmed_at, known.confirmed_revision) if known else (None, None)
    if status == HOLDS_SEAT and not (known and holds_seat(known) and known.renewal == fact.renewal):
        seated_since = (fact.at, fact.event_revision)
    return Registrant(
        registration_id=fact.registration_id,
        event_id=known.event_id if known else fact.event_id,
        status=status,
        fact_at=fact.at,
        email=person.email if person else "",  # erased: no one left to write to
        name=f"{person.first_name} {person.last_name}" if person else "",
        language=mail_language(fact.language),
        mode=fact.mode,
        manage_url=fact.manage_url or (known.manage_url if known else None),
        ticket_code=_ticket_code(known, fact),
        renewal=fact.renewal,
        confirmed_at=seated_since[0],
        confirmed_revision=seated_since[1],
    )


def _ticket_code(known: Registrant | None, fact: RegistrationFact) -> str | None:
    """Only confirmations carry the code: a later fact (a mode change) keeps the known one,
    an erasure drops it with the rest of the person."""
    if fact.person is None:
        return None
    return fact.ticket_code or (known.ticket_code if known else None)


def holds_seat(registrant: Registrant) -> bool:
    """Confirmed and still reachable: the people event news and reminders go to."""
    return registrant.status == HOLDS_SEAT and bool(registrant.email)


def mail_to(registrant: Registrant, kind: str, extra: dict[str, Any]) -> OwedMail:
    """An email of `kind` about the event to this registrant: how they attend, their manage
    link and the ticket's short code (for the door), plus `extra`."""
    return OwedMail(
        kind=kind,
        number=None,
        recipient_email=registrant.email,
        recipient_name=registrant.name,
        language=registrant.language,
        payload={
            "mode": registrant.mode,
            "manage_url": registrant.manage_url,
            "ticket_code": registrant.ticket_code,
            **extra,
        },
    )
