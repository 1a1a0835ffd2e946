"""Certificates of attendance owed to their person by email: a certificate issued as one
email carrying the PDF, and one held until the person answers the event's questionnaire as
one email asking for the answers. The fact holds everything the email says, kept as the
delivery's payload, so the email is written from it alone, whenever the sender gets to it."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.delivery_life import delivery_key
from services.notifications.domain.mails import OwedMail, mail_language
from services.notifications.usecases import deliveries
from shared.contracts import CertificateFact, CertificateIssuedV1


async def hear_certificate(
    session: AsyncSession, *, fact: CertificateFact, domain: str, now: datetime
) -> None:
    """Owe the fact's email under a key of its own: a fact heard again, or published again
    by a relay that died before its acknowledgement, owes nothing more."""
    kind = "certificate" if isinstance(fact, CertificateIssuedV1) else "questionnaire"
    person = fact.person
    owed = OwedMail(
        kind=kind,
        number=fact.certificate_id,
        recipient_email=person.email,
        recipient_name=f"{person.first_name} {person.last_name}",
        language=mail_language(fact.language),
        payload=fact.model_dump(mode="json"),
    )
    key = delivery_key(fact.registration_id, kind, fact.certificate_id)
    await deliveries.owe_once(session, owed, key=key, of=fact, due_at=now, domain=domain)
