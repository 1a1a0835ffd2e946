"""Images a certificate carries (the organization's logo, a signatory's signature): which
files are taken, and where each goes. An image is read whole before it is kept, by the
library that will draw it into the PDF, so a file accepted here never breaks a certificate
later, when it is written for a person in another service."""

import hashlib
from dataclasses import dataclass
from io import BytesIO

from shared.catalogs import N_
from shared.contracts import CertificateImageV1

MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
MAX_SIDE = 2000  # pixels: 17 cm at 300 dpi; a logo or a signature is drawn 6 cm wide
LOGO = "logo"
SIGNATURES = ("signature-1", "signature-2", "signature-3")
SLOTS = (LOGO, *SIGNATURES)


class ImageRefused(ValueError):
    """A file that cannot go on a certificate; `key` names the message that says why."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class CheckedImage:
    digest: str  # SHA-256, hex: what certificates name it by
    media_type: str
    content: bytes


def check_image(content: bytes) -> CheckedImage:
    """A PNG or JPEG within CertificateImageV1.IMAGE_BYTES that the PDF library can draw;
    ImageRefused, with a reason to act on, for anything else."""
    if not content:
        raise ImageRefused(N_("cert_image_error_empty"), "The file is empty: choose an image")
    if len(content) > CertificateImageV1.IMAGE_BYTES:
        limit = CertificateImageV1.IMAGE_BYTES // 1024
        raise ImageRefused(N_("cert_image_error_too_big"), f"The image is over {limit} KB")
    media_type = _media_type(content)
    return CheckedImage(hashlib.sha256(content).hexdigest(), media_type, content)


def _media_type(content: bytes) -> str:
    """The image's type, once Pillow has read its header and fpdf2 has drawn it on a page
    (both imported here only: an upload is rare)."""
    from fpdf import FPDF
    from PIL import Image, UnidentifiedImageError

    not_an_image = ImageRefused(
        N_("cert_image_error_not_image"), "Only PNG or JPEG images can go on a certificate"
    )
    try:
        with Image.open(BytesIO(content)) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise not_an_image from error
    if kind not in MEDIA_TYPES:
        raise not_an_image
    if max(width, height) > MAX_SIDE:
        raise ImageRefused(
            N_("cert_image_error_too_large"), f"The image is over {MAX_SIDE} pixels on a side"
        )
    try:
        page = FPDF(enforce_compliance="PDF/A-2B")
        page.add_page()
        page.image(BytesIO(content), x=0, y=0, w=20)
    except Exception as error:  # any failure to draw it: a damaged or exotic file
        raise not_an_image from error
    return MEDIA_TYPES[kind]
