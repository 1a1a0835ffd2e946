"""A clerk on a phone attaches the slides to a programme item in a real Chromium: a file
that is not a PDF is refused with the reason in an alert that takes the focus, the PDF is
uploaded and listed; both pages fit the screen and have no serious axe-core violations, in
Italian and English."""

import pytest
from playwright.sync_api import Page, expect

from tests.console.browserless import new_member
from tests.console.test_console_browser import log_in, serious_axe_violations
from tests.console.test_materials import ended_event, slides
from tests.support.browser import chromium as launch_chromium
from tests.support.browser import fits_the_screen, phone_page

pytestmark = pytest.mark.browser

SAID = {
    "it": ("Si possono caricare solo file PDF", "Documento caricato.", "Carica il documento"),
    "en": ("Only PDF files can be uploaded", "Document uploaded.", "Upload the document"),
}


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()


@pytest.fixture
def phone(chromium) -> Page:
    yield from phone_page(chromium)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_clerk_attaches_slides_from_a_phone(stack, organization, phone, lang):
    member = new_member(stack, organization, "editor")
    event_url, event = ended_event(stack, organization)
    (item,) = event["programme"]
    phone.goto(f"{stack.url('events')}/console/login")
    log_in(phone, member.email)
    refused, uploaded, button = SAID[lang]
    phone.goto(f"{stack.url('events')}{event_url}/programme/{item['id']}/edit?lang={lang}")

    phone.locator("#material-file").set_input_files(
        {"name": "programma.docx", "mimeType": "application/msword", "buffer": b"PK\x03\x04"}
    )
    phone.get_by_role("button", name=button).click()
    expect(phone.locator("#material-error")).to_contain_text(refused)
    expect(phone.locator("#material-error")).to_be_focused()
    refused_fits, refused_axe = fits_the_screen(phone), serious_axe_violations(phone)
    phone.locator("#material-title").fill("Slide della relazione")
    phone.locator("#material-file").set_input_files(
        {"name": "slide.pdf", "mimeType": "application/pdf", "buffer": slides()}
    )
    phone.get_by_role("button", name=button).click()

    expect(phone.get_by_role("status")).to_have_text(uploaded)
    expect(phone.locator("#materials")).to_contain_text("Slide della relazione")
    assert refused_fits and fits_the_screen(phone)
    assert refused_axe == [] and serious_axe_violations(phone) == []
