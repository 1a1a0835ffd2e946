"""A certificate's QR code as a phone reads it: the PDF the person downloads, rendered as a
reader shows it, its QR code decoded (zxing-cpp), and the address it holds opened in Chromium,
on a phone: the verification page says the certificate is valid, for whom, in full."""

from collections.abc import Iterator

import httpx
import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import Browser, expect

from devstack.stack import Stack
from services.registrations.domain.links import Link, make_token
from shared.settings import DEVELOPMENT_SECRET
from tests.support.browser import PHONE, chromium, fits_the_screen
from tests.support.certificates import issue_certificate
from tests.support.public_pages import register
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.browser

ORG = "area-omogenea-cremasca"


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("certificate-qr")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def qr_codes(pdf: bytes) -> list[str]:
    """The texts of the QR codes on the PDF's first page, rendered at about 300 dpi."""
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=300 / 72).to_pil()
    return [found.text for found in zxingcpp.read_barcodes(image)]


def test_the_qr_code_of_a_downloaded_certificate_opens_its_verification_page(stack, browser):
    payload = conference()
    event = publish(stack, payload, ORG)
    wait_until_registrable(stack, event["slug"])
    person = register(stack, event["slug"], "qr")
    issued = issue_certificate(
        stack, organization=ORG, slug=event["slug"], registration_id=person["id"], event=payload
    )
    token = make_token(Link(person["id"], "manage", None), secret=DEVELOPMENT_SECRET)
    pdf = httpx.get(f"{stack.url('registrations')}/r/{token}/certificate.pdf", timeout=30)
    assert pdf.status_code == 200, pdf.text

    (address,) = qr_codes(pdf.content)
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    try:
        opened = page.goto(address)

        assert f"/certificates/{issued['code']}/" in address
        assert opened is not None and opened.status == 200
        expect(page.get_by_text("Attestato valido")).to_be_visible()
        expect(page.get_by_text("Giulia Ferrari")).to_be_visible()
        assert fits_the_screen(page)
    finally:
        context.close()
