"""Facts published by the registrations service."""

from datetime import datetime
from typing import ClassVar

from shared.contracts.envelope import Fact, register


@register
class RegistrationConfirmedV1(Fact):
    """A person holds a seat at an event. Sent once per registration; not sent when the form
    is refused (event full, closed, invalid input) or for a repeated submission."""

    subject: ClassVar[str] = "registrations.registration.confirmed"
    type_name: ClassVar[str] = "it.convegni.registrations.registration.confirmed.v1"

    registration_id: str
    event_id: str
    event_revision: int
    first_name: str
    last_name: str
    email: str
    organization: str | None = None
    language: str = "it"
    confirmed_at: datetime

    def message_key(self) -> str:
        return self.registration_id
