"""Markup typed into any field stays text in pages, emails and exports; a line break cannot
start a new email header or iCalendar property."""

import csv
import html
import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from icalendar import Calendar

from services.registrations.domain.links import Link, make_token
from shared.auth import make_pass
from shared.contracts import EventSnapshotV1
from shared.ical import build_vevent, serialize_calendar
from shared.settings import DEVELOPMENT_SECRET
from tests.hostile.conftest import ORG
from tests.support.mail import wait_for_mails
from tests.support.system import conference, publish, wait_until_registrable

pytestmark = pytest.mark.e2e

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
HEADER = "\r\nBcc: x@example.org"
PROPERTY = "\r\nATTENDEE:mailto:evil@example.org"


@pytest.fixture(scope="module")
def marked(world, witness):
    """A person whose name and organization are markup, registered to the conference."""
    email = f"{uuid.uuid4().hex[:10]}@comune-test.it"
    body = {
        "first_name": SCRIPT,
        "last_name": "Rossi",
        "email": email,
        "organization": IMAGE,
        "privacy_consent": True,
    }
    with witness.client(world.url("registrations")) as api:
        answer = api.post(f"/api/events/{world.slug}/registrations", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"], email


def shown_as_text(page: str) -> bool:
    """Both markups are in the page, escaped, and neither is there as markup."""
    return (
        SCRIPT not in page
        and IMAGE not in page
        and html.escape(SCRIPT, quote=False) in page
        and html.escape(IMAGE, quote=False) in page
    )


@contextmanager
def staff(world, witness) -> Iterator[httpx.Client]:
    """A viewer's browser on the organizer pages, come from the console with a pass."""
    handed = make_pass(
        {"org": ORG, "role": "viewer", "actor": "tester@comune-test.it"},
        key=DEVELOPMENT_SECRET,
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )
    with witness.client(world.url("registrations")) as browser:
        browser.get("/organizer/enter", params={"pass": handed})
        witness.keep(handed, browser.cookies["convegni_staff"])
        yield browser


def test_markup_is_text_on_the_organizer_page_and_the_manage_page(world, witness, marked):
    registration_id, _ = marked
    manage = make_token(Link(registration_id, "manage", None), secret=DEVELOPMENT_SECRET)

    with staff(world, witness) as browser:
        organizer = browser.get(f"/organizer/events/{world.slug}")
    with witness.client(world.url("registrations")) as person:
        own = person.get(f"/r/{manage}")

    assert organizer.status_code == own.status_code == 200
    assert shown_as_text(organizer.text)
    assert SCRIPT not in own.text
    assert html.escape(SCRIPT, quote=False) in own.text


def test_markup_is_plain_text_in_a_csv_download(world, witness, marked):
    with staff(world, witness) as browser:
        export = browser.get(f"/organizer/events/{world.slug}/registrations.csv")

    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert export.headers["content-type"].startswith("text/csv")
    assert export.headers["content-disposition"].startswith("attachment")
    assert [
        (row["Nome"], row["Ente o organizzazione"]) for row in rows if row["Nome"] == SCRIPT
    ] == [(SCRIPT, IMAGE)]


def test_markup_is_text_in_the_emails_html(world, marked):
    _, email = marked

    mails = wait_for_mails(world.stack.maildir, 1)
    mine = [mail for mail in mails if mail["To"].addresses[0].addr_spec == email]
    parts = [
        part.get_content() for part in mine[0].walk() if part.get_content_type() == "text/html"
    ]

    assert len(parts) == 1
    assert SCRIPT not in parts[0]
    assert IMAGE not in parts[0]
    assert html.escape(SCRIPT, quote=False) in parts[0]


def test_markup_in_a_title_is_text_on_the_public_pages(world, witness):
    event = publish(world.stack, conference(title=f"Convegno {SCRIPT}"), ORG)
    wait_until_registrable(world.stack, event["slug"])

    with witness.client(world.url("events")) as visitor:
        page = visitor.get(f"/events/{event['slug']}")
        listing = visitor.get("/")
    with witness.client(world.url("registrations")) as visitor:
        form = visitor.get(f"/events/{event['slug']}/register")

    for answer in (page, listing, form):
        assert answer.status_code == 200
        assert SCRIPT not in answer.text
        assert "</script><script>" not in answer.text  # nor out of the JSON-LD block
    assert html.escape(SCRIPT, quote=False) in page.text


@pytest.mark.parametrize("field", ["first_name", "last_name", "organization", "role", "email"])
def test_a_line_break_in_a_registration_field_is_refused(world, witness, field):
    body = {
        "first_name": "Maria",
        "last_name": "Rossi",
        "email": f"{uuid.uuid4().hex[:10]}@comune-test.it",
        "privacy_consent": True,
    }
    body[field] = body.get(field, "Comune di Crema") + HEADER

    with witness.client(world.url("registrations")) as api:
        answer = api.post(f"/api/events/{world.slug}/registrations", json=body)

    assert answer.status_code == 422
    code = "email_invalid" if field == "email" else "invalid_characters"
    assert answer.json()["errors"] == [f"{field}: {code}"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/organizer/events", conference(title=f"Convegno{HEADER}")),
        ("/api/organizer/events", conference(subtitle=f"Sottotitolo{PROPERTY}")),
        ("/api/organizer/speakers", {"name": f"Gianni{HEADER}"}),
        ("/api/organizer/venues", {"name": f"Teatro{PROPERTY}"}),
    ],
    ids=["title", "subtitle", "speaker", "venue"],
)
def test_a_line_break_in_a_one_line_field_of_the_events_api_is_refused(world, witness, path, body):
    with witness.client(world.url("events"), headers=world.organizer) as api:
        answer = api.post(path, json=body)

    assert answer.status_code == 422


def attendees(ics: bytes) -> list[str]:
    calendar = Calendar.from_ical(ics)
    return [str(a) for event in calendar.walk("VEVENT") for a in event.get("ATTENDEE", [])]


@pytest.fixture(scope="module")
def snapshot(world) -> EventSnapshotV1:
    """A published snapshot, as the events service makes them."""
    return EventSnapshotV1.model_validate(publish(world.stack, conference(), ORG))


def test_a_line_break_in_any_text_of_a_snapshot_stays_inside_its_property(snapshot):
    """Built straight from a snapshot, past the events API that refuses such titles: the
    calendar builder itself must keep a line break inside its property."""
    hostile = snapshot.model_copy(
        update={name: f"Testo{PROPERTY}" for name in ("title", "subtitle", "description")}
    )
    vevent = build_vevent(
        hostile,
        uid="x@convegni.localhost",
        now=datetime.now(UTC),
        organizer_email="noreply@convegni.localhost",
        cancelled=False,
    )

    ics = serialize_calendar("PUBLISH", [vevent])
    events = Calendar.from_ical(ics).walk("VEVENT")

    assert attendees(ics) == []
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]).startswith("Testo")
    assert b"\r\nATTENDEE" not in ics


def test_a_line_break_in_a_published_description_stays_inside_its_property(world, witness):
    event = publish(world.stack, conference(description=f"Programma{PROPERTY}"), ORG)

    with witness.client(world.url("events")) as visitor:
        ics = visitor.get(f"/events/{event['slug']}.ics")

    assert ics.status_code == 200
    assert attendees(ics.content) == []
    assert len(Calendar.from_ical(ics.content).walk("VEVENT")) == 1
