"""Facts about certificates of attendance ("attestati di partecipazione"), published by
registrations on the REGISTRATIONS stream: everything the certificate says travels in the fact,
so notifications writes the same PDF registrations serves for download, without calling back."""

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from shared.contracts.envelope import Fact, register
from shared.contracts.registrations import PersonV1


class SignatoryV1(BaseModel):
    """Who signs the certificate: a name and a role ("Presidente dell'Area Omogenea")."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str
    role: str


class AttendanceFact(Fact):
    """What every fact about one person's attendance at an event, once it closed, names."""

    registration_id: str
    event_id: str
    person: PersonV1
    language: str = "it"


class CertificateFact(AttendanceFact):
    """What every fact about one person's certificate names."""

    certificate_id: str


@register
class CertificateIssuedV1(CertificateFact):
    """A person attended long enough and gets their certificate. `code` is what the
    verification page reads (signed: a changed code is refused); `minutes_attended` of
    `minutes_scheduled`, the programme's taught time."""

    subject: ClassVar[str] = "registrations.certificate.issued"
    type_name: ClassVar[str] = "it.convegni.registrations.certificate.issued.v1"

    code: str
    event_title: str
    organizer_name: str
    venue: str  # one line: name, building, address, city
    starts_at: datetime
    ends_at: datetime
    timezone: str = "Europe/Rome"
    minutes_attended: int
    minutes_scheduled: int
    credits: str | None = None  # as the accrediting body states them ("4", "3,5")
    accreditation: str | None = None  # "Evento accreditato dal CROAS Lombardia con ..."
    signatories: tuple[SignatoryV1, ...] = ()
    verify_url: str  # the public verification page, with the full name
    download_url: str | None = None  # the person's own page, to download it again
    issued_at: datetime

    def message_key(self) -> str:
        return f"{self.certificate_id}/issued"


@register
class CertificateHeldV1(CertificateFact):
    """A person attended long enough, but the event wants its feedback questionnaire
    answered first: their certificate is released (CertificateIssuedV1) once they answer at
    `questionnaire_url`."""

    subject: ClassVar[str] = "registrations.certificate.held"
    type_name: ClassVar[str] = "it.convegni.registrations.certificate.held.v1"

    event_title: str
    questionnaire_url: str
    held_at: datetime

    def message_key(self) -> str:
        return f"{self.certificate_id}/held"


@register
class CertificateWithheldV1(AttendanceFact):
    """A confirmed person did not attend long enough for a certificate, and the event's
    organizers want them told so: how long they attended, of how long, and the minimum."""

    subject: ClassVar[str] = "registrations.certificate.withheld"
    type_name: ClassVar[str] = "it.convegni.registrations.certificate.withheld.v1"

    event_title: str
    organizer_name: str
    minutes_attended: int
    minutes_scheduled: int
    minimum_share: float
    closed_at: datetime

    def message_key(self) -> str:
        return f"{self.event_id}/{self.registration_id}/withheld"
