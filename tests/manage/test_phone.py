"""The manage page on a phone, in a real Chromium: readable without sideways scrolling, and
cancelling takes two taps."""

import pytest
from playwright.sync_api import Page, expect

from tests.manage.pages import new_people
from tests.support.browser import chromium, fits_the_screen, phone_page

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


@pytest.fixture
def phone(browser) -> Page:
    yield from phone_page(browser)


def test_a_person_sees_the_ticket_and_cancels_on_a_phone(phone, published, register):
    registration = register(
        published(attendance_mode="hybrid", online_capacity=10), new_people(1)[0]
    )

    phone.goto(registration.manage_url)
    expect(phone.get_by_role("img", name="Codice QR del biglietto", exact=False)).to_be_visible()
    expect(phone.get_by_role("button", name="Partecipa online")).to_be_visible()
    page_fits = fits_the_screen(phone)
    phone.get_by_role("link", name="Annulla l'iscrizione").click()
    phone.get_by_role("button", name="Sì, annulla l'iscrizione").click()

    expect(phone.get_by_role("heading", name="Iscrizione annullata")).to_be_visible()
    assert page_fits
