"""A person's own certificate, downloaded again from their page: the same document the email
carried, written from the certificate as stored and the event as now known (a title the
organizer corrected since reads corrected). A revoked certificate is not served."""

import asyncio
from pathlib import Path

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.storage.certificates import Certificate
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.certificate_facts import issued_fact
from services.registrations.usecases.certificate_images import images_of
from services.registrations.usecases.certificates import settings_of
from services.registrations.usecases.facts import Links
from shared.certificate_pdf import certificate_pdf
from shared.contracts import EventSnapshotV1
from shared.errors import NotFound


async def held_certificate(session: AsyncSession, registration: Registration) -> Certificate | None:
    """The person's certificate while it stands: released, not revoked, not erased."""
    if registration.erased_at is not None:
        return None
    found = await session.exec(
        select(Certificate).where(Certificate.registration_id == registration.id)
    )
    certificate = found.first()
    if certificate is None or certificate.revoked_at or certificate.released_at is None:
        return None
    return certificate


async def waiting_certificate(session: AsyncSession, registration: Registration) -> bool:
    """Whether the person's certificate is held until they answer the questionnaire."""
    found = await session.exec(
        select(Certificate.id).where(
            Certificate.registration_id == registration.id,
            col(Certificate.released_at).is_(None),
            col(Certificate.revoked_at).is_(None),
        )
    )
    return found.first() is not None


async def certificate_document(
    session: AsyncSession,
    *,
    registration: Registration,
    event: EventCopy,
    links: Links,
    fonts: Path,
) -> bytes:
    """The PDF of the person's certificate; NotFound when they hold none (anymore)."""
    certificate = await held_certificate(session, registration)
    if certificate is None:
        raise NotFound("There is no certificate of attendance for this registration")
    settings = await settings_of(session=session, event_id=event.event_id)
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    fact = issued_fact(certificate, registration, snapshot, settings, links)
    images = await images_of(session, fact)
    # ~36 CPU-ms: in a thread, so the loop serves other requests between its slices.
    return await asyncio.to_thread(certificate_pdf, fact, fonts=fonts, images=images)
