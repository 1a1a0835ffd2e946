"""An organizer's desk at one event on the one origin (the proxy): a named organization, its
editor logged into the console, a published conference; and how to read what they see."""

import html
import re
import sqlite3
import uuid
from email.message import EmailMessage
from typing import Any

import httpx

from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.console.browserless import PASSWORD, Member, Organization, form_on
from tests.support.system import ADMIN_HEADERS, organizer_headers


def seats(page: str) -> dict[str, str]:
    """The seat figures at the top of the page, by their label."""
    block = page.split('id="seats"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt[^>]*>([^<]+)</dt>\s*<dd[^>]*><strong>([^<]+)</strong>", block)
    return {html.unescape(label): figure for label, figure in pairs}


def crumbs(page: str) -> list[tuple[str, str | None]]:
    """The breadcrumbs: (label, address), the current page without one."""
    trail = page.split('<ol class="breadcrumb">', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r'<li class="breadcrumb-item[^"]*"[^>]*>(.*?)</li>', trail, re.DOTALL)
    found = [re.match(r'<a href="([^"]*)">([^<]*)</a>', item) for item in items]
    return [
        (html.unescape(link.group(2)), link.group(1)) if link else (html.unescape(item), None)
        for item, link in zip(items, found, strict=True)
    ]


def mails_to(stack: Stack, address: str) -> list[EmailMessage]:
    """The messages the sink caught for `address`, once there is one."""

    def caught() -> list[EmailMessage]:
        return [
            m for m in read_messages(stack.maildir) if m["To"].addresses[0].addr_spec == address
        ]

    return wait_until(caught, timeout=90, what=f"a message to {address}")


class Desk:
    """An organization's editor at one published conference, in a browser on the one origin."""

    def __init__(
        self, stack: Stack, organization: Organization, event: dict[str, Any], member: Member
    ) -> None:
        self.stack, self.organization, self.event = stack, organization, event
        self.member = member
        self.slug, self.headers = event["slug"], organizer_headers(stack, organization.slug)
        self.browser = httpx.Client(base_url=stack.origin, timeout=30)

    @property
    def page(self) -> str:
        return f"/organizer/events/{self.slug}"

    def log_in(self) -> httpx.Response:
        login = {"email": self.member.email, "password": PASSWORD}
        return self.browser.post("/console/login", data=login)

    @property
    def console_event(self) -> str:
        return f"/console/{self.organization.slug}/events/{self.event['id']}"

    def enter(self) -> httpx.Response:
        """From the console's event page on to its registrations (through the pass)."""
        return self.browser.get(f"{self.console_event}/registrations", follow_redirects=True)

    def form(self, **shape: Any) -> dict[str, Any]:
        """The event's form settings and questions, saved through the organizer API."""
        url = f"/api/organizer/events/{self.slug}/form"
        saved = self.browser.put(url, json=shape, headers=self.headers)
        assert saved.status_code == 200, saved.text
        return dict(saved.json())

    def register(self, first_name: str) -> None:
        """A citizen registering through the public API."""
        body = {"first_name": first_name, "last_name": "Rossi", "privacy_consent": True,
                "email": f"{uuid.uuid4().hex[:10]}@comune-test.it"}  # fmt: skip
        url = f"/api/events/{self.slug}/registrations"
        answer = httpx.post(self.stack.origin + url, json={**body, "answers": {}}, timeout=30)
        assert answer.status_code == 201, answer.text

    def add(self, **fields: str) -> httpx.Response:
        """Fill in the "add a person" form as its page shows it, and send it."""
        page = self.browser.get(f"{self.page}/add")
        assert page.status_code == 200, page.text
        shown = form_on(page.text, f"{self.page}/add#error-summary")
        return self.browser.post(f"{self.page}/add", data={**shown, **fields})

    def rows(self, query: str, *params: object) -> list[tuple[Any, ...]]:
        """Rows of the registrations service's own database."""
        with sqlite3.connect(self.stack.config.var_dir / "registrations.db") as connection:
            return list(connection.execute(query, params).fetchall())


def named_organization(stack: Stack) -> Organization:
    """An organization whose name is not its address."""
    tag = uuid.uuid4().hex[:8]
    made = Organization(slug=f"unione-{tag}", name=f"Unione dei Comuni Cremaschi {tag.upper()}")
    with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS, timeout=30) as admin:
        answer = admin.post("/api/admin/organizations", json=made.__dict__)
    assert answer.status_code == 201, answer.text
    return made
