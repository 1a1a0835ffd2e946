"""The images on a certificate (the organization's logo, the signatures): which files an
organizer's upload may be (read as the PDF will draw them), and the PDF drawing those its
fact names, by digest."""

import hashlib

import pytest

from services.registrations.domain.certificate_images import ImageRefused, check_image
from shared.certificate_pdf import certificate_pdf
from shared.contracts import SignatoryV1
from tests.support.certificates import image, images_in, pdf_text
from tests.unit.test_certificate_pdf import FONTS, issued


@pytest.mark.parametrize("kind, media_type", [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_a_png_or_a_jpeg_is_taken_by_its_digest(kind, media_type):
    content = image(kind)

    checked = check_image(content)

    assert checked.media_type == media_type
    assert checked.digest == hashlib.sha256(content).hexdigest()
    assert checked.content == content


@pytest.mark.parametrize(
    "content, key",
    [
        (b"", "cert_image_error_empty"),
        (b"%PDF-1.7\n" + b"0" * 1000, "cert_image_error_not_image"),
        (image("GIF"), "cert_image_error_not_image"),
        (image("PNG")[:200], "cert_image_error_not_image"),  # cut short: a damaged upload
        (image("PNG", size=(2001, 20)), "cert_image_error_too_large"),
        (image("PNG", size=(320, 320), noise=True), "cert_image_error_too_big"),  # ~300 KB
    ],
    ids=["empty", "pdf", "gif", "truncated", "too-many-pixels", "over-256-kb"],
)
def test_anything_else_is_refused_saying_why(content, key):
    with pytest.raises(ImageRefused) as refused:
        check_image(content)

    assert refused.value.key == key


def test_the_pdf_draws_the_logo_and_the_signature_its_fact_names():
    logo, signature = image("PNG", (600, 200)), image("JPEG", (400, 120))
    digests = [hashlib.sha256(data).hexdigest() for data in (logo, signature)]
    fact = issued(
        logo=digests[0],
        signatories=(SignatoryV1(name="Gianni Rossoni", role="Presidente", signature=digests[1]),),
    )

    drawn = certificate_pdf(
        fact, fonts=FONTS, images=dict(zip(digests, (logo, signature), strict=True))
    )
    unknown = certificate_pdf(fact, fonts=FONTS, images={})
    plain = certificate_pdf(issued(), fonts=FONTS)

    assert images_in(drawn) == 2
    assert images_in(unknown) == images_in(plain) == 0
    assert "Gianni Rossoni" in pdf_text(drawn) and "Niccolò Bergamaschi" in pdf_text(drawn)
