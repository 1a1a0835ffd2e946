"""The facts of a certificate and the moves that publish them, in the caller's transaction:
released (its fact carries all the PDF says, for the email and the download), held until
the person answers the event's questionnaire (its fact carries the questionnaire's link),
or withheld from someone who did not attend long enough (told why, if the event says so)."""

import json
from datetime import datetime
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.attendance import Attendance
from services.registrations.domain.certificate_codes import certificate_code, holder_token
from services.registrations.storage.certificates import (
    Certificate,
    CertificateSettings,
    FeedbackGiven,
)
from services.registrations.storage.tables import Registration
from services.registrations.usecases.facts import Links, person
from shared.contracts import (
    CertificateHeldV1,
    CertificateIssuedV1,
    CertificateWithheldV1,
    EventSnapshotV1,
    SignatoryV1,
)
from shared.outbox import add_to_outbox

SOURCE = "/convegni/registrations"


def release(
    session: AsyncSession,
    certificate: Certificate,
    registration: Registration,
    snapshot: EventSnapshotV1,
    settings: CertificateSettings,
    links: Links,
    now: datetime,
) -> None:
    """The certificate reaches its person: marked released, its fact in the outbox."""
    certificate.released_at = now
    session.add(certificate)
    told = issued_fact(certificate, registration, snapshot, settings, links)
    add_to_outbox(session, told, source=SOURCE)


def hold(
    session: AsyncSession,
    certificate: Certificate,
    registration: Registration,
    snapshot: EventSnapshotV1,
    links: Links,
) -> None:
    """The certificate waits for the questionnaire: its person is told where to answer."""
    holder = person(registration)
    assert holder is not None, "no certificate for erased data"
    told = CertificateHeldV1(
        certificate_id=certificate.id,
        registration_id=registration.id,
        event_id=certificate.event_id,
        person=holder,
        language=registration.language,
        event_title=snapshot.title,
        questionnaire_url=f"{links.manage(registration)}/questionnaire",
        held_at=certificate.issued_at,
    )
    add_to_outbox(session, told, source=SOURCE)


def withhold(
    session: AsyncSession,
    registration: Registration,
    attendance: Attendance,
    snapshot: EventSnapshotV1,
    settings: CertificateSettings,
    now: datetime,
) -> None:
    """No certificate, and the person is told why (where the organizers want it said)."""
    holder = person(registration)
    assert holder is not None, "erased people are told nothing"
    told = CertificateWithheldV1(
        registration_id=registration.id,
        event_id=snapshot.id,
        person=holder,
        language=registration.language,
        event_title=snapshot.title,
        organizer_name=snapshot.organizer.name,
        minutes_attended=int(attendance.attended.total_seconds() // 60),
        minutes_scheduled=int(attendance.scheduled.total_seconds() // 60),
        minimum_share=settings.minimum_share,
        closed_at=now,
    )
    add_to_outbox(session, told, source=SOURCE)


async def answered_by(session: AsyncSession, event_id: str) -> set[str]:
    """The registrations that answered the event's questionnaire."""
    found = await session.exec(
        select(FeedbackGiven.registration_id).where(FeedbackGiven.event_id == event_id)
    )
    return set(found.all())


def issued_fact(
    certificate: Certificate,
    registration: Registration,
    snapshot: EventSnapshotV1,
    settings: CertificateSettings,
    links: Links,
) -> CertificateIssuedV1:
    """All the certificate says, for the PDF (mailed, and served again for download)."""
    holder = person(registration)
    assert holder is not None, "no certificate for erased data"
    code = certificate_code(certificate.serial, secret=links.secret)
    token = holder_token(certificate.serial, secret=links.secret)
    return CertificateIssuedV1(
        certificate_id=certificate.id,
        code=code,
        registration_id=registration.id,
        event_id=certificate.event_id,
        person=holder,
        language=registration.language,
        **what_it_says(snapshot, settings),
        minutes_attended=certificate.minutes_attended,
        minutes_scheduled=certificate.minutes_scheduled,
        credits=certificate.credits or None,
        verify_url=f"{links.base_url}/certificates/{code}/{token}",
        download_url=links.manage(registration),
        issued_at=certificate.issued_at,
    )


def what_it_says(snapshot: EventSnapshotV1, settings: CertificateSettings) -> dict[str, Any]:
    """What every certificate of the event says, whoever holds it: the event, its organizer,
    where and when, the accrediting body's text, who signs, the logo."""
    return {
        "event_title": snapshot.title,
        "organizer_name": snapshot.organizer.name,
        "venue": snapshot.venue.one_line(),
        "starts_at": snapshot.starts_at,
        "ends_at": snapshot.ends_at,
        "timezone": snapshot.timezone,
        "accreditation": settings.accreditation or None,
        "signatories": signatories(settings),
        "logo": settings.logo or None,
    }


def signatories(settings: CertificateSettings) -> tuple[SignatoryV1, ...]:
    """Who signs the event's certificates, each with the digest of their signature, if any."""
    return tuple(
        SignatoryV1(
            name=given["name"], role=given["role"], signature=given.get("signature") or None
        )
        for given in json.loads(settings.signatories)
    )
