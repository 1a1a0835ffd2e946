"""What each kind of webhook says: the body of a delivery, made from the bus fact it comes
from, as Standard Webhooks shapes it ({"type", "timestamp", "data"}). A kind carries only
what a receiver needs to act on it: a person's name and address when they registered or
joined the waitlist (a CRM's new contact), otherwise the registration's id alone; never the
online link, the self-service link, nor a certificate's verification link with the name.
docs/webhooks.md shows every kind's data."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.contracts import (
    CertificateIssuedV1,
    EventCancelledV1,
    EventFact,
    EventPublishedV1,
    EventUpdatedV1,
    Fact,
    RegistrationCancelledV1,
    RegistrationCheckedInV1,
    RegistrationConfirmedV1,
    RegistrationPromotedV1,
    RegistrationWaitlistedV1,
)
from shared.contracts.registrations import RegistrationFact

KIND_OF: dict[type[Fact], str] = {
    RegistrationConfirmedV1: "registration.confirmed",
    RegistrationPromotedV1: "registration.confirmed",  # from the waitlist: a seat now
    RegistrationWaitlistedV1: "registration.waitlisted",
    RegistrationCancelledV1: "registration.cancelled",
    RegistrationCheckedInV1: "registration.checked_in",
    CertificateIssuedV1: "certificate.issued",
    EventPublishedV1: "event.published",
    EventUpdatedV1: "event.updated",
    EventCancelledV1: "event.cancelled",
}


@dataclass(frozen=True)
class About:
    """The event a fact is about, as the events service knows it."""

    event_id: str
    slug: str
    organization_id: int


def kind_of(fact: Fact | None) -> str | None:
    """The webhook kind of a fact, None for a fact no webhook carries."""
    return None if fact is None else KIND_OF.get(type(fact))


def body(fact: Fact, about: About, *, heard_at: datetime) -> bytes:
    """The JSON a delivery sends (compact, UTF-8), the same bytes on every attempt."""
    kind = KIND_OF[type(fact)]
    payload = {
        "type": kind,
        "timestamp": _when(fact, heard_at).isoformat(),
        "data": data(fact, about),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def data(fact: Fact, about: About) -> dict[str, Any]:
    """The `data` of a kind."""
    if isinstance(fact, EventFact):
        return _event(fact, about)
    if isinstance(fact, CertificateIssuedV1):
        return {
            "certificate_id": fact.certificate_id,
            "registration_id": fact.registration_id,
            **_event_ref(about),
            "code": fact.code,
            "minutes_attended": fact.minutes_attended,
            "minutes_scheduled": fact.minutes_scheduled,
            "credits": fact.credits,
            "issued_at": fact.issued_at.isoformat(),
        }
    assert isinstance(fact, RegistrationFact)
    return _registration(fact, about)


def _registration(fact: RegistrationFact, about: About) -> dict[str, Any]:
    found: dict[str, Any] = {
        "registration_id": fact.registration_id,
        **_event_ref(about),
        "mode": fact.mode,
        "at": fact.at.isoformat(),
    }
    if isinstance(
        fact, RegistrationConfirmedV1 | RegistrationPromotedV1 | RegistrationWaitlistedV1
    ):
        found["person"] = fact.person.model_dump(mode="json") if fact.person else None
        found["language"] = fact.language
    if isinstance(fact, RegistrationPromotedV1):
        found["from_waitlist"] = True
    elif isinstance(fact, RegistrationConfirmedV1):
        found["from_waitlist"] = False
    elif isinstance(fact, RegistrationWaitlistedV1):
        found["position"] = fact.position
    elif isinstance(fact, RegistrationCancelledV1):
        found["reason"] = fact.reason
        found["held_seat"] = fact.held_seat
    elif isinstance(fact, RegistrationCheckedInV1):
        found["entry"] = fact.entry
    return found


def _event(fact: EventFact, about: About) -> dict[str, Any]:
    event = fact.event
    found: dict[str, Any] = {
        **_event_ref(about),
        "revision": event.revision,
        "status": event.status,
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "timezone": event.timezone,
        "venue": event.venue.one_line(),
        "attendance_mode": event.attendance_mode,
        "capacity": event.capacity,
        "page_url": event.page_url,
    }
    if isinstance(fact, EventUpdatedV1):
        found["changes"] = [change.model_dump(mode="json") for change in fact.changes]
        found["calendar_relevant"] = fact.calendar_relevant
    elif isinstance(fact, EventCancelledV1):
        found["reason"] = fact.reason
    return found


def _event_ref(about: About) -> dict[str, str]:
    return {"event_id": about.event_id, "event_slug": about.slug}


def _when(fact: Fact, heard_at: datetime) -> datetime:
    """When it happened: the fact's own time where it has one."""
    if isinstance(fact, RegistrationFact):
        return fact.at
    if isinstance(fact, CertificateIssuedV1):
        return fact.issued_at
    return heard_at
