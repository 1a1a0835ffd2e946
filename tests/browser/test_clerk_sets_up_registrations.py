"""Acceptance 1 of issue 14, in its order: a clerk with only the console, in a real Chromium,
creates an event (a draft, in the room and online, with its registration window, capacities,
reminders and "still coming?"), sets the registration settings (waiting list, offer hours,
double opt-in and its hours, retention, cancellation policy, reading the privacy notice
version in force), builds a form with three kinds of questions, moves one, previews it, and
only then publishes; a citizen registers through the public form showing those questions;
the clerk reads the answers in the registrations list and in the export. No token and no
API call by hand."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.console.browserless import PASSWORD, new_member, new_organization
from tests.console.payloads import event_day
from tests.support.browser import PHONE, chromium
from tests.support.system import running_stack

pytestmark = pytest.mark.browser

TITLE = "Welfare di comunità: il buffet"
QUESTIONS = [  # kind, Italian label, help text, options
    ("short_text", "Comune di provenienza", "Il comune in cui lavori", ""),
    ("single", "Ti fermi al buffet?", "", "Sì, resto\nNo, vado via"),
    ("yes_no", "Ti serve un attestato?", "Per la formazione continua", ""),
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("clerk")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def _create(page: Page) -> None:
    """The event made on the console's pages: a draft."""
    page.get_by_role("link", name="Nuovo evento").click()
    page.get_by_label("Titolo *", exact=True).fill(TITLE)
    page.get_by_label("Data *", exact=True).fill(event_day())
    page.get_by_label("Ora di inizio *", exact=True).fill("09:00")
    page.get_by_label("Ora di fine *", exact=True).fill("13:00")
    page.get_by_label("Nome della nuova sede", exact=True).fill("Sala dei Ricevimenti")
    page.get_by_label("Comune della nuova sede", exact=True).fill("Crema")
    page.get_by_label("Modalità di partecipazione *", exact=True).select_option("hybrid")
    page.get_by_label("Posti in sala *", exact=True).fill("120")
    page.get_by_label("Posti online", exact=True).fill("300")
    page.get_by_label("Collegamento online", exact=True).fill("https://meet.example.org/welfare")
    page.get_by_label("Apertura iscrizioni", exact=True).fill(f"{date.today().isoformat()}T00:00")
    page.get_by_label("Chiusura iscrizioni", exact=True).fill(f"{event_day()}T08:00")
    page.get_by_label("Promemoria: ore prima dell'inizio", exact=True).fill("48")
    page.get_by_label('"Vieni ancora?": giorni prima dell\'inizio', exact=True).fill("3")
    page.get_by_role("button", name="Crea la bozza").click()
    expect(page.get_by_role("status")).to_have_text("Bozza creata.")
    expect(page.get_by_text("nessuno può iscriversi finché", exact=False)).to_be_visible()


def _open_from_the_console(page: Page, console_event: str, link: str, title: str) -> None:
    """Follow one of the event page's links on to registrations; the first time, the draft
    may still be on its way over the bus, so the link is followed again until it is there."""

    def opened() -> bool:
        page.goto(console_event)
        page.get_by_role("link", name=link, exact=True).click()
        return title in page.title()

    wait_until(opened, timeout=60, what=f"registrations knowing the draft ({link})")


def _set_settings(page: Page) -> None:
    expect(page.get_by_text("Versione dell'informativa privacy in vigore")).to_be_visible()
    page.locator("label[for=waitlist]").click()  # no waiting list: the room is large
    page.get_by_label("Ore per accettare un posto liberato").fill("24")
    page.locator("label[for=double_opt_in]").click()  # where a pointer touches it
    page.get_by_label("Ore per confermare l'indirizzo").fill("24")
    page.get_by_label("Giorni di conservazione dei dati dopo l'evento").fill("90")
    page.get_by_label("Regole di cancellazione in italiano").fill(
        "Se non puoi venire, disdici entro due giorni."
    )
    page.get_by_role("button", name="Salva le impostazioni").click()
    expect(page.get_by_role("status")).to_contain_text("Impostazioni salvate")


def _add_question(page: Page, kind: str, label: str, hint: str, options: str) -> None:
    page.get_by_label("Tipo di domanda").select_option(kind)
    page.get_by_role("button", name="Continua").click()
    page.get_by_label("Domanda in italiano *").fill(label)
    if hint:
        page.get_by_label("Spiegazione in italiano").fill(hint)
    if options:
        page.get_by_label("Opzioni in italiano").fill(options)
    page.locator("label[for=required]").click()
    page.get_by_role("button", name="Salva la domanda").click()
    expect(page.get_by_role("status")).to_have_text("Domanda salvata.")


def _register(browser: Browser, stack: Stack, slug: str) -> None:
    citizen = browser.new_page(viewport=PHONE, locale="it-IT")  # a citizen, on a phone
    form = f"{stack.url('registrations')}/events/{slug}/register"
    wait_until(  # in the first seconds after publishing, a page that says it is opening
        lambda: (opened := citizen.goto(form)) is not None and opened.status == 200,
        timeout=60,
        what="the published event's form",
    )
    for _, label, hint, _ in QUESTIONS:
        expect(citizen.get_by_text(label, exact=False).first).to_be_visible()
        if hint:
            expect(citizen.get_by_text(hint)).to_be_visible()
    expect(citizen.get_by_text("Se non puoi venire, disdici entro due giorni.")).to_be_visible()
    citizen.get_by_label("Nome *", exact=True).fill("Giulia")
    citizen.get_by_label("Cognome *", exact=True).fill("Ferrari")
    citizen.get_by_label("Email *", exact=True).fill("giulia.ferrari@comune-test.it")
    citizen.get_by_text("In presenza, in sala", exact=True).click()
    citizen.get_by_label("Comune di provenienza *").fill("Offanengo")
    citizen.get_by_text("Sì, resto", exact=True).click()
    attestato = citizen.locator("fieldset", has_text="Ti serve un attestato?")
    attestato.get_by_text("Sì", exact=True).click()
    citizen.locator("label[for=privacy_consent]").click()
    citizen.get_by_role("button", name="Iscriviti", exact=True).click()
    expect(citizen.get_by_role("heading", name="Richiesta ricevuta")).to_be_visible()
    citizen.close()


def _publish(page: Page, console_event: str) -> str:
    """Publish from the console's event page; the event's address (slug)."""
    page.goto(console_event)
    page.get_by_role("button", name="Pubblica").click()
    expect(page.get_by_role("status")).to_have_text("Evento pubblicato.")
    slug = page.get_by_role("link", name="/events/").inner_text().removeprefix("/events/")
    return slug.strip()


def test_a_clerk_sets_up_registrations_before_publishing_and_reads_the_answers(
    stack, browser, tmp_path: Path
):
    organization = new_organization(stack, "sportello")
    member = new_member(stack, organization, "editor")
    page = browser.new_page(locale="it-IT")
    page.goto(f"{stack.url('events')}/console/login")
    page.get_by_label("Email *", exact=True).fill(member.email)
    page.get_by_label("Password *", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()

    _create(page)
    console_event = page.url.split("?")[0]
    _open_from_the_console(
        page, console_event, "Impostazioni delle iscrizioni", "Impostazioni delle iscrizioni"
    )
    _set_settings(page)
    _open_from_the_console(page, console_event, "Domande del modulo", "Domande del modulo")
    for question in QUESTIONS:
        _add_question(page, *question)
    page.get_by_role("button", name="Sposta su: Ti serve un attestato?").click()
    expect(page.get_by_role("status")).to_have_text("Ordine delle domande aggiornato.")
    page.get_by_role("link", name="Anteprima del modulo").click()
    expect(page.get_by_role("heading", name="Anteprima")).to_be_visible()
    expect(page.get_by_role("button", name="Iscriviti")).to_be_disabled()
    preview = page.content()
    slug = _publish(page, console_event)
    _register(browser, stack, slug)
    page.goto(console_event)
    page.get_by_role("link", name="Iscrizioni", exact=True).click()
    row = page.locator("tr", has_text="Ferrari")
    expect(row).to_contain_text("Comune di provenienza Offanengo")
    expect(row).to_contain_text("Ti fermi al buffet? Sì, resto")
    expect(row).to_contain_text("Ti serve un attestato? sì")
    with page.expect_download() as download:
        page.get_by_role("link", name="Scarica CSV").click()
    export = Path(download.value.path()).read_text(encoding="utf-8-sig")

    places = [preview.find(label) for _, label, _, _ in (QUESTIONS[0], QUESTIONS[2], QUESTIONS[1])]
    assert -1 not in places and places == sorted(places), "the preview shows the new order"
    assert "Giulia" in export and "Offanengo" in export and "Sì, resto" in export
    assert "Ti serve un attestato?" in export
