"""Certificates of attendance owed to their person by email: a certificate issued as one
email carrying the PDF, one held until the person answers the event's questionnaire as one
email asking for the answers, and one withheld (too little attendance) as one saying why.
The fact holds everything the email says, kept as the delivery's payload, so the email is
written from it alone, whenever the sender gets to it; the images a certificate names (its
logo, signatures) are kept once each, by digest, as heard before the certificates."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.notifications.domain.delivery_life import delivery_key
from services.notifications.domain.mails import OwedMail, mail_language
from services.notifications.storage.tables import KnownImage
from services.notifications.usecases import deliveries
from shared.contracts import (
    AttendanceFact,
    CertificateFact,
    CertificateImageV1,
    CertificateIssuedV1,
    CertificatesNews,
)


class ImagesNotHeardYet(LookupError):
    """A certificate names an image not heard yet: the fact is heard again a little later
    (the consumer's retries), by when its image has come, since it was published first."""


async def hear_certificates_news(
    session: AsyncSession, *, fact: CertificatesNews, domain: str, now: datetime
) -> None:
    """An image kept, or an email owed (once its certificate's images are known)."""
    if isinstance(fact, CertificateImageV1):
        await keep_image(session, fact)
    elif isinstance(fact, AttendanceFact):
        if isinstance(fact, CertificateIssuedV1):
            await _know_images(session, images_named(fact.model_dump(mode="json")))
        await hear_certificate(session, fact=fact, domain=domain, now=now)


async def keep_image(session: AsyncSession, fact: CertificateImageV1) -> None:
    if await session.get(KnownImage, fact.digest) is None:
        session.add(
            KnownImage(digest=fact.digest, media_type=fact.media_type, content=fact.content())
        )


def images_named(facts: Mapping[str, Any]) -> set[str]:
    """The digests of the images a certificate fact (as JSON) names."""
    named = {facts.get("logo"), *(s.get("signature") for s in facts.get("signatories", ()))}
    return {digest for digest in named if digest}


async def images_of(session: AsyncSession, digests: set[str]) -> dict[str, bytes]:
    if not digests:
        return {}
    found = await session.exec(
        select(KnownImage.digest, KnownImage.content).where(col(KnownImage.digest).in_(digests))
    )
    return dict(found.all())


async def _know_images(session: AsyncSession, digests: set[str]) -> None:
    if not digests:
        return
    await session.flush()  # an image heard earlier in the same batch counts
    found = await session.exec(select(KnownImage.digest).where(col(KnownImage.digest).in_(digests)))
    missing = digests - set(found.all())
    if missing:
        raise ImagesNotHeardYet(f"the certificate's images {sorted(missing)} are not heard yet")


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
