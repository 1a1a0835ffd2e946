"""The images an event's certificates carry: the organization's logo and each signatory's
signature, uploaded by an organizer, removed, and read back to write a PDF. An image is kept
once by its digest and published once (CertificateImageV1), when first uploaded: before any
certificate that names it, so notifications knows it by the time it writes that one."""

import json

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registrations.domain.certificate_images import (
    LOGO,
    SIGNATURES,
    ImageRefused,
    check_image,
)
from services.registrations.storage.certificates import CertificateImage, CertificateSettings
from services.registrations.storage.tables import EventCopy
from services.registrations.usecases.certificate_facts import SOURCE
from services.registrations.usecases.certificates import settings_of
from shared.catalogs import N_
from shared.contracts import CertificateImageV1, CertificateIssuedV1
from shared.errors import Invalid
from shared.outbox import add_to_outbox


def _refuse_slot(slot: str) -> None:
    if slot != LOGO and slot not in SIGNATURES:
        raise Invalid(f"No image goes in {slot!r}: choose the logo or a signature")


async def put_image(
    session: AsyncSession, *, event: EventCopy, slot: str, content: bytes
) -> CertificateSettings:
    """Keep the image in `slot` (the logo, or the nth signatory's signature); ImageRefused
    when the file cannot go on a certificate or the signatory is not there yet."""
    _refuse_slot(slot)
    image = check_image(content)
    settings = await settings_of(session=session, event_id=event.event_id)
    _place(settings, slot, image.digest)
    if await session.get(CertificateImage, image.digest) is None:
        session.add(CertificateImage(**vars(image)))
        told = CertificateImageV1.of(image.digest, image.media_type, image.content)
        add_to_outbox(session, told, source=SOURCE)
    session.add(settings)
    await session.commit()
    return settings


async def remove_image(session: AsyncSession, *, event: EventCopy, slot: str) -> None:
    """No image in `slot` any more (kept by its digest for certificates that name it)."""
    _refuse_slot(slot)
    settings = await settings_of(session=session, event_id=event.event_id)
    if slot == LOGO or _signatory(settings, slot) is not None:
        _place(settings, slot, "")
        session.add(settings)
        await session.commit()


def _signatory(settings: CertificateSettings, slot: str) -> int | None:
    """The position in the settings' signatories of the slot's signatory, if there."""
    position = SIGNATURES.index(slot)
    return position if position < len(json.loads(settings.signatories)) else None


def _place(settings: CertificateSettings, slot: str, digest: str) -> None:
    if slot == LOGO:
        settings.logo = digest
        return
    position = _signatory(settings, slot)
    if position is None:
        raise ImageRefused(
            N_("cert_image_error_no_signatory"),
            "Save the signatory's name and role first, then their signature",
        )
    signatories = json.loads(settings.signatories)
    signatories[position]["signature"] = digest
    settings.signatories = json.dumps(signatories)


async def images_of(session: AsyncSession, fact: CertificateIssuedV1) -> dict[str, bytes]:
    """The images a certificate names, by digest."""
    wanted = {fact.logo, *(s.signature for s in fact.signatories)} - {None, ""}
    if not wanted:
        return {}
    found = await session.exec(
        select(CertificateImage.digest, CertificateImage.content).where(
            col(CertificateImage.digest).in_(wanted)
        )
    )
    return dict(found.all())
