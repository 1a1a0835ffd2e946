"""An organizer in a real Chromium, on a phone: log in, create, fill the programme, publish;
change a published event and publish the change after reading what participants are told."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.console.browserless import PASSWORD, new_member
from tests.console.payloads import event_day, small_event
from tests.support.browser import chromium as launch_chromium
from tests.support.browser import fits_the_screen, phone_page
from tests.support.system import publish

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


ITEMS = [
    ("Saluti istituzionali", "greetings", "09:00", "09:20"),
    ("Il welfare dei piccoli Comuni", "talk", "09:20", "10:30"),
    ("Conclusioni", "closing", "12:30", "13:00"),
]


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()


@pytest.fixture
def phone(chromium) -> Page:
    yield from phone_page(chromium)


def log_in(page: Page, email: str) -> bool:
    """Fill the login form; whether it fitted the phone's screen."""
    page.get_by_label("Email *", exact=True).fill(email)
    page.get_by_label("Password *", exact=True).fill(PASSWORD)
    fitted = fits_the_screen(page)
    page.get_by_role("button", name="Accedi").click()
    return fitted


def create_event(page: Page, title: str) -> None:
    page.get_by_role("link", name="Nuovo evento").click()
    page.get_by_label("Titolo *", exact=True).fill(title)
    page.get_by_label("Data *", exact=True).fill(event_day())
    page.get_by_label("Ora di inizio *", exact=True).fill("09:00")
    page.get_by_label("Ora di fine *", exact=True).fill("13:00")
    page.get_by_label("Nome della nuova sede", exact=True).fill("Sala dei Ricevimenti")
    page.get_by_label("Comune della nuova sede", exact=True).fill("Crema")
    page.get_by_label("Posti in sala *", exact=True).fill("120")
    page.get_by_role("button", name="Crea la bozza").click()
    expect(page.get_by_role("status")).to_have_text("Bozza creata.")


def add_item(page: Page, title: str, kind: str, starts: str, ends: str) -> bool:
    """Fill the item form; whether it fitted the phone's screen."""
    page.get_by_label("Tipo *", exact=True).select_option(kind)
    page.get_by_label("Titolo dell'intervento *", exact=True).fill(title)
    page.get_by_label("Ora di inizio", exact=True).fill(starts)
    page.get_by_label("Ora di fine", exact=True).fill(ends)
    fitted = fits_the_screen(page)
    page.get_by_role("button", name="Aggiungi al programma").click()
    expect(page.get_by_role("status")).to_have_text("Voce aggiunta al programma.")
    return fitted


def test_organizer_publishes_an_event_from_a_phone(stack, organization, phone):
    member = new_member(stack, organization, "editor")
    title = f"Welfare di comunità {organization.slug}"
    phone.goto(f"{stack.url('events')}/console/login")

    login_fits = log_in(phone, member.email)
    create_event(phone, title)
    phone.get_by_role("link", name="Programma", exact=True).click()
    items_fit = [add_item(phone, *item) for item in ITEMS]
    phone.get_by_role("link", name="Torna all'evento").click()
    phone.get_by_role("button", name="Pubblica").click()
    expect(phone.get_by_role("status")).to_have_text("Evento pubblicato.")
    phone.get_by_role("link", name="/events/").click()

    expect(phone.get_by_role("heading", name=title)).to_be_visible()
    for item_title, *_ in ITEMS:
        expect(phone.get_by_text(item_title)).to_be_visible()
    assert phone.url.startswith(f"{stack.url('events')}/events/")
    assert login_fits and all(items_fit)


def serious_axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_overlap_is_asked_about_then_saved_anyway_from_a_phone(stack, organization, phone):
    member = new_member(stack, organization, "editor")
    phone.goto(f"{stack.url('events')}/console/login")
    log_in(phone, member.email)
    create_event(phone, f"Sale parallele {organization.slug}")
    phone.get_by_role("link", name="Programma", exact=True).click()
    add_item(phone, "Relazione", "talk", "09:30", "10:30")

    phone.get_by_label("Titolo dell'intervento *", exact=True).fill("Intervento")
    phone.get_by_label("Ora di inizio", exact=True).fill("10:00")
    phone.get_by_label("Ora di fine", exact=True).fill("10:45")
    phone.get_by_role("button", name="Aggiungi al programma").click()
    asked = phone.locator("#warnings-summary")
    expect(asked).to_contain_text("«Intervento» si sovrappone a «Relazione» (09:30-10:30)")
    asked_fits, asked_axe = fits_the_screen(phone), serious_axe_violations(phone)
    phone.get_by_role("button", name="Salva comunque").click()
    expect(phone.get_by_role("status")).to_have_text("Voce aggiunta al programma.")

    expect(phone.locator(".console-warnings")).to_have_count(2)
    expect(phone.locator(".console-warnings").first).to_contain_text("Da controllare:")
    assert asked_fits and fits_the_screen(phone)
    assert asked_axe == [] and serious_axe_violations(phone) == []


@pytest.mark.parametrize("lang", ["it", "en"])
def test_organizer_reviews_and_publishes_a_typo_fix_from_a_phone(stack, organization, phone, lang):
    member = new_member(stack, organization, "editor")
    event = publish(stack, small_event(organization.slug), organization=organization.slug)
    event_url = f"{stack.url('events')}/console/{organization.slug}/events/{event['id']}"
    phone.goto(f"{stack.url('events')}/console/login")
    log_in(phone, member.email)
    phone.goto(f"{event_url}/edit?lang={lang}")
    phone.locator("#subtitle").fill("Seconda edizione")
    phone.locator("form.console-form button[type=submit]").last.click()

    phone.locator("#pending a").click()
    violations = serious_axe_violations(phone)
    fitted = fits_the_screen(phone)
    quietly = {"it": "Pubblica senza avvisare", "en": "Publish without notifying"}[lang]
    phone.get_by_role("button", name=quietly).click()

    done = {"it": "senza avvisare", "en": "without notifying"}[lang]
    expect(phone.get_by_role("status")).to_contain_text(done)
    assert phone.locator("#pending").count() == 0
    assert violations == [] and fitted
