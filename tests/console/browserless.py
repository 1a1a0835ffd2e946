"""Driving the console as a browser without JavaScript would: log in, read a page's forms,
submit them with the values the page shows (CSRF field included)."""

import re
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import httpx

from devstack.stack import Stack
from tests.support.system import ADMIN_HEADERS

PASSWORD = "una-password-lunga-abbastanza"


@dataclass(frozen=True)
class Organization:
    slug: str
    name: str


@dataclass(frozen=True)
class Member:
    email: str
    role: str
    organization: Organization


def new_organization(stack: Stack, tag: str) -> Organization:
    """An organization with a unique address, made by the platform operator."""
    slug = f"{tag}-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS, timeout=30) as admin:
        answer = admin.post("/api/admin/organizations", json={"slug": slug, "name": f"Ente {slug}"})
    assert answer.status_code == 201, answer.text
    return Organization(slug=slug, name=f"Ente {slug}")


def new_member(stack: Stack, organization: Organization, role: str = "editor") -> Member:
    """A person with `role` in `organization`, with a new account."""
    email = f"{role}-{uuid.uuid4().hex[:8]}@comune.example.it"
    body = {"email": email, "name": f"Persona {role}", "password": PASSWORD, "role": role}
    with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS, timeout=30) as admin:
        answer = admin.post(f"/api/admin/organizations/{organization.slug}/members", json=body)
    assert answer.status_code == 201, answer.text
    return Member(email=email, role=role, organization=organization)


class _Forms(HTMLParser):
    """Every <form> of a page: its action and the values a browser would send."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": {}})
        elif self.forms and tag == "input" and "name" in a:
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif self.forms and tag == "select":
            self._select = a.get("name")
            self.forms[-1]["fields"].setdefault(self._select, None)
        elif self._select and tag == "option":
            fields = self.forms[-1]["fields"]
            if fields[self._select] is None or "selected" in a:
                fields[self._select] = a.get("value", "")
        elif self.forms and tag == "textarea":
            self._textarea = a.get("name")
            self.forms[-1]["fields"][self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data


def form_on(page: str, action: str) -> dict[str, str]:
    """The fields of the form posting to `action` (its path, query aside)."""
    parser = _Forms()
    parser.feed(page)
    for form in parser.forms:
        if form["action"].split("?")[0] == action:
            return {name: value or "" for name, value in form["fields"].items()}
    raise AssertionError(f"no form posting to {action} on the page")


def csrf_on(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF field on the page"
    return found.group(1)


class Console:
    """One browser: a cookie jar and the console's pages, redirects not followed."""

    def __init__(self, stack: Stack) -> None:
        self.http = httpx.Client(base_url=stack.url("events"), timeout=30)

    def close(self) -> None:
        self.http.close()

    def log_in(self, member: Member, password: str = PASSWORD) -> httpx.Response:
        return self.http.post("/console/login", data={"email": member.email, "password": password})

    def get(self, path: str) -> httpx.Response:
        return self.http.get(path)

    def post(self, path: str, data: dict[str, str]) -> httpx.Response:
        return self.http.post(path, data=data)

    def csrf(self) -> str:
        """This session's CSRF value, as any logged-in page carries it."""
        page = self.http.get("/console/", follow_redirects=True)
        return csrf_on(page.text)

    def submit(self, page_path: str, action: str, **changes: str) -> httpx.Response:
        """Open the page, fill in `changes` over what its form shows, and send it."""
        page = self.http.get(page_path)
        assert page.status_code == 200, (page_path, page.status_code)
        return self.http.post(action, data={**form_on(page.text, action), **changes})
