"""Every public page, for the browser tests that visit them all (axe-core, the look on a
phone): one system with the demo conferences loaded and a registration in each state, and
how a browser reaches each page. A new public page is one line in PAGES. The organizers'
dashboards are among them, reached as an organizer does: through the console's pass."""

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import product
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
from playwright.sync_api import Browser, BrowserContext, Page, expect

from devstack.demo import demo_events, load_demo
from devstack.stack import Stack
from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.forms.organizer import define_form
from tests.manage.bus import registered, wait_for_fact
from tests.support.certificates import ask_questionnaire, issue_certificate
from tests.support.embedding import comune_page, serving
from tests.support.people import Person
from tests.support.system import conference, publish, running_stack, wait_until_registrable

LANGUAGES = ("it", "en")
LOCALES = {"it": "it-IT", "en": "en-GB"}
Viewport = dict[str, int]
TODAY = date.today()
DEMO = {event["slug"]: event for event in demo_events(TODAY)}
OPEN_DEMO = "welfare-area-omogenea-cremasca"  # upcoming, open to the public, 200 seats
DEMO_ORG = DEMO[OPEN_DEMO]["organization"]["slug"]
SUBMIT = {"it": "Iscriviti", "en": "Register"}
DEMO_PASSWORD = "public-pages-demo-password"


@dataclass
class Site:
    """The running system and what the pages need: events, a registration's links."""

    stack: Stack
    full_slug: str  # a capacity-1 conference whose seat is taken: the form waitlists
    manage_url: str  # /r/<token> of a confirmed registration
    confirm_url: str  # /confirm/<token> of a registration waiting for its address
    certificate_code: str  # of that confirmed person's certificate of attendance

    def events(self, path: str) -> str:
        return self.stack.url("events") + path

    def registrations(self, path: str) -> str:
        return self.stack.url("registrations") + path


def register(stack: Stack, slug: str, tag: str, **fields: str) -> dict[str, Any]:
    """A registration through the public API, of a person with an address nobody else uses
    (Giulia Ferrari, unless `fields` say otherwise)."""
    person = Person("Giulia", "Ferrari", f"a11y.{tag}.{uuid.uuid4().hex[:8]}@comune-test.it")
    answer = httpx.post(
        f"{stack.url('registrations')}/api/events/{slug}/registrations",
        json={**person.json(), **fields},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


@contextmanager
def public_site(var_dir: Path) -> Iterator[Site]:
    """The system with the demo conferences, a full one, one with double opt-in, and a
    confirmed and a pending registration."""
    env = {"RATE_LIMIT_PER_MINUTE": "0"}  # the tests post more forms than a person would
    with running_stack(var_dir, env=env) as stack:
        load_demo(stack.url("events"), DEVELOPMENT_SECRET, TODAY, password=DEMO_PASSWORD)
        full = publish(stack, conference(capacity=1))
        opt_in = publish(stack, conference())
        for slug in (OPEN_DEMO, full["slug"], opt_in["slug"]):
            wait_until_registrable(stack, slug)
        define_form(stack, opt_in["slug"], settings={"double_opt_in": True, "confirm_hours": 24})

        register(stack, full["slug"], "first-in-the-room")
        confirmed = registered(stack, register(stack, OPEN_DEMO, "manage"))
        pending = register(stack, opt_in["slug"], "opt-in")
        assert pending["status"] == "pending", pending
        confirm_url = wait_for_fact(stack, pending["id"], "pending")["confirm_url"]
        certificate = issue_certificate(
            stack,
            organization=DEMO_ORG,
            slug=OPEN_DEMO,
            registration_id=confirmed.id,
            event=DEMO[OPEN_DEMO],
        )
        ask_questionnaire(stack, organization=DEMO_ORG, slug=OPEN_DEMO)
        yield Site(stack, full["slug"], confirmed.manage_url, confirm_url, certificate["code"])


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
    expect(page.get_by_role("heading", level=2)).to_be_visible()  # the answer, not errors
    expect(page.locator("#error-summary")).to_have_count(0)


def opens(where: Callable[[Site], str], status: int = 200) -> Callable[[Page, Site, str], None]:
    """A page reached by its address alone (answered with `status`)."""

    def visit(page: Page, site: Site, lang: str) -> None:
        answer = page.goto(with_lang(where(site), lang))
        assert answer is not None and answer.status == status, answer and answer.status

    return visit


def organizer_page(path: str) -> Callable[[Page, Site, str], None]:
    """An organizer page of the registrations service, entered with a viewer's console pass."""

    def visit(page: Page, site: Site, lang: str) -> None:
        handed = make_pass(
            {"org": DEMO_ORG, "role": "viewer", "actor": "a11y@comune-test.it"},
            key=DEVELOPMENT_SECRET,
            expires_at=datetime.now(UTC) + timedelta(minutes=10),
        )
        entry = urlencode({"pass": handed, "next": with_lang(path, lang)})
        answer = page.goto(site.registrations(f"/organizer/enter?{entry}"))
        assert answer is not None and answer.status == 200, answer and answer.status

    return visit


def event_page(slug: str) -> Callable[[Page, Site, str], None]:
    return opens(lambda site: site.events(f"/events/{slug}"))


def drawn_by_the_script(page: Page, site: Site, lang: str) -> None:
    """A Comune's page on another origin, with the list the events script draws into it in
    the page's language (the page's own server may stop once the list is drawn)."""
    with serving({"/eventi": comune_page(site.events(""), DEMO_ORG, lang=lang)}) as comune:
        page.goto(f"{comune}/eventi")
        expect(page.locator("#convegni-list .cvg-item").first).to_be_visible()


PAGES: dict[str, Callable[[Page, Site, str], None]] = {
    "list-upcoming": opens(lambda site: site.events("/")),
    "list-past": opens(lambda site: site.events("/?when=past")),
    "list-filtered": opens(lambda site: site.events("/?when=upcoming&topic=governance")),
    "list-organizer": opens(lambda site: site.events("/?organizer=area-omogenea-cremasca")),
    **{f"event-{slug}": event_page(slug) for slug in DEMO},
    "form-empty": opens(lambda site: site.registrations(f"/events/{OPEN_DEMO}/register")),
    "form-errors": form_with_errors,
    "outcome-confirmed": confirmed_outcome,
    "outcome-waitlisted": waitlisted_outcome,
    "manage": opens(lambda site: site.manage_url),
    "manage-cancel": opens(lambda site: site.manage_url + "/cancel"),
    "confirm": opens(lambda site: site.confirm_url),
    "not-found": opens(lambda site: site.events("/no-such-page"), status=404),
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
    "embed-frame": opens(lambda site: site.events(f"/embed/organizations/{DEMO_ORG}")),
    "embed-script": drawn_by_the_script,
    "certificate": opens(lambda site: site.registrations(f"/certificates/{site.certificate_code}")),
    "certificate-unknown": opens(
        lambda site: site.registrations("/certificates/0000000000-0000000000"), status=404
    ),
    "questionnaire": opens(lambda site: site.manage_url + "/questionnaire"),
    "dashboard-event": organizer_page(f"/organizer/events/{OPEN_DEMO}/dashboard"),
    "certificates-desk": organizer_page(f"/organizer/events/{OPEN_DEMO}/certificates"),
    "questionnaire-summary": organizer_page(f"/organizer/events/{OPEN_DEMO}/questionnaire"),
    "dashboard-organization": organizer_page("/organizer/dashboard"),
}


def browser_contexts(
    browser: Browser, viewports: dict[str, Viewport], *, init_script: Path | None = None
) -> Iterator[dict[tuple[str, str], BrowserContext]]:
    """One browser context per (language, viewport), so Bootstrap Italia's files are fetched
    once; `init_script` runs in every page it opens, before the page's own scripts."""
    opened = {}
    for lang, viewport in product(LANGUAGES, viewports):
        context = browser.new_context(viewport=viewports[viewport], locale=LOCALES[lang])
        if init_script is not None:
            context.add_init_script(path=str(init_script))
        opened[(lang, viewport)] = context
    yield opened
    for context in opened.values():
        context.close()
