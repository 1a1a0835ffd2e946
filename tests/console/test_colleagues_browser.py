"""The colleagues, invitation and audit pages in Debian's Chromium, in Italian and English, on
a desktop and a phone: an owner invites from the page, the invited person accepts on the
page the email links to; axe-core finds nothing serious and nothing scrolls sideways."""

import re
import uuid
from collections.abc import Iterator
from itertools import product

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.accessibility.test_axe import AXE, SERIOUS, axe_violations, described
from tests.console.browserless import Console, new_member
from tests.console.test_colleagues import invitation_to, link_in
from tests.support.browser import PHONE, fits_the_screen
from tests.support.browser import chromium as launch_chromium

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": PHONE}
LOCALES = {"it": "it-IT", "en": "en-GB"}
CASES = list(product(LOCALES, VIEWPORTS))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    yield from launch_chromium()


def logged_in(browser: Browser, stack, member, lang: str, viewport: str) -> BrowserContext:
    """A browser context holding the member's console cookie, with axe-core in every page."""
    console = Console(stack)
    assert console.log_in(member).status_code == 303
    cookie = console.http.cookies["convegni_session"]
    console.close()
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale=LOCALES[lang])
    context.add_init_script(path=str(AXE))
    context.add_cookies([{"name": "convegni_session", "value": cookie, "url": stack.url("events")}])
    return context


def checked(page: Page) -> list[str]:
    """What is wrong with the page as it stands: serious axe findings, sideways scrolling."""
    serious = [v for v in axe_violations(page) if v["impact"] in SERIOUS]
    return ([described(serious)] if serious else []) + (
        [] if fits_the_screen(page) else ["scrolls sideways"]
    )


@pytest.mark.parametrize(("lang", "viewport"), CASES, ids=[f"{lang}-{vp}" for lang, vp in CASES])
def test_invite_accept_and_read_the_log_in_a_browser(stack, organization, chromium, lang, viewport):
    owner = new_member(stack, organization, "owner")
    address = f"browser-{uuid.uuid4().hex[:8]}@comune.example.it"
    base = f"{stack.url('events')}/console/{organization.slug}"
    context = logged_in(chromium, stack, owner, lang, viewport)
    page = context.new_page()
    problems: dict[str, list[str]] = {}

    page.goto(f"{base}/colleagues?lang={lang}")
    problems["colleagues"] = checked(page)
    page.locator("#email").fill(address)
    page.locator("#role").select_option("door")
    page.locator("form[action*='/colleagues/invite'] button[type=submit]").click()
    expect(page.get_by_role("status")).to_be_visible()
    problems["invited"] = checked(page)
    link = link_in(invitation_to(stack, address))
    stranger = chromium.new_context(viewport=VIEWPORTS[viewport], locale=LOCALES[lang])
    stranger.add_init_script(path=str(AXE))
    invited = stranger.new_page()
    invited.goto(f"{link}?lang={lang}")
    problems["invitation"] = checked(invited)
    invited.locator("#name").fill("Dora Porta")
    invited.locator("#password").fill("una-password-per-la-porta")
    invited.locator("form button[type=submit]").click()
    expect(invited.get_by_role("status")).to_be_visible()
    problems["door events"] = checked(invited)
    invited.goto(f"{base}/speakers?lang={lang}")
    refusal = invited.locator(".alert-danger").inner_text()
    problems["refused"] = checked(invited)
    page.goto(f"{base}/audit?lang={lang}")
    log = page.locator("table").inner_text()
    problems["audit"] = checked(page)
    context.close()
    stranger.close()

    assert {name: found for name, found in problems.items() if found} == {}
    role = {"it": "addetto all'accoglienza", "en": "door staff"}[lang]
    assert role in refusal
    assert re.search(re.escape(address), log)


WEBHOOK_CASES = [("it", "phone"), ("en", "desktop")]


@pytest.mark.parametrize(
    ("lang", "viewport"), WEBHOOK_CASES, ids=[f"{lang}-{vp}" for lang, vp in WEBHOOK_CASES]
)
def test_an_owner_adds_a_webhook_in_a_browser(stack, organization, chromium, lang, viewport):
    """The webhooks page, its refusal (an address that is not https) and an endpoint's page
    with its secret and delivery log: nothing serious for axe-core, nothing scrolls sideways."""
    owner = new_member(stack, organization, "owner")
    base = f"{stack.url('events')}/console/{organization.slug}"
    page = logged_in(chromium, stack, owner, lang, viewport).new_page()
    problems: dict[str, list[str]] = {}

    page.goto(f"{base}/webhooks?lang={lang}")
    problems["webhooks"] = checked(page)
    page.locator("#url").fill("http://protocollo.comune.example.it/convegni")
    page.locator("form.console-form button[type=submit]").click()
    expect(page.locator(".form-error").first).to_be_visible()
    problems["refused"] = checked(page)
    page.locator("#url").fill("https://protocollo.comune.example.it/convegni")
    page.locator("form.console-form button[type=submit]").click()
    expect(page.get_by_text("whsec_", exact=False).first).to_be_visible()
    problems["endpoint"] = checked(page)

    assert {name: found for name, found in problems.items() if found} == {}
