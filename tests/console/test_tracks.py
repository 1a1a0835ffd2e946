"""Tracks and parallel sessions in the console: an editor renames and removes tracks (their
sessions follow), adds a workshop on the second day of a two-day assembly with its track and
seats, and gets a message to act on for what cannot be (a seat count of 0, two tracks of
one name, seats on a session without times), nothing saved."""

from datetime import date, timedelta
from html import unescape

import pytest

from tests.console.payloads import api_get, created, event_day
from tests.support.html import html_problems
from tests.support.workshops import assembly

pytestmark = pytest.mark.e2e


def items(event: dict) -> list[dict]:
    found = []
    for item in event["programme"]:
        found += [item, *item.get("items", [])]
    return found


@pytest.fixture
def two_days(stack, organization):
    payload = assembly(date.fromisoformat(event_day()))
    event = created(stack, organization.slug, payload)
    return f"/console/{organization.slug}/events/{event['id']}", event["id"]


def test_an_editor_renames_and_removes_tracks_and_adds_a_session_on_day_two(
    logged_in, stack, organization, two_days
):
    event_url, event_id = two_days
    tracks_url = f"{event_url}/tracks"
    page = logged_in.get(tracks_url)

    renamed = logged_in.submit(tracks_url, tracks_url, track_1="Gestione associata", track_2="")
    saved = api_get(stack, organization.slug, f"/api/organizer/events/{event_id}/input")
    second_day = (date.fromisoformat(event_day()) + timedelta(days=1)).isoformat()
    programme = f"{event_url}/programme"
    added = logged_in.submit(
        programme,
        programme,
        title="Tavolo 4: i giovani amministratori",
        kind="workshop",
        day=second_day,
        start_time="09:30",
        end_time="11:30",
        room="Sala Giunta",
        track="Welfare di comunità",
        seats="25",
    )
    after = api_get(stack, organization.slug, f"/api/organizer/events/{event_id}/input")

    assert page.status_code == 200 and html_problems(page.text) == []
    assert "Servizi associati" in page.text
    assert renamed.status_code == 303
    assert [t["name"] for t in saved["tracks"]] == ["Welfare di comunità", "Gestione associata"]
    tracks = {i["title"]: i.get("track") for i in items(saved) if i["kind"] == "workshop"}
    assert tracks["Tavolo 2: la gestione associata delle funzioni (prima sessione)"] == (
        "Gestione associata"
    )
    assert tracks["Tavolo 3: i servizi digitali dei Comuni (seconda sessione)"] is None
    assert added.status_code == 303, unescape(added.text)
    (new,) = [i for i in items(after) if i["title"].startswith("Tavolo 4")]
    assert new["starts_at"].startswith(f"{second_day}T09:30")
    assert (new["track"], new["seats"], new["room"]) == ("Welfare di comunità", 25, "Sala Giunta")


def test_what_cannot_be_is_refused_with_a_message_and_nothing_saved(
    logged_in, stack, organization, two_days
):
    event_url, event_id = two_days
    before = api_get(stack, organization.slug, f"/api/organizer/events/{event_id}/input")
    programme = f"{event_url}/programme"
    fields = {"title": "Tavolo 5", "kind": "workshop", "start_time": "14:00"}

    no_seats = logged_in.submit(programme, programme, **fields, end_time="15:00", seats="0")
    untimed = logged_in.submit(programme, programme, title="Tavolo 6", seats="20")
    forged = logged_in.submit(programme, programme, **fields, end_time="15:00", track="Altro")
    twice = logged_in.submit(
        f"{event_url}/tracks", f"{event_url}/tracks", track_1="Welfare di comunità"
    )
    after = api_get(stack, organization.slug, f"/api/organizer/events/{event_id}/input")

    assert no_seats.status_code == 422
    assert untimed.status_code == 422
    assert "Una sessione con posti ha bisogno dell'ora di inizio e di fine" in unescape(
        untimed.text
    )
    assert forged.status_code == 422
    assert twice.status_code == 422
    assert "Due percorsi hanno lo stesso nome" in unescape(twice.text)
    assert after == before
