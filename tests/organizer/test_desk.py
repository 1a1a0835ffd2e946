"""The registrations of an event inside the console, on one origin (the proxy): the console hands
over without a second login; the page names the organization, leads back to the console, counts
the seats; a person registered by hand on the phone gets what anyone registering gets."""

import html
import re
import sqlite3
import uuid
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import pytest

from devstack.demo import move_to_next_occurrence
from devstack.mailsink.store import read_messages
from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.console.browserless import (
    PASSWORD,
    Member,
    Organization,
    form_on,
    new_member,
)
from tests.organizer.conftest import wait_for_token
from tests.support.mail import calendar_part, invite
from tests.support.system import (
    ADMIN_HEADERS,
    conference,
    organizer_headers,
    publish,
    wait_until_registrable,
)

pytestmark = pytest.mark.e2e

LUNCH = {
    "kind": "single",
    "label_it": "Ti fermi al buffet?",
    "label_en": "Staying for the buffet?",
    "required": True,
    "options": [
        {"value": "yes", "it": "Sì", "en": "Yes"},
        {"value": "no", "it": "No", "en": "No"},
    ],
}


def seats(page: str) -> dict[str, str]:
    """The seat figures at the top of the page, by their label."""
    block = page.split('id="seats"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt[^>]*>([^<]+)</dt>\s*<dd[^>]*><strong>([^<]+)</strong>", block)
    return {html.unescape(label): figure for label, figure in pairs}


def mails_to(stack: Stack, address: str) -> list[EmailMessage]:
    """The messages the sink caught for `address`, once there is one."""

    def caught() -> list[EmailMessage]:
        return [
            m for m in read_messages(stack.maildir) if m["To"].addresses[0].addr_spec == address
        ]

    return wait_until(caught, timeout=90, what=f"a message to {address}")


class Desk:
    """An organization's editor at one published conference, in a browser on the one origin."""

    def __init__(self, stack: Stack, organization: Organization, event: dict[str, Any]) -> None:
        self.stack, self.organization, self.event = stack, organization, event
        self.slug, self.headers = event["slug"], organizer_headers(stack, organization.slug)
        self.browser = httpx.Client(base_url=stack.origin, timeout=30)

    @property
    def page(self) -> str:
        return f"/organizer/events/{self.slug}"

    def log_in(self, member: Member) -> httpx.Response:
        login = {"email": member.email, "password": PASSWORD}
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


@pytest.fixture
def desk(stack) -> Desk:
    """A new organization with a name of its own, its editor logged into the console, and a
    published conference of it that registrations knows."""
    organization = named_organization(stack)
    editor = new_member(stack, organization, "editor")
    payload = move_to_next_occurrence(conference(capacity=3), date.today() + timedelta(days=7))
    event = publish(stack, payload, organization.slug)
    wait_until_registrable(stack, event["slug"])
    opened = Desk(stack, organization, event)
    wait_for_token(stack, event["slug"], opened.headers, 200)
    opened.editor = editor  # type: ignore[attr-defined]
    assert opened.log_in(editor).status_code == 303
    return opened


def test_console_hands_over_on_the_same_origin_and_the_page_leads_back(desk):
    console_event = desk.console_event

    handed = desk.browser.get(f"{console_event}/registrations")
    entered = desk.browser.get(handed.headers["location"])
    page = desk.browser.get(entered.headers["location"])

    assert handed.status_code == 303
    assert handed.headers["location"].startswith("/organizer/enter?pass=")
    assert entered.headers["location"] == desk.page
    assert page.status_code == 200
    assert f"<strong>{desk.organization.name}</strong>" in page.text
    assert desk.organization.slug not in re.sub(r'href="[^"]*"', "", page.text)
    assert f'<a class="nav-link ps-0 pe-3" href="{console_event}">Torna alla console</a>' in (
        page.text
    )
    assert f'<a href="/console/{desk.organization.slug}/events">{desk.organization.name}</a>' in (
        page.text
    )


def test_a_person_added_by_hand_is_confirmed_and_gets_the_confirmation_with_the_invite(desk):
    [question] = desk.form(settings={"double_opt_in": True}, questions=[LUNCH])["questions"]
    desk.enter()
    email = f"telefono-{uuid.uuid4().hex[:8]}@comune-test.it"

    answer = desk.add(
        first_name="Giovanna",
        last_name="Telefono",
        email=email,
        privacy_consent="on",
        **{f"q{question['id']}": "yes"},
    )
    [message] = mails_to(desk.stack, email)
    [row] = desk.rows(
        "SELECT r.status, r.added_by, r.privacy_notice_version, a.value FROM registration r "
        "JOIN answer a ON a.registration_id = r.id WHERE r.email = ?",
        email,
    )
    [vevent] = invite(message).walk("VEVENT")

    assert answer.status_code == 200, answer.text
    assert f"Iscrizione confermata: abbiamo scritto a {email}." in answer.text
    assert row[:2] == ("confirmed", desk.editor.email)
    assert row[2] != "" and row[3] == "yes"
    assert calendar_part(message).get_param("method") == "REQUEST"
    assert str(invite(message)["METHOD"]) == "REQUEST"
    assert str(vevent["ATTENDEE"]).lower() == f"mailto:{email}"


def test_adding_without_the_privacy_notice_told_stores_nothing(desk):
    email = f"senza-{uuid.uuid4().hex[:8]}@comune-test.it"
    desk.enter()

    answer = desk.add(first_name="Piero", last_name="Senza", email=email)

    assert answer.status_code == 422
    assert "Ho letto o riassunto l&#39;informativa" in answer.text
    assert desk.rows("SELECT id FROM registration WHERE email = ?", email) == []


def test_seat_figures_equal_the_rows_and_the_list_filters(desk):
    desk.form(settings={"double_opt_in": True})
    desk.enter()
    for name in ("Anna", "Bruno"):
        desk.register(name)  # pending: they hold a seat until they confirm the address
    email = f"carla-{uuid.uuid4().hex[:6]}@comune-test.it"
    added = desk.add(first_name="Carla", last_name="Verdi", email=email, privacy_consent="on")
    desk.register("Dario")  # the room (3) is full: the waitlist

    page = desk.browser.get(desk.page)
    waiting = desk.browser.get(desk.page, params={"status": "waitlisted"})
    english = desk.browser.get(desk.page, params={"lang": "en"})
    seated = desk.rows(
        "SELECT count(*) FROM registration WHERE event_id = ? AND status IN "
        "('confirmed', 'pending', 'offered') AND mode = 'in_person'",
        desk.event["id"],
    )[0][0]
    by_status = dict(
        desk.rows(
            "SELECT status, count(*) FROM registration WHERE event_id = ? GROUP BY status",
            desk.event["id"],
        )
    )

    assert added.status_code == 200, added.text
    assert (seated, by_status) == (3, {"pending": 2, "confirmed": 1, "waitlisted": 1})
    assert seats(page.text) == {
        "In sala": f"{seated}/3",
        "Lista d'attesa": str(by_status["waitlisted"]),
        "In attesa di conferma": str(by_status["pending"]),
    }
    assert "aggiunta a mano" in page.text
    assert "Dario Rossi" in waiting.text and "Anna Rossi" not in waiting.text
    assert "Registered" in english.text and "Back to the console" in english.text


def test_a_viewer_cannot_add_a_person(stack, desk):
    viewer = new_member(stack, desk.organization, "viewer")
    other = Desk(stack, desk.organization, desk.event)
    other.log_in(viewer)
    other.enter()

    answer = other.browser.get(f"{other.page}/add")
    page = other.browser.get(other.page)

    assert answer.status_code == 403
    assert "Aggiungi una persona" not in page.text
