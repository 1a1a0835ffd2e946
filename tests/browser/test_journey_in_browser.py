"""The citizen's journey in a real Chromium: list, event, programme, form, confirmation, mail."""

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import chromium, fits_the_screen, phone_page
from tests.support.mail import wait_for_mails
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture
def phone(browser) -> Page:
    yield from phone_page(browser)


def test_citizen_registers_on_a_phone_and_gets_the_invite(tmp_path, phone):
    with running_stack(tmp_path) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])

        phone.goto(stack.url("events") + "/")
        phone.get_by_role("link", name=event["title"]).click()
        expect(phone.get_by_role("heading", name="Programma")).to_be_visible()
        expect(
            phone.get_by_text("I sub-ambiti e le prospettive di sviluppo gestionale")
        ).to_be_visible()
        event_page_fits = fits_the_screen(phone)
        phone.get_by_role("link", name="Iscriviti").click()
        phone.get_by_label("Nome", exact=False).first.fill("Giulia")
        phone.get_by_label("Cognome").fill("Ferrari")
        phone.get_by_label("Email").fill("giulia.ferrari@comune.crema.cr.it")
        phone.get_by_label("Ente o organizzazione").fill("Comune di Crema")
        # Bootstrap Italia draws the checkbox on its label, which is what a finger touches.
        phone.locator("label[for=privacy_consent]").click()
        expect(phone.get_by_label("Ho letto l'informativa", exact=False)).to_be_checked()
        form_fits = fits_the_screen(phone)
        phone.get_by_role("button", name="Iscriviti").click()

        expect(phone.get_by_role("heading", name="Richiesta ricevuta")).to_be_visible()
        [message] = wait_for_mails(stack.maildir, 1)
        phone.goto(stack.url("inbox") + "/")
        expect(phone.get_by_text(str(message["Subject"]))).to_be_visible()
        assert event_page_fits and form_fits
        assert message["To"].addresses[0].addr_spec == "giulia.ferrari@comune.crema.cr.it"


def test_form_errors_are_announced_at_the_top_and_keep_values(tmp_path, phone):
    with running_stack(tmp_path) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        phone.goto(f"{stack.url('registrations')}/events/{event['slug']}/register")

        phone.get_by_label("Cognome").fill("Ferrari")
        phone.get_by_label("Email").fill("giulia.ferrari@")
        phone.get_by_role("button", name="Iscriviti").click()

        summary = phone.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_contain_text("Indirizzo email non valido")
        expect(phone.get_by_label("Cognome")).to_have_value("Ferrari")
        expect(phone.get_by_label("Email")).to_have_value("giulia.ferrari@")
