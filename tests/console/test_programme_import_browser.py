"""A clerk imports the programme from a spreadsheet in a real Chromium, on a phone and on a
desktop, in Italian and English: the upload page, the preview and the page of a file with a
bad row fit the screen and have no serious or critical axe-core violations; the problems
take the focus, and confirming shows the programme saved."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.console.browserless import new_member
from tests.console.test_console_browser import log_in, serious_axe_violations
from tests.console.test_programme_import import welfare
from tests.support import programme_sheets
from tests.support.browser import PHONE, fits_the_screen
from tests.support.browser import chromium as launch_chromium

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": PHONE, "desktop": {"width": 1280, "height": 900}}
SAID = {
    "it": ("Mostra l'anteprima", "Salva il programma importato", "Programma importato."),
    "en": ("Show the preview", "Save the imported programme", "Programme imported."),
}


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()


@pytest.fixture(params=sorted(VIEWPORTS))
def page(request, chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport=VIEWPORTS[request.param], locale="it-IT")
    yield context.new_page()
    context.close()


def looked_at(page: Page) -> tuple[bool, list[str]]:
    return fits_the_screen(page), serious_axe_violations(page)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_clerk_imports_the_programme_in_a_browser(stack, organization, page, lang):
    member = new_member(stack, organization, "editor")
    event, facts = welfare(stack, organization)
    lines = programme_sheets.rows(facts)
    bad = [row[:] for row in lines]
    bad[0][1] = "mezzogiorno"
    preview_button, confirm_button, done = SAID[lang]
    page.goto(f"{stack.url('events')}/console/login")
    log_in(page, member.email)
    url = f"{stack.url('events')}/console/{organization.slug}/events/{event['id']}"
    page.goto(f"{url}/programme/import?lang={lang}")

    upload_page = looked_at(page)
    page.locator("#import-file").set_input_files(
        {
            "name": "sbagliato.csv",
            "mimeType": "text/csv",
            "buffer": programme_sheets.italian_csv(bad),
        }
    )
    page.get_by_role("button", name=preview_button).click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#import-problems")).to_contain_text("mezzogiorno")
    refused_page = looked_at(page)
    page.locator("#import-file").set_input_files(
        {"name": "programma.xlsx", "mimeType": "application/octet-stream",
         "buffer": programme_sheets.workbook(lines)}
    )  # fmt: skip
    page.get_by_role("button", name=preview_button).click()
    expect(page.locator("#import-programme > li")).to_have_count(len(lines))
    preview_page = looked_at(page)
    page.get_by_role("button", name=confirm_button).click()

    expect(page.get_by_role("status")).to_have_text(done)
    expect(page.locator("strong", has_text=facts["programme"][-1]["title"])).to_be_visible()
    assert upload_page == (True, [])
    assert refused_page == (True, [])
    assert preview_page == (True, [])
