"""Who is registered for which event, as the registration facts tell it."""

from services.notifications.domain.mails import mail_language
from services.notifications.storage.tables import Participant
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


def status_after(fact: RegistrationFact) -> str:
    """The registration's status once `fact` happened."""
    if isinstance(fact, RegistrationConfirmationRequestedV1):
        return fact.status
    return STATUS_AFTER.get(type(fact), HOLDS_SEAT)


def is_newer(participant: Participant, fact: RegistrationFact) -> bool:
    """A fact of a later round, or a later one of the same round: a redelivered older fact
    must not bring a cancelled registration back."""
    return (fact.renewal, fact.at) >= (participant.renewal, participant.fact_at)


def apply_fact(participant: Participant | None, fact: RegistrationFact) -> Participant | None:
    """The participant after `fact` (a new one for an unknown registration); None when the
    fact is older than what is known and changes nothing."""
    if participant is not None and not is_newer(participant, fact):
        return None
    status = status_after(fact)
    row = participant or Participant(
        registration_id=fact.registration_id, event_id=fact.event_id, status=status, fact_at=fact.at
    )
    if status == HOLDS_SEAT and not (holds_seat(row) and row.renewal == fact.renewal):
        row.confirmed_at, row.confirmed_revision = fact.at, fact.event_revision
    row.status, row.renewal, row.fact_at = status, fact.renewal, fact.at
    row.language, row.mode = mail_language(fact.language), fact.mode
    row.manage_url = fact.manage_url or row.manage_url
    person = fact.person
    row.email = person.email if person else ""  # erased: no one left to write to
    row.name = f"{person.first_name} {person.last_name}" if person else ""
    return row


def holds_seat(participant: Participant) -> bool:
    """Confirmed and still reachable: the people event news and reminders go to."""
    return participant.status == HOLDS_SEAT and bool(participant.email)
