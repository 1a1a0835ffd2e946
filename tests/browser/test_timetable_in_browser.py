"""The timetable of a two-day assembly with three parallel workshops, in Debian's Chromium:
on a desktop a grid (rooms as columns, time as rows) that axe-core passes in Italian and
English and a keyboard reaches and leaves; on a phone the list, one day after the other,
with nothing wider than the screen. The registration form offering the workshops passes
axe-core too, and so does the personal page where a person changes their sessions."""

import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from devstack.stack import Stack
from tests.accessibility.test_axe import AXE, SERIOUS, axe_violations, described
from tests.manage.bus import registered
from tests.support.browser import PHONE, chromium, fits_the_screen
from tests.support.system import publish, register_url, running_stack, wait_until_registrable
from tests.support.workshops import ROOMS, assembly

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
LOCALES = {"it": "it-IT", "en": "en-GB"}
# The form's and the personal page's sessions: each language once and each screen once (the
# pages around them are checked in every combination by tests/accessibility).
TWO_WAYS = [("it", "phone"), ("en", "desktop")]


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("timetable")) as running:
        yield running


@pytest.fixture(scope="module")
def published(stack) -> dict:
    event = publish(stack, assembly(date.today() + timedelta(days=10)), "anci-lombardia")
    wait_until_registrable(stack, event["slug"])
    return event


@pytest.fixture(scope="module")
def page_url(stack, published) -> str:
    return f"{stack.url('events')}/events/{published['slug']}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def opened(browser: Browser, url: str, lang: str, viewport: str) -> Page:
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale=LOCALES[lang])
    context.add_init_script(path=AXE)
    page = context.new_page()
    page.goto(f"{url}?lang={lang}")
    return page


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LOCALES)
def test_axe_core_passes_the_timetable(browser, page_url, lang, viewport):
    page = opened(browser, page_url, lang, viewport)
    try:
        grid = page.locator("[role=region].timetable")
        if viewport == "desktop":
            expect(grid).to_be_visible()
        else:
            expect(grid).to_be_hidden()
            assert fits_the_screen(page)
        serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
    finally:
        page.context.close()

    assert serious == [], described(serious)


def test_the_grid_shows_rooms_as_columns_and_a_keyboard_walks_through_it(browser, page_url):
    page = opened(browser, page_url, "it", "desktop")
    try:
        grid = page.locator("[role=region].timetable")
        headers = grid.locator("thead th").all_inner_texts()
        rows = grid.locator("tbody tr")
        opening = rows.nth(0).locator("td").first.get_attribute("colspan")
        workshops = rows.nth(2).locator("td").all_inner_texts()
        walked = []
        for _ in range(120):  # every stop of the Tab key, from the top of the page
            page.keyboard.press("Tab")
            walked.append(page.evaluate("document.activeElement.className"))
            if len(walked) > 1 and "timetable" in walked[-2]:
                break
        focused_grid_outline = grid.evaluate(
            "el => { el.focus(); const s = getComputedStyle(el);"
            " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
        )
        page.keyboard.press("Tab")
        after = page.evaluate("document.activeElement.className")
    finally:
        page.context.close()

    assert headers == ["Ora", *ROOMS]
    assert opening == "3"  # the opening is for everyone: across every room
    assert [text.split("\n")[0] for text in workshops] == [
        "Tavolo 1: i servizi sociali d'ambito (prima sessione)",
        "Tavolo 2: la gestione associata delle funzioni (prima sessione)",
        "Tavolo 3: i servizi digitali dei Comuni (prima sessione)",
    ]
    assert any("timetable" in stop for stop in walked), "the keyboard never reached the grid"
    assert "timetable" not in after  # and it leaves it: no trap
    assert focused_grid_outline


@pytest.mark.parametrize(("lang", "viewport"), TWO_WAYS)
def test_axe_core_passes_the_form_offering_the_workshops(browser, stack, published, lang, viewport):
    page = opened(browser, register_url(stack, published["slug"]), lang, viewport)
    try:
        expect(page.locator("#sessions input[type=checkbox]")).to_have_count(6)
        if viewport == "phone":
            assert fits_the_screen(page)
        serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
    finally:
        page.context.close()

    assert serious == [], described(serious)


@pytest.fixture(scope="module")
def personal_page(stack, published) -> str:
    first = next(item["id"] for item in published["programme"] if item.get("seats"))
    answer = httpx.post(
        f"{stack.url('registrations')}/api/events/{published['slug']}/registrations",
        json={
            "first_name": "Giulia",
            "last_name": "Ferrari",
            "email": f"giulia.{uuid.uuid4().hex[:8]}@comune-test.it",
            "privacy_consent": True,
            "sessions": [first],
        },
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    return registered(stack, answer.json()).manage_url


@pytest.mark.parametrize(("lang", "viewport"), TWO_WAYS)
def test_axe_core_passes_the_personal_page_with_sessions(browser, personal_page, lang, viewport):
    page = opened(browser, personal_page, lang, viewport)
    try:
        expect(page.locator("#my-sessions input[type=checkbox]")).to_have_count(6)
        if viewport == "phone":
            assert fits_the_screen(page)
        serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
    finally:
        page.context.close()

    assert serious == [], described(serious)
