"""A certificate issued is owed to its person as one email carrying the PDF. The fact holds
everything the certificate says, kept as the delivery's payload, so the email is written
from it alone, whenever the sender gets to it."""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.delivery_life import delivery_key
from services.notifications.domain.mails import OwedMail, mail_language
from services.notifications.usecases import deliveries
from shared.contracts import CertificateIssuedV1

KIND = "certificate"


async def hear_certificate(
    session: AsyncSession, *, fact: CertificateIssuedV1, domain: str, now: datetime
) -> None:
    """Owe the certificate's email under a key of its own: a fact heard again, or published
    again by a relay that died before its acknowledgement, owes nothing more."""
    person = fact.person
    owed = OwedMail(
        kind=KIND,
        number=fact.certificate_id,
        recipient_email=person.email,
        recipient_name=f"{person.first_name} {person.last_name}",
        language=mail_language(fact.language),
        payload=fact.model_dump(mode="json"),
    )
    key = delivery_key(fact.registration_id, KIND, fact.certificate_id)
    await deliveries.owe_once(session, owed, key=key, of=fact, due_at=now, domain=domain)
