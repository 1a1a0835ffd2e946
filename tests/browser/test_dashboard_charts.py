"""The organizers' dashboards in a real Chromium: Chart.js, served by the site, draws every
chart (something is painted on each canvas) with no error in the console, and folds each
table into its "Dati del grafico" disclosure; without JavaScript the tables are the page."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.support.browser import PHONE, chromium, fits_the_screen
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.browser

ORG = "area-omogenea-cremasca"
VIEWPORTS = {"phone": PHONE, "desktop": {"width": 1280, "height": 900}}
# How many of a canvas's pixels are painted (not transparent): 0 until Chart.js draws it.
PAINTED = """canvas => {
  const { width, height } = canvas;
  const pixels = canvas.getContext("2d").getImageData(0, 0, width, height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  return painted;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """The registrations service's address and a conference with a few registrations."""
    with running_stack(
        tmp_path_factory.mktemp("dashboard"), env={"RATE_LIMIT_PER_MINUTE": "0"}
    ) as stack:
        event = publish(stack, conference(capacity=3), ORG)
        wait_until_registrable(stack, event["slug"])
        base = stack.url("registrations")
        for n, organization in enumerate(("Comune di Crema", "Comune di Lodi", None, "Crema")):
            answer = httpx.post(
                f"{base}/api/events/{event['slug']}/registrations",
                json={
                    "first_name": f"Persona{n}",
                    "last_name": "Rossi",
                    "email": f"persona{n}@comune-test.it",
                    "organization": organization,
                    "accessibility": ["wheelchair"] if n % 2 else [],
                    "accept_waitlist": True,
                    "privacy_consent": True,
                },
                timeout=30,
            )
            assert answer.status_code == 201, answer.text
        yield base, event["slug"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


def _note_error(message: ConsoleMessage, errors: list[str]) -> None:
    # The browser asks every site for /favicon.ico, which the site does not have (yet): not
    # the dashboard's doing.
    where = message.location.get("url", "")
    if message.type == "error" and not where.endswith("/favicon.ico"):
        errors.append(f"{message.text} ({where})")


def enter(
    browser: Browser,
    base: str,
    path: str,
    *,
    viewport: str,
    javascript: bool = True,
    errors: list[str] | None = None,
    scripts: dict[str, int] | None = None,
) -> Page:
    """A viewer arriving from the console at `path`; the console's errors and the scripts'
    answers noted in `errors` and `scripts` from the first request on."""
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], locale="it-IT", java_script_enabled=javascript
    )
    page = context.new_page()
    if errors is not None:
        page.on("console", lambda message: _note_error(message, errors))
        page.on("pageerror", lambda error: errors.append(str(error)))
    if scripts is not None:
        page.on("response", lambda r: scripts.update({r.url: r.status}))
    handed = make_pass(
        {"org": ORG, "role": "viewer", "actor": "viewer@comune-test.it"},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=10),
    )
    page.goto(f"{base}/organizer/enter?{urlencode({'pass': handed, 'next': path})}")
    return page


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("which", ["event", "organization"])
def test_every_chart_is_drawn_without_console_errors(site, browser, which, viewport):
    base, slug = site
    path = f"/organizer/events/{slug}/dashboard" if which == "event" else "/organizer/dashboard"
    errors: list[str] = []
    scripts: dict[str, int] = {}
    page = enter(browser, base, path, viewport=viewport, errors=errors, scripts=scripts)

    canvases = page.locator("canvas[data-chart]")
    expect(canvases).to_have_count(6)
    for canvas in canvases.all():
        expect(canvas).to_be_visible()
        page.wait_for_function(
            "canvas => window.Chart && Chart.getChart(canvas) !== undefined",
            arg=canvas.element_handle(),
            timeout=10_000,
        )
        assert canvas.evaluate(PAINTED) > 500, canvas.get_attribute("data-chart")
        assert canvas.get_attribute("role") == "img"
        assert canvas.get_attribute("aria-label")
    expect(page.locator("details.chart-data[open]")).to_have_count(0)
    expect(page.locator("table[data-table=status]")).to_be_attached()
    assert scripts[f"{base}/static/charts/chart.umd.min.js"] == 200
    assert errors == [], {url: status for url, status in scripts.items() if status >= 400}
    assert fits_the_screen(page)
    page.context.close()


def test_without_javascript_the_tables_are_the_page(site, browser):
    base, slug = site
    page = enter(
        browser, base, f"/organizer/events/{slug}/dashboard", viewport="phone", javascript=False
    )

    expect(page.locator("canvas[data-chart]").first).to_be_hidden()
    expect(page.locator("details.chart-data[open]")).to_have_count(6)
    status = page.get_by_role("table", name="Iscrizioni per stato")
    expect(status).to_be_visible()
    expect(status.get_by_role("row", name="Confermata 3")).to_be_visible()
    expect(status.get_by_role("row", name="In lista d'attesa 1")).to_be_visible()
    assert fits_the_screen(page)
    page.context.close()
