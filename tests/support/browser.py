"""Debian's Chromium driven by Playwright, as the browser tests use it."""

import shutil
from collections.abc import Iterator

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's services from a closed network.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}


def chromium() -> Iterator[Browser]:
    """A headless Chromium for a module's tests (use as a generator fixture)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def phone_page(browser: Browser) -> Iterator[Page]:
    """A fresh phone-sized page in Italian (use as a generator fixture)."""
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    yield context.new_page()
    context.close()


def fits_the_screen(page: Page) -> bool:
    """No sideways scrolling: the page is as wide as the screen."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
