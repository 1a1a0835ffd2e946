"""Facts about certificates of attendance ("attestati di partecipazione"), published by
registrations on the REGISTRATIONS stream: everything the certificate says travels in the fact,
so notifications writes the same PDF registrations serves for download, without calling back.
Images (the organization's logo, signatures) travel once each, in a fact of their own, and a
certificate names them by digest: the stream does not carry them again for every person."""

import base64
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
    signature: str | None = None  # the digest of their signature's image (CertificateImageV1)


class CertificatesNews(Fact):
    """What registrations publishes under registrations.certificate.>."""


@register
class CertificateImageV1(CertificatesNews):
    """An image certificates carry (a logo, a signature), named by its digest (SHA-256, hex):
    published once, when an organizer first uploads it, so before any certificate names it.
    At most IMAGE_BYTES, so the fact stays well within NATS's 1 MB payload."""

    subject: ClassVar[str] = "registrations.certificate.image"
    type_name: ClassVar[str] = "it.convegni.registrations.certificate.image.v1"
    IMAGE_BYTES: ClassVar[int] = 256 * 1024

    digest: str
    media_type: str  # image/png or image/jpeg
    data: str  # base64

    @classmethod
    def of(cls, digest: str, media_type: str, content: bytes) -> "CertificateImageV1":
        return cls(digest=digest, media_type=media_type, data=base64.b64encode(content).decode())

    def content(self) -> bytes:
        return base64.b64decode(self.data)

    def message_key(self) -> str:
        return f"image/{self.digest}"


class AttendanceFact(CertificatesNews):
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
    logo: str | None = None  # the digest of the organization's logo (CertificateImageV1)
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
