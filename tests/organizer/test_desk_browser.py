"""An organizer in a real Chromium on a phone, on the one origin: from the console's event page
to its registrations without a second login, a person added by hand, and back to the console;
axe-core finds nothing serious on the registrations page or the form."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.accessibility.test_axe import SERIOUS, axe_violations, described
from tests.console.browserless import PASSWORD
from tests.support.browser import PHONE, fits_the_screen
from tests.support.browser import chromium as launch_chromium

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()


@pytest.fixture
def phone(chromium) -> Iterator[BrowserContext]:
    context = chromium.new_context(viewport=PHONE, locale="it-IT")
    context.add_init_script(path=str(AXE))
    yield context
    context.close()


def serious(page: Page) -> str:
    return described([v for v in axe_violations(page) if v["impact"] in SERIOUS])


def test_from_the_console_to_registrations_add_a_person_and_back_on_a_phone(desk, phone):
    page = phone.new_page()
    page.goto(f"{desk.stack.origin}/console/login")
    page.get_by_label("Email *", exact=True).fill(desk.member.email)
    page.get_by_label("Password *", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.goto(f"{desk.stack.origin}{desk.console_event}")

    page.get_by_role("link", name="Iscrizioni", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Posti")).to_be_visible()
    on_registrations = page.url
    registrations_fit, registrations_axe = fits_the_screen(page), serious(page)
    page.get_by_role("link", name="Aggiungi una persona").click()
    page.get_by_label("Nome *", exact=True).fill("Giovanna")
    page.get_by_label("Cognome *", exact=True).fill("Telefono")
    page.get_by_label("Email *", exact=True).fill("giovanna.telefono@comune-test.it")
    page.locator("label[for=privacy_consent]").click()  # where a finger touches it
    form_fit, form_axe = fits_the_screen(page), serious(page)
    page.get_by_role("button", name="Iscrivi la persona").click()
    expect(page.get_by_role("status")).to_contain_text("Iscrizione confermata")
    page.get_by_role("link", name="Torna alla console").click()

    assert on_registrations == f"{desk.stack.origin}{desk.page}"
    assert (registrations_fit, form_fit) == (True, True)
    assert registrations_axe == "" and form_axe == ""
    assert page.url == f"{desk.stack.origin}{desk.console_event}"
    expect(page.get_by_role("heading", level=1)).to_have_text(desk.event["title"])
