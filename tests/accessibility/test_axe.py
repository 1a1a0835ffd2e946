"""axe-core in Debian's Chromium over every public page and the form, in Italian and English,
on a desktop and on a phone: no serious or critical violations.

One system runs for the module, with the demo conferences loaded; one browser visits every
(page, language, viewport), each a test of its own, loading its page once (a form is opened,
then sent, for the pages a form leads to).
"""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import product
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from devstack.demo import demo_events, load_demo
from devstack.stack import Stack
from shared.settings import DEVELOPMENT_SECRET
from tests.forms.organizer import define_form
from tests.manage.bus import registered, wait_for_fact
from tests.support.browser import PHONE, chromium
from tests.support.people import Person
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": PHONE}
LANGUAGES = ("it", "en")
LOCALES = {"it": "it-IT", "en": "en-GB"}
SERIOUS = ("serious", "critical")
TODAY = date.today()
DEMO = {event["slug"]: event for event in demo_events(TODAY)}
OPEN_DEMO = "welfare-area-omogenea-cremasca"  # upcoming, open to the public, 200 seats
DEMO_ORG = DEMO[OPEN_DEMO]["organization"]["slug"]
SUBMIT = {"it": "Iscriviti", "en": "Register"}
# Bootstrap Italia elements our templates cannot change, left out of axe's run. None today:
# an entry is a CSS selector, with a comment saying which rule it fails and why.
EXCLUDE: list[str] = []


@dataclass
class Site:
    """The running system and what the pages need: events, a registration's links."""

    stack: Stack
    full_slug: str  # a capacity-1 conference whose seat is taken: the form waitlists
    manage_url: str  # /r/<token> of a confirmed registration
    confirm_url: str  # /confirm/<token> of a registration waiting for its address

    def events(self, path: str) -> str:
        return self.stack.url("events") + path

    def registrations(self, path: str) -> str:
        return self.stack.url("registrations") + path


def _register(stack: Stack, slug: str, tag: str) -> dict[str, Any]:
    person = Person("Giulia", "Ferrari", f"a11y.{tag}.{uuid.uuid4().hex[:8]}@comune-test.it")
    answer = httpx.post(
        f"{stack.url('registrations')}/api/events/{slug}/registrations",
        json=person.json(),
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    env = {"RATE_LIMIT_PER_MINUTE": "0"}  # the module posts more forms than a person would
    with running_stack(tmp_path_factory.mktemp("accessibility"), env=env) as stack:
        load_demo(stack.url("events"), DEVELOPMENT_SECRET, TODAY, password="a11y-demo-password")
        full = publish(stack, conference(capacity=1))
        opt_in = publish(stack, conference())
        for slug in (OPEN_DEMO, full["slug"], opt_in["slug"]):
            wait_until_registrable(stack, slug)
        define_form(stack, opt_in["slug"], settings={"double_opt_in": True, "confirm_hours": 24})

        _register(stack, full["slug"], "first-in-the-room")
        confirmed = registered(stack, _register(stack, OPEN_DEMO, "manage"))
        pending = _register(stack, opt_in["slug"], "opt-in")
        assert pending["status"] == "pending", pending
        confirm_url = wait_for_fact(stack, pending["id"], "pending")["confirm_url"]
        yield Site(stack, full["slug"], confirmed.manage_url, confirm_url)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


@pytest.fixture(scope="module")
def contexts(browser) -> Iterator[dict[tuple[str, str], BrowserContext]]:
    """One browser context per (language, viewport), so Bootstrap Italia's files are fetched
    once; axe-core is in every page it opens, before the page's own scripts."""
    opened = {}
    for lang, viewport in product(LANGUAGES, VIEWPORTS):
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale=LOCALES[lang])
        context.add_init_script(path=str(AXE))
        opened[(lang, viewport)] = context
    yield opened
    for context in opened.values():
        context.close()


def with_lang(url: str, lang: str) -> str:
    """The address asking for `lang` (?lang=it or ?lang=en), keeping its other parameters."""
    parts = urlsplit(url)
    query = "&".join(p for p in (parts.query, urlencode({"lang": lang})) if p)
    return urlunsplit(parts._replace(query=query))


def fill_form(page: Page, tag: str) -> None:
    """Type a person with an address nobody else uses, and tick the consent."""
    page.locator("#first_name").fill("Giulia")
    page.locator("#last_name").fill("Ferrari")
    page.locator("#email").fill(f"a11y.{tag}.{uuid.uuid4().hex[:8]}@comune-test.it")
    page.locator("#organization").fill("Comune di Crema")
    page.locator("label[for=privacy_consent]").click()  # where a finger touches it


def send_form(page: Page, lang: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=SUBMIT[lang], exact=True).click()


def form_url(site: Site, slug: str, lang: str) -> str:
    return with_lang(site.registrations(f"/events/{slug}/register"), lang)


def form_with_errors(page: Page, site: Site, lang: str) -> None:
    page.goto(form_url(site, OPEN_DEMO, lang))
    send_form(page, lang)  # nothing filled in
    expect(page.locator("#error-summary")).to_be_visible()


def confirmed_outcome(page: Page, site: Site, lang: str) -> None:
    page.goto(form_url(site, OPEN_DEMO, lang))
    fill_form(page, f"confirmed-{lang}")
    send_form(page, lang)
    expect(page.locator(".alert-success h2")).to_be_visible()


def waitlisted_outcome(page: Page, site: Site, lang: str) -> None:
    page.goto(form_url(site, site.full_slug, lang))
    fill_form(page, f"waitlisted-{lang}")
    send_form(page, lang)
    expect(page.get_by_role("heading", level=2)).to_contain_text(  # the same page for all
        {"it": "Richiesta ricevuta", "en": "Request received"}[lang]
    )


def opens(where: Callable[[Site], str]) -> Callable[[Page, Site, str], None]:
    """A page reached by its address alone."""

    def visit(page: Page, site: Site, lang: str) -> None:
        answer = page.goto(with_lang(where(site), lang))
        assert answer is not None and answer.ok, answer and answer.status

    return visit


def event_page(slug: str) -> Callable[[Page, Site, str], None]:
    return opens(lambda site: site.events(f"/events/{slug}"))


PAGES: dict[str, Callable[[Page, Site, str], None]] = {
    "list-upcoming": opens(lambda site: site.events("/")),
    "list-past": opens(lambda site: site.events("/?when=past")),
    "list-filtered": opens(lambda site: site.events("/?when=upcoming&topic=governance")),
    **{f"event-{slug}": event_page(slug) for slug in DEMO},
    "form-empty": opens(lambda site: site.registrations(f"/events/{OPEN_DEMO}/register")),
    "form-errors": form_with_errors,
    "outcome-confirmed": confirmed_outcome,
    "outcome-waitlisted": waitlisted_outcome,
    "manage": opens(lambda site: site.manage_url),
    "manage-cancel": opens(lambda site: site.manage_url + "/cancel"),
    "confirm": opens(lambda site: site.confirm_url),
    "console-login": opens(lambda site: site.events("/console/login")),
    "privacy-index": opens(lambda site: site.registrations("/privacy")),
    "privacy-organization": opens(lambda site: site.registrations(f"/privacy/{DEMO_ORG}")),
    "privacy-event": opens(lambda site: site.registrations(f"/events/{OPEN_DEMO}/privacy")),
    "accessibility": opens(lambda site: site.events("/accessibility")),
    "accessibility-organization": opens(
        lambda site: site.events(f"/organizations/{DEMO_ORG}/accessibility")
    ),
    "legal-notes": opens(lambda site: site.events("/legal-notes")),
    "cookies": opens(lambda site: site.events("/cookies")),
}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every rule axe-core runs by default; the nodes of passing rules are not collected."""
    options = {"resultTypes": ["violations"]}
    context = {"exclude": EXCLUDE} if EXCLUDE else {"include": ["html"]}
    result = page.evaluate("([context, options]) => axe.run(context, options)", [context, options])
    assert result["passes"], "axe-core checked nothing"
    return list(result["violations"])


def described(violations: list[dict[str, Any]]) -> str:
    """One line per rule, then one per element: its selector and what axe-core says to fix."""
    return "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"      {n['target']}: {_summary(n)}" for n in v["nodes"])
        for v in violations
    )


def _summary(node: dict[str, Any]) -> str:
    return " ".join(line.strip() for line in node.get("failureSummary", "").splitlines())


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_violations(site, contexts, name, lang, viewport):
    page = contexts[(lang, viewport)].new_page()
    try:
        PAGES[name](page, site, lang)
        assert page.evaluate("document.documentElement.lang") == lang
        violations = axe_violations(page)
    finally:
        page.close()

    serious = [v for v in violations if v["impact"] in SERIOUS]
    others = [v for v in violations if v["impact"] not in SERIOUS]
    assert not serious, (
        f"{name} ({lang}, {viewport}): serious or critical violations\n{described(serious)}"
        + (f"\nalso (moderate or minor):\n{described(others)}" if others else "")
    )
