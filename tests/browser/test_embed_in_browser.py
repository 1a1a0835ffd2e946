"""Issue 17, acceptance 6: a Comune's page served from another origin shows the organization's
upcoming events in Debian's Chromium, drawn by the script into a <div> and in the framed
list, in Italian and in English, and no cookie is set or sent; a link in the frame opens the
event in the whole window; any other page of ours refuses to be framed."""

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, expect

from devstack.stack import Stack
from tests.support.browser import PHONE, chromium, fits_the_screen
from tests.support.embedding import comune_page, serving
from tests.support.system import ADMIN_HEADERS, conference, organizer_headers, publish
from tests.support.system import running_stack as stack_running

pytestmark = pytest.mark.browser

ORG = {"slug": "area-omogenea-cremasca", "name": "Area Omogenea Cremasca"}
CANCELLED = {"it": "Annullato", "en": "Cancelled"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[Stack, dict, dict]]:
    """One origin, as production: the script and the frame come through the proxy. Two
    upcoming conferences of the organization, the second one cancelled."""
    with stack_running(tmp_path_factory.mktemp("embed"), one_origin=True) as stack:
        with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS) as admin:
            assert admin.post("/api/admin/organizations", json=ORG).status_code == 201
        on = publish(stack, conference(), ORG["slug"])
        off = publish(stack, conference("area-omogenea-cremasca-territorio-piu-unito"), ORG["slug"])
        with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as api:
            assert api.post(f"/api/organizer/events/{off['id']}/cancel", json={}).status_code == 200
        yield stack, on, off


@pytest.fixture(scope="module")
def comune(site) -> Iterator[str]:
    """The Comune's website, on its own origin."""
    stack = site[0]
    pages = {
        "/eventi": comune_page(
            stack.origin, ORG["slug"], frame=f"/embed/organizations/{ORG['slug']}"
        ),
        "/events": comune_page(stack.origin, ORG["slug"], lang="en", data_lang="en"),
        "/framed-home": comune_page(stack.origin, ORG["slug"], script=False, frame="/"),
    }
    with serving(pages) as address:
        assert address != stack.origin
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


@pytest.fixture
def phone(browser) -> Iterator[tuple[BrowserContext, Page, list[str]]]:
    """A phone whose every request and answer is watched for cookies: the addresses of those
    that carried one."""
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    carried: list[str] = []

    def watch(message: Request | Response) -> None:
        if {"cookie", "set-cookie"} & set(message.all_headers()):
            carried.append(message.url)

    page.on("request", watch)
    page.on("response", watch)
    yield context, page, carried
    context.close()


def test_the_script_draws_the_upcoming_events_into_the_comune_s_page(site, comune, phone):
    stack, on, off = site
    context, page, cookies = phone

    page.goto(f"{comune}/eventi")

    drawn = page.locator("#convegni-list")
    expect(drawn.get_by_role("link", name=on["title"], exact=True)).to_be_visible()
    expect(drawn.get_by_role("link", name=off["title"], exact=True)).to_be_visible()
    expect(drawn.locator(".cvg-badge")).to_have_text([CANCELLED["it"]])
    fallback = drawn.get_by_role("link", name="Gli eventi", exact=True)  # what the div held
    expect(fallback).to_be_hidden()
    assert drawn.get_by_role("link", name=on["title"], exact=True).get_attribute("href") == (
        f"{stack.origin}/events/{on['slug']}?lang=it"
    )
    assert fits_the_screen(page)
    assert context.cookies() == [] and cookies == []
    assert page.evaluate("document.cookie") == ""


def test_the_framed_list_shows_them_and_opens_an_event_in_the_whole_window(site, comune, phone):
    stack, on, _ = site
    context, page, cookies = phone

    page.goto(f"{comune}/eventi")
    framed = page.frame_locator("#convegni-frame")
    expect(framed.get_by_role("heading", name=on["title"], exact=True)).to_be_visible()
    expect(framed.get_by_text(CANCELLED["it"], exact=True)).to_be_visible()
    framed.get_by_role("link", name=on["title"], exact=True).click()

    expect(page).to_have_url(f"{stack.origin}/events/{on['slug']}?lang=it")
    assert context.cookies() == [] and cookies == []


def test_the_list_speaks_english_when_the_element_asks(site, comune, phone):
    _, on, _ = site
    _, page, _ = phone

    page.goto(f"{comune}/events")

    drawn = page.locator("#convegni-list")
    expect(drawn.get_by_role("link", name=on["title"], exact=True)).to_be_visible()
    expect(drawn.locator(".cvg-badge")).to_have_text([CANCELLED["en"]])
    expect(drawn.get_by_role("link", name=f"All events organized by {ORG['name']}")).to_be_visible()
    expect(drawn.locator(".cvg-title").first).to_have_attribute("lang", "it")  # as written


def test_any_other_page_refuses_to_be_framed(site, comune, phone):
    stack, _, _ = site
    _, page, _ = phone
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))

    page.goto(f"{comune}/framed-home")

    expect(page.locator("#convegni-frame")).to_be_attached()
    expect(page.frame_locator("#convegni-frame").get_by_role("heading", level=1)).to_have_count(0)
    assert any("frame-ancestors 'none'" in line for line in said), said
    home = httpx.get(f"{stack.origin}/")
    assert home.headers["x-frame-options"] == "DENY"
    assert home.headers["content-security-policy"] == "frame-ancestors 'none'"


def test_without_javascript_the_link_stays_and_the_frame_still_lists(site, comune, browser):
    _, on, _ = site
    context = browser.new_context(viewport=PHONE, locale="it-IT", java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{comune}/eventi")

    expect(page.locator("#convegni-list").get_by_role("link", name="Gli eventi")).to_be_visible()
    framed = page.frame_locator("#convegni-frame")
    expect(framed.get_by_role("link", name=on["title"], exact=True)).to_be_visible()
    context.close()
