"""Certificates of attendance owed to their person by email: a certificate issued as one
email carrying the PDF, one held until the person answers the event's questionnaire as one
email asking for the answers, and one withheld (too little attendance) as one saying why.
The fact holds everything the email says, kept as the delivery's payload, so the email is
written from it alone, whenever the sender gets to it."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.delivery_life import delivery_key
from services.notifications.domain.mails import OwedMail, mail_language
from services.notifications.usecases import deliveries
from shared.contracts import AttendanceFact, CertificateFact, CertificateIssuedV1


def _kind(fact: AttendanceFact) -> tuple[str, str]:
    """The email a fact calls for, and what numbers it (the certificate, or the event)."""
    if isinstance(fact, CertificateFact):
        kind = "certificate" if isinstance(fact, CertificateIssuedV1) else "questionnaire"
        return kind, fact.certificate_id
    return "shortfall", fact.event_id


async def hear_certificate(
    session: AsyncSession, *, fact: AttendanceFact, domain: str, now: datetime
) -> None:
    """Owe the fact's email under a key of its own: a fact heard again, or published again
    by a relay that died before its acknowledgement, owes nothing more."""
    kind, number = _kind(fact)
    person = fact.person
    owed = OwedMail(
        kind=kind,
        number=number,
        recipient_email=person.email,
        recipient_name=f"{person.first_name} {person.last_name}",
        language=mail_language(fact.language),
        payload=fact.model_dump(mode="json"),
    )
    key = delivery_key(fact.registration_id, kind, number)
    await deliveries.owe_once(session, owed, key=key, of=fact, due_at=now, domain=domain)
