"""The Bootstrap Italia look in a real Chromium, on a 360 px phone and a desktop, in Italian and
English: Titillium Web loaded from the site itself, the institutional header naming the
page's organization, breadcrumbs with the current page marked, the footer; and no page,
public or staff (organizer registrations, check-in, console tables, delivery log), scrolls
sideways on a phone, its wide tables scrolling in regions a keyboard reaches.

Screenshots of every page looked at are saved under the test's tmp dir; their paths are
printed (pytest -s, or -rA, shows them).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from devstack.demo import demo_account_email
from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.support.browser import chromium
from tests.support.public_pages import (
    DEMO,
    DEMO_PASSWORD,
    LANGUAGES,
    OPEN_DEMO,
    PAGES,
    Site,
    browser_contexts,
    public_site,
    register,
    with_lang,
)
from tests.support.system import ADMIN_HEADERS

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
VIEWPORTS = {"phone": PHONE, "desktop": {"width": 1280, "height": 800}}
ORG = DEMO[OPEN_DEMO]["organization"]
TITLE = DEMO[OPEN_DEMO]["title"]
OWNER_TEXT = {"it": "Convegni ed eventi pubblici dei Comuni", "en": "Public conferences"}
FORM_CRUMB = {"it": "Iscrizione", "en": "Registration"}
LONG = "Azienda Speciale Consortile Comunità Sociale Cremasca, Ufficio di Piano"


@dataclass(frozen=True)
class Looked:
    """A page looked at: its name in PAGES, then what its header and breadcrumbs say."""

    page: str
    organization: str | None  # the slim header and the centre; None: the site's own words
    current: Callable[[str], str]  # the breadcrumbs' current page, by language


LOOKED = {
    "home": Looked("list-upcoming", None, lambda lang: "Home"),
    "event": Looked(f"event-{OPEN_DEMO}", ORG["name"], lambda lang: TITLE),
    "form": Looked("form-empty", ORG["name"], FORM_CRUMB.__getitem__),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    with public_site(tmp_path_factory.mktemp("look")) as running:
        stack = running.stack
        # Long words in the staff tables: a person, and an API token of the organization.
        register(stack, OPEN_DEMO, "long", last_name=LONG, organization=LONG)
        with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS) as admin:
            made = admin.post(f"/api/admin/organizations/{ORG['slug']}/tokens", json={"name": LONG})
            assert made.status_code == 201, made.text
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


@pytest.fixture(scope="module")
def contexts(browser) -> Iterator[dict[tuple[str, str], BrowserContext]]:
    yield from browser_contexts(browser, VIEWPORTS)


@pytest.fixture(scope="module")
def staff(browser, site) -> Iterator[BrowserContext]:
    """A phone of an organization's owner, logged in to the console and, through it, to the
    registrations' organizer pages."""
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    page.goto(site.events("/console/login"))
    page.get_by_label("Email *", exact=True).fill(demo_account_email(ORG["slug"]))
    page.get_by_label("Password *", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    handed = make_pass(
        {"org": ORG["slug"], "role": "owner", "actor": demo_account_email(ORG["slug"])},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=30),
    )
    organizer = f"/organizer/events/{OPEN_DEMO}"
    page.goto(site.registrations(f"/organizer/enter?pass={handed}&next={organizer}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.close()
    yield context
    context.close()


@pytest.fixture(scope="module")
def operator(browser) -> Iterator[BrowserContext]:
    """A phone sending the operator's token, as the delivery log wants."""
    headers = {"Authorization": f"Bearer {DEVELOPMENT_SECRET}"}
    context = browser.new_context(viewport=PHONE, locale="it-IT", extra_http_headers=headers)
    yield context
    context.close()


def event_id(site: Site) -> str:
    return str(httpx.get(site.events(f"/api/events/{OPEN_DEMO}"), timeout=30).json()["id"])


STAFF_PAGES: dict[str, Callable[[Site], str]] = {
    "organizer-registrations": lambda site: site.registrations(f"/organizer/events/{OPEN_DEMO}"),
    "organizer-checkin": lambda site: site.registrations(f"/organizer/events/{OPEN_DEMO}/checkin"),
    "console-events": lambda site: site.events(f"/console/{ORG['slug']}/events"),
    "console-tokens": lambda site: site.events(f"/console/{ORG['slug']}/tokens"),
    "console-revisions": lambda site: site.events(
        f"/console/{ORG['slug']}/events/{event_id(site)}/revisions"
    ),
}

FONT_LOADED = """async () => {
  await document.fonts.ready;
  const titillium = [...document.fonts].filter(f => f.family.replace(/"/g, "") === "Titillium Web");
  return {
    check: document.fonts.check('16px "Titillium Web"'),
    loaded: titillium.filter(f => f.status === "loaded").map(f => f.weight),
    body: getComputedStyle(document.body).fontFamily,
    h1: getComputedStyle(document.querySelector("h1")).fontFamily,
  };
}"""

# A named region: a <section> (or role=region) with a name.
REGION = """e => (e.tagName === "SECTION" || e.getAttribute("role") === "region")
  && !!(e.getAttribute("aria-label") || e.getAttribute("aria-labelledby"))"""
# Boxes that scroll sideways, and whether each is a named region a keyboard can focus.
SCROLLING_BOXES = (
    """() => { const REGION = """
    + REGION
    + """;
  return [...document.querySelectorAll("body *")]
  .filter(e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX))
  .filter(e => e.scrollWidth > e.clientWidth)
  .map(e => ({
    box: e.tagName + "." + e.className,
    focusable: e.tabIndex >= 0,
    region: REGION(e),
  })); }"""
)


def fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def snapshot(page: Page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", LOOKED)
def test_pages_wear_the_kit_in_titillium_web_with_header_breadcrumbs_and_footer(
    site, contexts, tmp_path, name, lang, viewport
):
    looked = LOOKED[name]
    page = contexts[(lang, viewport)].new_page()
    PAGES[looked.page](page, site, lang)

    fonts = page.evaluate(FONT_LOADED)
    snapshot(page, tmp_path, f"{name}-{lang}-{viewport}")

    assert fonts["check"] and "400" in fonts["loaded"], fonts
    assert "Titillium Web" in fonts["body"] and "Titillium Web" in fonts["h1"], fonts
    slim = page.locator(".it-header-slim-wrapper .navbar-brand")
    if looked.organization:
        expect(slim).to_have_text(looked.organization)
        expect(page.locator(".it-header-center-wrapper .it-brand-title")).to_have_text(ORG["name"])
        expect(page.locator(".it-footer-main .it-brand-title")).to_have_text(ORG["name"])
    else:
        expect(slim).to_contain_text(OWNER_TEXT[lang])
    crumbs = page.get_by_role(
        "navigation", name={"it": "Percorso di navigazione", "en": "Breadcrumb"}[lang]
    )
    expect(crumbs.locator("li").first).to_contain_text("Home")
    expect(crumbs.locator("[aria-current=page]")).to_have_text(looked.current(lang))
    expect(page.locator("footer.it-footer .it-footer-small-prints")).to_be_visible()
    assert fits(page)
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_no_public_page_scrolls_sideways_on_a_phone(site, contexts, tmp_path, name):
    page = contexts[("it", "phone")].new_page()
    PAGES[name](page, site, "it")

    snapshot(page, tmp_path, name)

    assert fits(page), page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert all(b["focusable"] and b["region"] for b in page.evaluate(SCROLLING_BOXES))
    page.close()


@pytest.mark.parametrize("name", [*STAFF_PAGES, "deliveries"])
def test_no_staff_page_scrolls_sideways_on_a_phone_and_its_tables_scroll_in_regions(
    site, staff, operator, tmp_path, name
):
    if name == "deliveries":
        page = operator.new_page()
        page.goto(site.stack.url("notifications") + "/deliveries")
    else:
        page = staff.new_page()
        page.goto(with_lang(STAFF_PAGES[name](site), "it"))

    regions = page.locator("section[tabindex='0']")
    snapshot(page, tmp_path, name)

    assert fits(page), page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert all(b["focusable"] and b["region"] for b in page.evaluate(SCROLLING_BOXES))
    if name != "organizer-checkin":
        expect(regions).to_have_count(1)
    page.close()


def test_the_revision_history_s_table_is_reached_with_the_keyboard(site, staff):
    page = staff.new_page()
    page.goto(STAFF_PAGES["console-revisions"](site))

    reached = False
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"({REGION})(document.activeElement)"):
            reached = True
            break

    assert reached
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Revisioni")
    page.close()


def test_home_cards_sit_in_their_column_on_a_phone(site, contexts):
    page = contexts[("it", "phone")].new_page()
    PAGES["list-upcoming"](page, site, "it")

    offsets = page.evaluate("""() => [...document.querySelectorAll("article.card")].map(card => {
      const column = card.parentElement, style = getComputedStyle(column);
      const box = column.getBoundingClientRect(), own = card.getBoundingClientRect();
      return [own.left - box.left - parseFloat(style.paddingLeft),
              box.right - parseFloat(style.paddingRight) - own.right];
    })""")

    assert offsets and all(offset == [0, 0] for offset in offsets), offsets
    page.close()
