"""The form as a person's browser uses it: one cookie jar, the CSRF field sent back, and the
fields a page holds read the way a browser would submit them."""

import re
from html.parser import HTMLParser
from typing import Any

import httpx

from tests.support.html import html_problems
from tests.support.system import register_url

DUPLICATE = re.compile(r'form-dup-name \(line \d+\): Duplicate form control name "(.+)"')


class _Fields(HTMLParser):
    """The name/value pairs a page's form would submit (buttons aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: value or "" for name, value in attrs}
        kind = given.get("type", "text")
        if tag == "textarea" and given.get("name"):
            self._textarea = [given["name"], ""]
        elif tag == "input" and given.get("name") and kind not in ("submit", "button"):
            if kind not in ("checkbox", "radio") or "checked" in given:
                self.fields.append((given["name"], given.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea[0], self._textarea[1]))
            self._textarea = None


def fields_of(page: str) -> list[tuple[str, str]]:
    parser = _Fields()
    parser.feed(page)
    return parser.fields


def as_data(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


class Visitor:
    """One person at the form: opens it (getting the cookie), then posts with its token."""

    def __init__(self, stack: Any, slug: str, *, lang: str | None = None) -> None:
        self.url = register_url(stack, slug) + (f"?lang={lang}" if lang else "")
        self.client = httpx.Client(timeout=30)
        self.token = ""

    def open(self) -> httpx.Response:
        """Open the form: the cookie is kept, the page's token remembered."""
        page = self.client.get(self.url)
        self.token = dict(fields_of(page.text)).get("csrf_token", self.token)
        return page

    def send(self, fields: dict[str, Any]) -> httpx.Response:
        """Open the form, then post `fields` with the token the page gave."""
        self.open()
        return self.post(fields)

    def post(self, fields: dict[str, Any]) -> httpx.Response:
        """Post `fields` with the token of the form opened last."""
        return self.client.post(self.url, data={**fields, "csrf_token": self.token})

    def choose(self, page: httpx.Response, choice: dict[str, str]) -> httpx.Response:
        """Post a page's form back as it is, plus the button pressed."""
        return self.client.post(self.url, data={**as_data(fields_of(page.text)), **choice})

    def close(self) -> None:
        self.client.close()


def person(tag: str) -> dict[str, str]:
    """The fields a person types, with an address nobody else uses."""
    return {
        "first_name": "Giulia",
        "last_name": "Ferrari",
        "email": f"{tag}@comune-test.it",
        "organization": "Comune di Crema",
        "privacy_consent": "on",
    }


def markup_problems(page: str, lists: tuple[str, ...] = ()) -> list[str]:
    """html-validate's findings, less "duplicate name" on the names that carry a list (a
    checkbox group, or the hidden fields keeping its values): HTML lets controls share a name
    for that, but html-validate's preset allows it only for radios or names ending in []."""
    return [
        problem
        for problem in html_problems(page)
        if not ((found := DUPLICATE.match(problem)) and found.group(1) in lists)
    ]
