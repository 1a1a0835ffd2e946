"""A confirmed person's page: status, ticket, calendar entries and their own data."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from icalendar import Calendar

from services.registrations.web.routes.manage_ticket import ticket_svg
from shared.ical import invite_uid
from tests.manage.pages import link, new_people
from tests.support.html import html_problems

pytestmark = pytest.mark.e2e


def test_manage_page_shows_status_mode_and_the_ticket_qr(published, register):
    event = published()
    [person] = new_people(1)
    registration = register(event, person)

    page = httpx.get(registration.manage_url)
    stored = httpx.get(f"{registration.manage_url}/data.json").json()["registration"]

    title = f"Codice QR del biglietto di {person.first_name} {person.last_name}"
    assert page.status_code == 200
    assert 'data-status="confirmed"' in page.text
    assert "Iscrizione confermata" in page.text
    assert "In presenza" in page.text
    assert stored["ticket_qr"].startswith(f"CVG1:{registration.id}:")
    assert str(ticket_svg(stored["ticket_qr"], title=title)) in page.text
    assert f'id="ticket-code">{stored["ticket_code"]}</p>' in page.text
    assert 'name="to"' not in page.text  # not a hybrid event: nothing to switch
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert html_problems(page.text) == []


def test_manage_page_speaks_english_when_asked(published, register):
    event = published()
    registration = register(event, new_people(1)[0])

    page = httpx.get(f"{registration.manage_url}?lang=en")

    assert page.status_code == 200
    assert "Registration confirmed" in page.text
    assert "/cancel?lang=en" in page.text


def test_data_download_holds_the_persons_fields_and_the_event_title(published, register):
    event = published()
    [person] = new_people(1)
    registration = register(event, person)

    answer = httpx.get(f"{registration.manage_url}/data.json")

    body = answer.json()
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert body["event"]["title"] == event["title"]
    assert body["registration"]["id"] == registration.id
    assert body["registration"]["first_name"] == person.first_name
    assert body["registration"]["last_name"] == person.last_name
    assert body["registration"]["email"] == person.email
    assert body["registration"]["organization"] == person.organization
    assert body["registration"]["status"] == "confirmed"
    assert body["answers"] == []


def test_ics_download_has_the_invites_uid_so_calendars_merge_them(published, register):
    event = published()
    [person] = new_people(1)
    registration = register(event, person)

    answer = httpx.get(f"{registration.manage_url}/event.ics")

    calendar = Calendar.from_ical(answer.content)
    [vevent] = calendar.walk("VEVENT")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    assert answer.headers["content-disposition"] == f'attachment; filename="{event["slug"]}.ics"'
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(vevent["UID"]) == invite_uid(event["id"], person.email, "convegni.localhost")
    assert str(vevent["SUMMARY"]) == event["title"]
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert int(vevent["SEQUENCE"]) == 0


def test_web_calendar_links_carry_title_time_and_place(published, register):
    event = published()
    registration = register(event, new_people(1)[0])

    page = httpx.get(registration.manage_url).text

    google = parse_qs(urlsplit(link(page, "google-calendar")).query)
    outlook = parse_qs(urlsplit(link(page, "outlook-calendar")).query)
    starts = datetime.fromisoformat(event["starts_at"]).astimezone(UTC)
    ends = datetime.fromisoformat(event["ends_at"]).astimezone(UTC)
    assert link(page, "google-calendar").startswith("https://calendar.google.com/calendar/render?")
    assert google["action"] == ["TEMPLATE"]
    assert google["text"] == [event["title"]]
    assert google["dates"] == [f"{starts:%Y%m%dT%H%M%SZ}/{ends:%Y%m%dT%H%M%SZ}"]
    assert google["location"][0].startswith("Sala Pietro da Cemmo")
    assert link(page, "outlook-calendar").startswith(
        "https://outlook.live.com/calendar/0/deeplink/compose?"
    )
    assert outlook["subject"] == [event["title"]]
    assert datetime.fromisoformat(outlook["startdt"][0]) == starts
    assert datetime.fromisoformat(outlook["enddt"][0]) == ends
