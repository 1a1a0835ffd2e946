"""axe-core in Debian's Chromium over every public page and the form, in Italian and English,
on a desktop and on a phone: no serious or critical violations.

One system runs for the module, with the demo conferences loaded; one browser visits every
(page, language, viewport), each a test of its own, loading its page once (a form is opened,
then sent, for the pages a form leads to). The pages are tests/support/public_pages.py's
PAGES: a new public page is one line there.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.support.browser import PHONE, chromium
from tests.support.public_pages import LANGUAGES, PAGES, browser_contexts, public_site

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": PHONE}
SERIOUS = ("serious", "critical")
# Bootstrap Italia elements our templates cannot change, left out of axe's run. None today:
# an entry is a CSS selector, with a comment saying which rule it fails and why.
EXCLUDE: list[str] = []


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with public_site(tmp_path_factory.mktemp("accessibility")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium()


@pytest.fixture(scope="module")
def contexts(browser) -> Iterator[dict[tuple[str, str], BrowserContext]]:
    """axe-core is in every page these contexts open."""
    yield from browser_contexts(browser, VIEWPORTS, init_script=AXE)


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
