"""axe-core over the organizers' registration settings, form builder and preview pages,
the registrations list with its answers (issue 14), the privacy notice editors and the page
of attendance and certificates with its settings (issue 16), in Italian and English, on a
desktop and on a phone: no serious or critical violations. One system with one conference
whose form has questions with help texts and a cancellation policy, and a person who
answered them; each browser context enters with the console's signed pass."""

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from devstack.stack import Stack
from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.accessibility.test_axe import AXE, VIEWPORTS, axe_violations, described
from tests.forms.organizer import define_form
from tests.support.browser import chromium
from tests.support.public_pages import LANGUAGES, browser_contexts, register
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.browser

ORG = "area-omogenea-cremasca"
QUESTIONS = [
    {"kind": "short_text", "label_it": "Comune", "label_en": "Town",
     "help_it": "Dove lavori", "help_en": "Where you work", "required": True},
    {"kind": "single", "label_it": "Pranzo", "label_en": "Lunch", "help_it": "Al buffet",
     "help_en": "At the buffet", "options": [{"value": "si", "it": "Sì", "en": "Yes"},
                                             {"value": "no", "it": "No", "en": "No"}]},
]  # fmt: skip
POLICY = {"cancellation_policy_it": "Disdici entro due giorni.",
          "cancellation_policy_en": "Cancel two days ahead."}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[Stack, str]]:
    with running_stack(tmp_path_factory.mktemp("axe-organizer")) as stack:
        event = publish(stack, conference(), ORG)
        wait_until_registrable(stack, event["slug"])
        saved = define_form(stack, event["slug"], settings=POLICY, questions=QUESTIONS)
        town, lunch = (str(question["id"]) for question in saved["questions"])
        register(stack, event["slug"], "answers", answers={town: "Crema", lunch: "si"})
        yield stack, event["slug"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


@pytest.fixture(scope="module")
def contexts(site, browser) -> Iterator[dict[tuple[str, str], BrowserContext]]:
    """Contexts with axe-core in every page, each holding the organizer's cookie."""
    stack, slug = site
    made = browser_contexts(browser, VIEWPORTS, init_script=AXE)
    opened = next(made)
    for context in opened.values():
        page = context.new_page()
        page.goto(_enter(stack, f"/organizer/events/{slug}/form"))
        page.close()
    yield opened
    next(made, None)


def _enter(stack: Stack, target: str) -> str:
    handed = make_pass(
        {"org": ORG, "role": "editor", "actor": "clerk@comune-test.it"},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )
    query = urlencode({"pass": handed, "next": target})
    return f"{stack.url('registrations')}/organizer/enter?{query}"


def _opens(path: str) -> Callable[[Page, Stack, str, str], None]:
    def visit(page: Page, stack: Stack, slug: str, lang: str) -> None:
        url = f"{stack.url('registrations')}/organizer/events/{slug}{path}"
        answer = page.goto(url + ("&" if "?" in url else "?") + f"lang={lang}")
        assert answer is not None and answer.status == 200, answer and answer.status

    return visit


def _organization_privacy(page: Page, stack: Stack, slug: str, lang: str) -> None:
    answer = page.goto(f"{stack.url('registrations')}/organizer/privacy?lang={lang}")
    assert answer is not None and answer.status == 200, answer and answer.status


def _settings_with_errors(page: Page, stack: Stack, slug: str, lang: str) -> None:
    _opens("/settings")(page, stack, slug, lang)
    page.locator("#retention_days").fill("0")
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()


def _removal(page: Page, stack: Stack, slug: str, lang: str) -> None:
    _opens("/form")(page, stack, slug, lang)
    with page.expect_navigation():
        page.locator("a.btn-outline-danger").first.click()
    expect(page.locator("h2").first).to_be_visible()


def _question_with_errors(page: Page, stack: Stack, slug: str, lang: str) -> None:
    _opens("/form/new?kind=single")(page, stack, slug, lang)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()


def _certificate_settings_with_errors(page: Page, stack: Stack, slug: str, lang: str) -> None:
    _opens("/certificates")(page, stack, slug, lang)
    page.locator("#minimum_percent").fill("30")
    with page.expect_navigation():
        page.locator("form[action*='/certificates/settings'] button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()


def _certificate_image_refused(page: Page, stack: Stack, slug: str, lang: str) -> None:
    _opens("/certificates")(page, stack, slug, lang)
    not_an_image = {"name": "logo.png", "mimeType": "image/png", "buffer": b"not an image"}
    page.locator("#image-logo").set_input_files(not_an_image)
    with page.expect_navigation():
        page.locator("form[action*='/certificates/images'] button[type=submit]").first.click()
    expect(page.locator("#image-error")).to_be_visible()


PAGES: dict[str, Callable[[Page, Stack, str, str], None]] = {
    "settings": _opens("/settings"),
    "settings-errors": _settings_with_errors,
    "builder": _opens("/form"),
    "question-new": _opens("/form/new?kind=multiple"),
    "question-errors": _question_with_errors,
    "question-remove": _removal,
    "preview": _opens("/form/preview"),
    "registrations": _opens(""),
    "privacy-editor-event": _opens("/privacy"),
    "privacy-editor-organization": _organization_privacy,
    "certificates": _opens("/certificates"),
    "certificates-errors": _certificate_settings_with_errors,
    "certificates-image-refused": _certificate_image_refused,
}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_organizer_pages_have_no_serious_or_critical_violations(
    site, contexts, name, lang, viewport
):
    stack, slug = site
    page = contexts[(lang, viewport)].new_page()
    try:
        PAGES[name](page, stack, slug, lang)
        assert page.evaluate("document.documentElement.lang") == lang
        violations = axe_violations(page)
    finally:
        page.close()

    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{name} ({lang}, {viewport}):\n{described(serious)}"
