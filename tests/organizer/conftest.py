"""The organizer tests share one running system; each test publishes its own conference."""

import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from devstack.demo import move_to_next_occurrence
from devstack.stack import Stack
from devstack.waiting import wait_until
from services.registrations.domain.links import ticket_payload
from shared.auth import make_pass
from shared.settings import DEVELOPMENT_SECRET
from tests.console.browserless import new_member
from tests.organizer.desk import Desk, named_organization
from tests.support.system import (
    ADMIN_HEADERS,
    conference,
    organizer_headers,
    publish,
    running_stack,
    wait_until_registrable,
)

ORG, OTHER = "area-omogenea-cremasca", "anci-lombardia"


@pytest.fixture(scope="package")
def stack(tmp_path_factory) -> Iterator[Stack]:
    # One origin, as behind the production proxy: the console hands over to these pages
    # on the same site, and links in emails lead to the proxy.
    with running_stack(
        tmp_path_factory.mktemp("organizer"), env={"RATE_LIMIT_PER_MINUTE": "0"}, one_origin=True
    ) as running:
        yield running


def wait_for_token(stack: Stack, slug: str, headers: dict[str, str], answer: int) -> None:
    """A token's hash reaches registrations over the bus: wait until it is recognised."""
    url = f"{stack.url('registrations')}/api/organizer/events/{slug}/summary"
    wait_until(
        lambda: httpx.get(url, headers=headers).status_code == answer,
        timeout=60,
        what=f"the token answering {answer} on {slug}",
    )


def viewer_headers(stack: Stack) -> dict[str, str]:
    """A new viewer token of ORG (door staff)."""
    with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS) as admin:
        made = admin.post(
            f"/api/admin/organizations/{ORG}/tokens", json={"name": "door", "role": "viewer"}
        )
        assert made.status_code == 201, made.text
        return {"Authorization": f"Bearer {made.json()['token']}"}


@dataclass
class Conference:
    """A published conference of ORG, with a client of the registrations service."""

    stack: Stack
    slug: str
    id: str
    client: httpx.Client
    staff: dict[str, str]

    @property
    def api(self) -> str:
        return f"/api/organizer/events/{self.slug}"

    @property
    def page(self) -> str:
        return f"/organizer/events/{self.slug}"

    def register(self, first_name: str = "Maria", **fields: Any) -> dict[str, Any]:
        body = {
            "first_name": first_name,
            "last_name": "Rossi",
            "email": f"{uuid.uuid4().hex[:10]}@comune-test.it",
            "organization": "Comune di Crema",
            "privacy_consent": True,
            **fields,
        }
        answer = self.client.post(f"/api/events/{self.slug}/registrations", json=body)
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    def registration(self, registration_id: str) -> dict[str, Any]:
        answer = self.client.get(f"{self.api}/registrations/{registration_id}", headers=self.staff)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def summary(self) -> dict[str, Any]:
        return dict(self.client.get(f"{self.api}/summary", headers=self.staff).json())

    def ticket(self, registration_id: str) -> str:
        """What the person's QR code holds, made as the ticket page makes it."""
        database = self.stack.config.var_dir / "registrations.db"
        with sqlite3.connect(database) as connection:
            query = "SELECT ticket_code FROM registration WHERE id = ?"
            (code,) = connection.execute(query, (registration_id,)).fetchone()
        return ticket_payload(registration_id, code, secret=DEVELOPMENT_SECRET)

    def browser(self) -> httpx.Client:
        """A client of its own, so a cookie it gets stays with it."""
        return httpx.Client(base_url=self.stack.url("registrations"), timeout=30)

    def enter(self, role: str = "editor") -> httpx.Client:
        """A browser-like client that came from the console with a pass; it keeps the cookie."""
        browser = self.browser()
        handed = make_pass(
            {"org": ORG, "role": role, "actor": "tester@comune-test.it"},
            key=DEVELOPMENT_SECRET,
            expires_at=datetime.now(UTC) + timedelta(minutes=5),
        )
        entered = browser.get("/organizer/enter", params={"pass": handed, "next": self.page})
        assert entered.status_code == 303, entered.text
        return browser


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "no CSRF field on the page"
    return found.group(1)


@pytest.fixture(scope="package")
def client(stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.url("registrations"), timeout=30) as opened:
        yield opened


@pytest.fixture(scope="package")
def published(stack, client) -> Callable[..., Conference]:
    """Publishes a conference of ORG with `changes` (at least a week off, so a freed seat is
    offered rather than given), once registrations knows it and ORG's token."""

    def publish_one(**changes: Any) -> Conference:
        payload = move_to_next_occurrence(conference(**changes), date.today() + timedelta(days=7))
        event = publish(stack, payload, ORG)
        wait_until_registrable(stack, event["slug"])
        headers = organizer_headers(stack, ORG)
        wait_for_token(stack, event["slug"], headers, 200)
        return Conference(stack, event["slug"], event["id"], client, headers)

    return publish_one


@pytest.fixture
def desk(stack) -> Desk:
    """A new organization with a name of its own, its editor logged into the console, and a
    published conference of it that registrations knows."""
    organization = named_organization(stack)
    editor = new_member(stack, organization, "editor")
    payload = move_to_next_occurrence(conference(capacity=3), date.today() + timedelta(days=7))
    event = publish(stack, payload, organization.slug)
    wait_until_registrable(stack, event["slug"])
    opened = Desk(stack, organization, event, editor)
    wait_for_token(stack, event["slug"], opened.headers, 200)
    assert opened.log_in().status_code == 303
    return opened
