"""The images a certificate names (logo, signatures) are heard once each, before the
certificates that name them; a certificate heard before its image owes no email yet (the
consumer hears it again a little later), and once the image is known it owes exactly one."""

import hashlib
import uuid
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from services.notifications.storage.tables import Delivery, KnownImage
from services.notifications.usecases.certificates import (
    ImagesNotHeardYet,
    hear_certificates_news,
)
from shared.contracts import CertificateImageV1, SignatoryV1
from tests.support.certificates import image
from tests.unit.test_certificate_pdf import issued

pytestmark = pytest.mark.integration


async def hear(sessions, fact) -> None:
    async with sessions() as session:
        await hear_certificates_news(
            session, fact=fact, domain="convegni.localhost", now=datetime.now(UTC)
        )
        await session.commit()


async def rows(sessions, table) -> list:
    async with sessions() as session:
        return list((await session.exec(select(table))).all())


async def test_a_certificate_waits_for_its_images_then_owes_one_email(sessions):
    logo, signature = image("PNG"), image("JPEG")
    told = [
        CertificateImageV1.of(hashlib.sha256(data).hexdigest(), kind, data)
        for data, kind in ((logo, "image/png"), (signature, "image/jpeg"))
    ]
    signed = SignatoryV1(name="Gianni Rossoni", role="Presidente", signature=told[1].digest)
    certificate = issued(
        certificate_id=str(uuid.uuid4()), logo=told[0].digest, signatories=(signed,)
    )

    with pytest.raises(ImagesNotHeardYet):
        await hear(sessions, certificate)
    owed_before = await rows(sessions, Delivery)
    await hear(sessions, told[0])
    with pytest.raises(ImagesNotHeardYet):
        await hear(sessions, certificate)  # the signature is still missing
    await hear(sessions, told[1])
    await hear(sessions, told[1])  # published again: kept once
    await hear(sessions, certificate)
    await hear(sessions, certificate)

    assert owed_before == []
    kept = {found.digest: found.content for found in await rows(sessions, KnownImage)}
    assert kept == {told[0].digest: logo, told[1].digest: signature}
    (owed,) = await rows(sessions, Delivery)
    assert owed.kind == "certificate"
