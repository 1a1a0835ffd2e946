"""The facts registrations publishes, with the signed links notifications puts in emails."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from services.registrations.domain.links import Link, make_token
from services.registrations.domain.registration_life import RegistrationStep, Status
from services.registrations.domain.ticket_codes import spoken
from services.registrations.storage.tables import EventCopy, Registration
from shared.contracts import PersonV1
from shared.contracts.registrations import RegistrationFact

MANAGE_LINK_DAYS = 400  # well past any event and its retention period


@dataclass(frozen=True)
class Links:
    """Makes the public, signed addresses of a registration's pages."""

    base_url: str
    secret: str

    def token(self, registration: Registration, purpose: str, expires: datetime | None) -> str:
        return make_token(Link(registration.id, purpose, expires), secret=self.secret)

    def manage(self, registration: Registration) -> str:
        expires = registration.created_at + timedelta(days=MANAGE_LINK_DAYS)
        return f"{self.base_url}/r/{self.token(registration, 'manage', expires)}"

    def confirm(self, registration: Registration) -> str:
        token = self.token(registration, "confirm", registration.confirm_by)
        return f"{self.base_url}/confirm/{token}"

    def accept(self, registration: Registration) -> str:
        purpose = f"accept{registration.offers}"  # an old offer's link cannot accept a new one
        token = self.token(registration, purpose, registration.offer_expires_at)
        return f"{self.base_url}/accept/{token}"


def person(registration: Registration) -> PersonV1 | None:
    if registration.erased_at is not None:
        return None
    return PersonV1(
        first_name=registration.first_name,
        last_name=registration.last_name,
        email=registration.email,
        organization=registration.organization,
    )


F = TypeVar("F", bound=RegistrationFact)


def fact(
    kind: type[F],
    registration: Registration,
    event: EventCopy,
    links: Links,
    now: datetime,
    **extra: object,
) -> F:
    """A fact about this registration, as of now."""
    return kind(**_about(registration, event, links, now), **extra)


def _about(
    registration: Registration, event: EventCopy, links: Links, now: datetime
) -> dict[str, object]:
    """What every fact about a registration carries."""
    return {
        "registration_id": registration.id,
        "event_id": event.event_id,
        "event_revision": event.revision,
        "person": person(registration),
        "language": registration.language,
        "mode": registration.mode,
        "manage_url": links.manage(registration),
        "at": now,
        "renewal": registration.renewals,
        "ticket_code": spoken(registration.short_code),
    }


def fact_of(
    step: RegistrationStep,
    registration: Registration,
    event: EventCopy,
    links: Links,
    now: datetime,
    *,
    position: int | None = None,
    organizer_reason: str | None = None,
) -> RegistrationFact:
    """The fact a move of the registration's life publishes (the table names its kind),
    with what that kind carries; `position` is a new waitlisted person's place,
    `organizer_reason` why the organizers called the event off."""
    carried = _carried(step, registration, links, position, organizer_reason)
    return step.emit(**_about(registration, event, links, now), **carried)


def _carried(
    step: RegistrationStep,
    registration: Registration,
    links: Links,
    position: int | None,
    organizer_reason: str | None,
) -> dict[str, object]:
    if step.to is Status.PENDING:
        return {"confirm_url": links.confirm(registration), "confirm_by": registration.confirm_by}
    if step.to is Status.WAITLISTED:
        return {"position": position}
    if step.to is Status.OFFERED:
        return {
            "accept_url": links.accept(registration),
            "offer_expires_at": registration.offer_expires_at,
            "offer": registration.offers,
        }
    if step.effect is not None:  # an end: calendars keep a confirmed person's entry, as cancelled
        ended = {"reason": step.effect.reason, "held_seat": step.origin is Status.CONFIRMED}
        return ended | ({"organizer_reason": organizer_reason} if organizer_reason else {})
    return {}
