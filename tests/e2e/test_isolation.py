"""One organization never sees or changes another's events, speakers, venues or tokens."""

import httpx
import pytest

from tests.support.system import conference, organizer_headers, running_stack

pytestmark = pytest.mark.e2e

A, B = "area-omogenea-cremasca", "anci-lombardia"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Organization A with an event, a speaker and a venue; B with its own API token."""
    with running_stack(tmp_path_factory.mktemp("isolation")) as stack:
        a = httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack, A))
        b = httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack, B))
        event = a.post("/api/organizer/events", json=conference()).json()
        speaker = a.post("/api/organizer/speakers", json={"name": "Gianni Rossoni"}).json()
        venue = a.post("/api/organizer/venues", json={"name": "Teatro San Domenico"}).json()
        ids = {"event": event["id"], "speaker": speaker["id"], "venue": venue["id"]}
        yield stack, a, b, ids
        for client in (a, b):
            client.close()


ROUTES = [
    ("GET", "/api/organizer/events/{event}", None),
    ("PUT", "/api/organizer/events/{event}", "event_body"),
    ("POST", "/api/organizer/events/{event}/publish", None),
    ("POST", "/api/organizer/events/{event}/cancel", {}),
    ("POST", "/api/organizer/events/{event}/complete", None),
    ("GET", "/api/organizer/events/{event}/revisions", None),
    ("GET", "/api/organizer/speakers/{speaker}", None),
    ("PUT", "/api/organizer/speakers/{speaker}", {"name": "Nome cambiato"}),
    ("GET", "/api/organizer/venues/{venue}", None),
    ("PUT", "/api/organizer/venues/{venue}", {"name": "Sede cambiata"}),
]


def body_for(spec):
    return conference() if spec == "event_body" else spec


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_other_organization_cannot_reach_a_resource(world, method, path, body):
    _, a, b, ids = world

    answer = b.request(method, path.format(**ids), json=body_for(body))

    assert answer.status_code in (403, 404), answer.text
    assert a.get(f"/api/organizer/events/{ids['event']}").json()["status"] == "draft"
    assert a.get(f"/api/organizer/speakers/{ids['speaker']}").json()["name"] == "Gianni Rossoni"
    assert a.get(f"/api/organizer/venues/{ids['venue']}").json()["name"] == "Teatro San Domenico"


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_no_credentials_are_refused_everywhere(world, method, path, body):
    stack, _, _, ids = world

    answer = httpx.request(method, stack.url("events") + path.format(**ids), json=body_for(body))

    assert answer.status_code == 401


@pytest.mark.parametrize("listing", ["events", "speakers", "venues"])
def test_lists_show_only_the_callers_organization(world, listing):
    _, a, b, _ = world

    mine = a.get(f"/api/organizer/{listing}").json()
    theirs = b.get(f"/api/organizer/{listing}").json()

    assert mine != []
    assert {item["id"] for item in mine} & {item["id"] for item in theirs} == set()


def test_event_may_not_use_another_organizations_venue_or_speaker(world):
    _, _, b, ids = world
    payload = conference()
    payload.pop("venue")
    payload["venue_id"] = ids["venue"]
    payload["moderator"] = {"speaker_id": ids["speaker"], "role": "moderator"}

    answer = b.post("/api/organizer/events", json=payload)

    assert answer.status_code == 422
    assert "not in your directory" in answer.json()["detail"]
