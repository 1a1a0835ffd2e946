"""The SMTP server says no: 451 for a while, then 550 for one address. Emails are delivered
once it recovers, each exactly once; the 550 fails that delivery only, visibly, and an
operator can retry it by hand."""

import email
import email.policy
import html
import re
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from devstack.ports import free_port
from devstack.stack import Stack
from devstack.waiting import wait_until
from shared.settings import DEVELOPMENT_SECRET
from tests.support.html import html_problems
from tests.support.mail import recipients
from tests.support.people import Person, people
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.e2e

OPS = {"Authorization": f"Bearer {DEVELOPMENT_SECRET}"}
UNKNOWN = Person("Paolo", "Nessuno", "paolo.nessuno@comune-test.it")
GONE = Person("Elena", "Partita", "elena.partita@comune-test.it")


class Refusing:
    """aiosmtpd answers: 451 to every message while `busy`, 550 at RCPT to the `unknown`
    address, else the message is kept (parsed) in `messages`."""

    def __init__(self) -> None:
        self.busy = False
        self.unknown = ""
        self.refused: set[str] = set()  # every address ever answered 550
        self.messages: list[EmailMessage] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address == self.unknown:
            self.refused.add(address)
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.busy:
            return "451 4.3.0 Try again later"
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def received(self, count: int) -> list[EmailMessage]:
        """At least `count` messages (waited for), as a copy."""
        return wait_until(
            lambda: len(self.messages) >= count and list(self.messages),
            timeout=60,
            what=f"{count} emails at the test SMTP server",
        )


@pytest.fixture(scope="module")
def smtp() -> Iterator[Refusing]:
    handler = Refusing()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port  # type: ignore[attr-defined]
    yield handler
    controller.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, smtp) -> Iterator[Stack]:
    env = {
        "SMTP_PORT": str(smtp.port),  # type: ignore[attr-defined]
        "RETRY_SCHEDULE_SECONDS": "[1, 1, 2]",
        "RATE_LIMIT_PER_MINUTE": "0",
    }
    with running_stack(tmp_path_factory.mktemp("stack"), env=env) as running:
        yield running


@pytest.fixture(scope="module")
def slug(stack) -> str:
    event = publish(stack, conference())
    wait_until_registrable(stack, event["slug"])
    return str(event["slug"])


@pytest.fixture
def refusing(smtp) -> Refusing:
    smtp.busy, smtp.unknown = False, ""
    smtp.messages.clear()
    return smtp


def register(stack: Stack, slug: str, person: Person) -> int:
    url = f"{stack.url('registrations')}/api/events/{slug}/registrations"
    return httpx.post(url, json=person.json(), timeout=30).status_code


def deliveries(stack: Stack, **params: str) -> list[dict[str, Any]]:
    url = f"{stack.url('notifications')}/api/deliveries"
    answer = httpx.get(url, params=params, headers=OPS, timeout=10)
    answer.raise_for_status()
    return list(answer.json())


def deliveries_to(stack: Stack, addresses: list[str]) -> list[dict[str, Any]]:
    return [d for d in deliveries(stack) if d["recipient_email"] in addresses]


def when_all(stack: Stack, addresses: list[str], test, what: str) -> list[dict[str, Any]]:
    """The deliveries to `addresses` once there is one for each and all pass `test`."""
    return wait_until(
        lambda: (
            (found := deliveries_to(stack, addresses))
            and len(found) == len(addresses)
            and all(test(d) for d in found)
            and found
        ),
        timeout=60,
        what=what,
    )


def button(page: str, delivery_id: int) -> tuple[str, str]:
    """Where the row's retry form posts, and the CSRF value it carries."""
    row = page.split(f'id="delivery-{delivery_id}"', 1)[1].split("</tr>", 1)[0]
    [action] = re.findall(r'<form method="post" action="([^"]+)"', row)
    [csrf] = re.findall(r'name="csrf_token" value="([^"]+)"', row)
    return html.unescape(action), csrf


def test_smtp_refusing_with_451_for_a_while_delivers_each_email_once_it_recovers(
    stack, slug, refusing
):
    waiting, sentinel = people(5, tag="busy"), people(1, tag="sentinel")[0]
    addresses = [person.email for person in waiting]
    refusing.busy = True

    answers = [register(stack, slug, person) for person in waiting]
    retried = when_all(
        stack,
        addresses,
        lambda d: d["status"] == "retrying" and d["attempts"] >= 2,
        "five deliveries retrying after two refusals",
    )
    refusing.busy = False
    first = refusing.received(5)
    register(stack, slug, sentinel)  # once it arrives, nothing else is on its way
    messages = refusing.received(6)

    assert answers == [201] * 5
    assert all(d["last_error"].startswith("451 ") for d in retried)
    assert recipients(first) == sorted(addresses)
    assert recipients(messages) == sorted([*addresses, sentinel.email])
    assert len({m["Message-ID"] for m in messages}) == 6
    sent = deliveries_to(stack, [*addresses, sentinel.email])
    assert [d["status"] for d in sent] == ["sent"] * 6


def test_smtp_refusing_one_address_with_550_fails_that_delivery_only_even_when_retried(
    stack, slug, refusing
):
    [other] = people(1, tag="neighbour")
    refusing.unknown = UNKNOWN.email

    answers = [register(stack, slug, UNKNOWN), register(stack, slug, other)]
    [failed] = when_all(stack, [UNKNOWN.email], lambda d: d["status"] == "failed", "550 failed")
    [delivered] = refusing.received(1)
    retry = httpx.post(
        f"{stack.url('notifications')}/api/deliveries/{failed['id']}/retry", headers=OPS
    )
    [again] = when_all(
        stack,
        [UNKNOWN.email],
        lambda d: d["status"] == "failed" and d["attempts"] == 2,
        "the retried delivery failed again",
    )

    assert answers == [201, 201]
    assert failed["attempts"] == 1
    assert failed["last_error"].startswith("550 5.1.1 No such user")
    assert recipients([delivered]) == [other.email]
    assert {d["recipient_email"] for d in deliveries(stack, status="failed")} <= refusing.refused
    assert deliveries_to(stack, [other.email])[0]["status"] == "sent"
    assert retry.status_code == 200, retry.text
    assert (retry.json()["status"], retry.json()["attempts"]) == ("queued", 1)
    assert retry.json()["last_error"] == failed["last_error"]
    assert again["last_error"].startswith("550 ")


def test_deliveries_page_shows_the_failure_and_its_button_retries_it(stack, slug, refusing):
    url = stack.url("notifications")
    refusing.unknown = GONE.email
    register(stack, slug, GONE)
    [failed] = when_all(stack, [GONE.email], lambda d: d["status"] == "failed", "550 failed")

    with httpx.Client(base_url=url, timeout=10, follow_redirects=True) as browser:
        refused = browser.get("/deliveries")
        browser.get("/deliveries/login", params={"token": DEVELOPMENT_SECRET, "lang": "en"})
        page = browser.get("/deliveries", params={"lang": "en", "status": "failed"})
        action, csrf = button(page.text, failed["id"])
        forged = browser.post(action, data={"csrf_token": "forged"})
        clicked = browser.post(action, data={"csrf_token": csrf})
    [again] = when_all(
        stack,
        [GONE.email],
        lambda d: d["status"] == "failed" and d["attempts"] > failed["attempts"],
        "the delivery retried from the page failed again",
    )

    assert refused.status_code == 401
    assert page.status_code == 200
    assert html_problems(page.text) == []
    row = page.text.split(f'id="delivery-{failed["id"]}"', 1)[1].split("</tr>", 1)[0]
    assert GONE.email in row
    assert ">failed<" in row
    assert "550 5.1.1 No such user" in row
    assert action == f"/deliveries/{failed['id']}/retry?lang=en"
    assert forged.status_code == 403
    assert clicked.status_code == 200  # followed the 303 back to the page
    assert f"Delivery {failed['id']} queued" in clicked.text
    assert again["last_error"].startswith("550 ")
