"""The organizer API and the public pages of the events service, over real HTTP."""

import httpx
import pytest
from icalendar import Calendar

from tests.support.system import conference, organizer_headers, publish, running_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("organizer")) as running:
        yield running


@pytest.fixture
def events(stack):
    with httpx.Client(base_url=stack.url("events"), timeout=30) as client:
        yield client


def test_create_without_token_is_refused(events):
    answer = events.post("/api/organizer/events", json=conference())

    assert answer.status_code == 401
    assert "Bearer <token>" in answer.json()["detail"]


def test_create_with_wrong_token_is_refused(events):
    answer = events.post(
        "/api/organizer/events", json=conference(), headers={"Authorization": "Bearer guess"}
    )

    assert answer.status_code == 401


def test_event_ending_before_it_starts_is_refused_with_reasons(events, stack):
    payload = conference()
    payload["ends_at"] = payload["starts_at"].replace("T09:00", "T08:00")

    answer = events.post("/api/organizer/events", json=payload, headers=organizer_headers(stack))

    assert answer.status_code == 422
    assert answer.json()["errors"] == ["ends_at must be after starts_at"]


def test_title_with_a_line_break_is_refused(events, stack):
    answer = events.post(
        "/api/organizer/events",
        json=conference(title="Welfare\nlocale"),
        headers=organizer_headers(stack),
    )

    assert answer.status_code == 422


def test_draft_is_hidden_until_published_then_listed(events, stack):
    payload = conference()
    created = events.post("/api/organizer/events", json=payload, headers=organizer_headers(stack))

    hidden = events.get(f"/events/{payload['slug']}")
    published = events.post(
        f"/api/organizer/events/{created.json()['id']}/publish", headers=organizer_headers(stack)
    )
    shown = events.get(f"/events/{payload['slug']}")
    listed = [event["slug"] for event in events.get("/api/events").json()]

    assert hidden.status_code == 404
    assert published.json()["revision"] == 1
    assert shown.status_code == 200
    assert payload["slug"] in listed


def test_publishing_twice_is_a_conflict(events, stack):
    event = publish(stack, conference())

    again = events.post(
        f"/api/organizer/events/{event['id']}/publish", headers=organizer_headers(stack)
    )

    assert again.status_code == 409
    assert "not a draft" in again.json()["detail"]


def test_same_slug_twice_is_a_conflict(events, stack):
    payload = conference()
    events.post("/api/organizer/events", json=payload, headers=organizer_headers(stack))

    again = events.post("/api/organizer/events", json=payload, headers=organizer_headers(stack))

    assert again.status_code == 409


def test_event_page_shows_programme_speakers_and_register_link(events, stack):
    event = publish(stack, conference())

    page = events.get(f"/events/{event['slug']}")

    assert page.status_code == 200
    assert "Roberto Gandioli" in page.text
    assert "Sala Pietro da Cemmo" in page.text
    register = f"{stack.url('registrations')}/events/{event['slug']}/register"
    assert f'href="{register}?lang=it"' in page.text


def test_event_ics_is_a_publish_calendar_with_the_event(events, stack):
    event = publish(stack, conference())

    answer = events.get(f"/events/{event['slug']}.ics")

    calendar = Calendar.from_ical(answer.content)
    [vevent] = calendar.walk("VEVENT")
    assert answer.headers["content-type"].startswith("text/calendar")
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(vevent["SUMMARY"]) == event["title"]
    assert str(vevent["UID"]) == f"{event['id']}@convegni.localhost"
