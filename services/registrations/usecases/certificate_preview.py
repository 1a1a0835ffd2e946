"""A sample of the event's certificate, for its organizers to see before they close
attendance: the settings as saved (credits, accreditation, signatories, logo) on a made-up
person who attended the whole programme. Its code verifies nothing: it is not issued."""

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.attendance import attendance
from services.registrations.storage.tables import EventCopy
from services.registrations.usecases.certificate_facts import what_it_says
from services.registrations.usecases.certificate_images import images_of
from services.registrations.usecases.certificates import settings_of
from services.registrations.usecases.facts import Links
from shared.certificate_pdf import certificate_pdf
from shared.contracts import CertificateIssuedV1, EventSnapshotV1, PersonV1

SAMPLE = PersonV1(first_name="Maria", last_name="Rossi", email="maria.rossi@example.org")
SAMPLE_CODE = {"it": "ANTEPRIMA", "en": "PREVIEW"}


async def preview_pdf(
    session: AsyncSession,
    *,
    event: EventCopy,
    language: str,
    links: Links,
    fonts: Path,
) -> bytes:
    settings = await settings_of(session=session, event_id=event.event_id)
    snapshot = EventSnapshotV1.model_validate_json(event.snapshot)
    minutes = int(attendance(snapshot, []).scheduled.total_seconds() // 60)
    code = SAMPLE_CODE.get(language, SAMPLE_CODE["it"])
    fact = CertificateIssuedV1(
        certificate_id=str(uuid.uuid4()),
        code=code,
        registration_id="preview",
        event_id=event.event_id,
        person=SAMPLE,
        language=language,
        **what_it_says(snapshot, settings),
        minutes_attended=minutes,
        minutes_scheduled=minutes,
        credits=settings.credits or None,
        verify_url=f"{links.base_url}/certificates/{code}",
        issued_at=datetime.now(UTC),
    )
    images = await images_of(session, fact)
    return await asyncio.to_thread(certificate_pdf, fact, fonts=fonts, images=images)
