"""Which registration facts a person must hear about, and what their email needs to say."""

from dataclasses import dataclass, replace
from typing import Any

from services.notifications.texts import CATALOGS
from shared.contracts import (
    RegistrationCancelledV1,
    RegistrationConfirmationRequestedV1,
    RegistrationConfirmedV1,
    RegistrationModeChangedV1,
    RegistrationOfferedV1,
    RegistrationPendingV1,
    RegistrationPromotedV1,
    RegistrationWaitlistedV1,
)
from shared.contracts.registrations import RegistrationFact

# The kind of email each mailed fact becomes, and the field (if any) that makes each
# occurrence its own email. Facts not listed (checked in) are not mailed.
MAILED: dict[type[RegistrationFact], tuple[str, str | None]] = {
    RegistrationPendingV1: ("pending", None),
    RegistrationConfirmedV1: ("confirmed", None),
    RegistrationPromotedV1: ("promoted", None),
    RegistrationConfirmationRequestedV1: ("confirmation_requested", "request_id"),
    RegistrationWaitlistedV1: ("waitlisted", None),
    RegistrationOfferedV1: ("offered", "offer"),
    RegistrationCancelledV1: ("cancelled", None),
    RegistrationModeChangedV1: ("mode_changed", "change"),
}

# Emails that say where the registration stands (a resend repeats the newest of them), and
# those among them that carry an invite (a later cancellation withdraws it).
STATE_KINDS = ("pending", "confirmed", "promoted", "waitlisted", "offered")
INVITING = ("confirmed", "promoted")
# Those that carry the ticket's short code (a resend repeats the confirmation).
TICKETED = ("confirmed", "promoted", "confirmation_requested")

# Who and when are kept in their own columns; the person's data never goes in the payload.
NOT_IN_PAYLOAD = {
    "registration_id",
    "event_id",
    "event_revision",
    "person",
    "language",
    "at",
    "renewal",
}


@dataclass(frozen=True)
class OwedMail:
    """One email a fact calls for: its kind, what makes it unique, its recipient, and the
    fact's own data (links, position, deadline, reason) as JSON-ready values."""

    kind: str
    number: int | str | None
    recipient_email: str
    recipient_name: str
    language: str
    payload: dict[str, Any]


def owed_mail(fact: RegistrationFact) -> OwedMail | None:
    """The email a fact calls for; None when it is not mailed or the person was erased."""
    mailed = MAILED.get(type(fact))
    if mailed is None or fact.person is None:
        return None
    kind, numbered_by = mailed
    return OwedMail(
        kind=kind,
        number=getattr(fact, numbered_by) if numbered_by else None,
        recipient_email=fact.person.email,
        recipient_name=f"{fact.person.first_name} {fact.person.last_name}",
        language=mail_language(fact.language),
        payload=fact.model_dump(mode="json", exclude=_left_out(fact, kind)),
    )


def _left_out(fact: RegistrationFact, kind: str) -> set[str]:
    """What the payload does not keep: who and when, and the ticket's code where the email
    shows no ticket (or the fact, from before short codes, has none)."""
    if kind in TICKETED and fact.ticket_code:
        return NOT_IN_PAYLOAD
    return NOT_IN_PAYLOAD | {"ticket_code"}


def mail_language(language: str) -> str:
    """The language an email is written in: the person's, when the catalogs have it, else
    the default one (Italian)."""
    return language if language in CATALOGS.languages else CATALOGS.default


# The emails `with_history` completes from those owed before; the others stand alone.
TOLD_BY_HISTORY = ("confirmation_requested", "cancelled")


def with_history(owed: OwedMail, earlier: list[tuple[str, dict[str, Any]]]) -> OwedMail:
    """Complete an email from those owed before for the same registration, `earlier` as
    (kind, payload) oldest first. A resend repeats the newest email about where the
    registration stands, with its links (the confirmation when none is known); a
    cancellation withdraws an invite only if one was sent since the last cancellation
    (pending and offered registrations hold a seat but never had an invite)."""
    current = _since_last_cancellation(earlier)
    if owed.kind == "confirmation_requested":
        states = [(kind, payload) for kind, payload in current if kind in STATE_KINDS]
        kind, payload = states[-1] if states else ("confirmed", {})
        return replace(owed, payload={**payload, **owed.payload, "repeats": kind})
    if owed.kind == "cancelled":
        invited = any(kind in INVITING for kind, _ in current)
        withdraws = bool(owed.payload.get("held_seat")) and invited
        return replace(owed, payload={**owed.payload, "withdraws_invite": withdraws})
    return owed


def _since_last_cancellation(
    earlier: list[tuple[str, dict[str, Any]]],
) -> list[tuple[str, dict[str, Any]]]:
    """The emails of the registration's current life, a resend counted as what it repeats."""
    current: list[tuple[str, dict[str, Any]]] = []
    for kind, payload in earlier:
        if kind == "cancelled":
            current = []
        elif kind == "confirmation_requested":
            current.append((str(payload.get("repeats", "confirmed")), payload))
        else:
            current.append((kind, payload))
    return current
