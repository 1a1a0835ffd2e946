"""Viewers read everything and change nothing; API tokens are for owners only."""

import pytest

from tests.console.browserless import new_member
from tests.console.payloads import created, small_event

pytestmark = pytest.mark.e2e

READABLE = [
    "/console/{org}/events",
    "/console/{org}/events/{event}",
    "/console/{org}/events/{event}/programme",
    "/console/{org}/events/{event}/preview",
    "/console/{org}/events/{event}/revisions",
    "/console/{org}/events/{event}/changes",
    "/console/{org}/speakers",
    "/console/{org}/venues",
]
FORMS = [
    "/console/{org}/events/new",
    "/console/{org}/events/{event}/edit",
    "/console/{org}/events/{event}/publish",
    "/console/{org}/events/{event}/cancel",
    "/console/{org}/events/{event}/changes/publish",
    "/console/{org}/events/{event}/changes/discard",
    "/console/{org}/events/{event}/programme",
    "/console/{org}/events/{event}/programme/{item}/edit",
    "/console/{org}/events/{event}/programme/{item}/move",
    "/console/{org}/events/{event}/programme/{item}/remove",
    "/console/{org}/speakers/new",
    "/console/{org}/venues/new",
    "/console/{org}/tokens/new",
]


@pytest.fixture
def viewer(stack, organization, browsers):
    """A browser where a viewer has logged in; the organization has a draft event."""
    event = created(stack, organization.slug, small_event(organization.slug))
    console = browsers()
    console.log_in(new_member(stack, organization, "viewer"))
    programme = console.get(f"/console/{organization.slug}/events/{event['id']}/programme").text
    item = programme.split('id="item-', 1)[1].split('"', 1)[0]
    return console, {"org": organization.slug, "event": event["id"], "item": item}


@pytest.mark.parametrize("route", READABLE)
def test_viewer_reads_every_page(viewer, route):
    console, ids = viewer

    answer = console.get(route.format(**ids))

    assert answer.status_code == 200


def test_viewer_sees_no_button_that_changes_anything(viewer):
    console, ids = viewer

    overview = console.get("/console/{org}/events/{event}".format(**ids)).text
    listing = console.get("/console/{org}/events".format(**ids)).text
    programme = console.get("/console/{org}/events/{event}/programme".format(**ids)).text

    assert [
        text for text in ("Modifica i dettagli", "Pubblica", "Sposta su") if text in overview
    ] == []
    assert "Nuovo evento" not in listing
    assert ["/edit" in programme, "Aggiungi al programma" in programme] == [False, False]


def test_viewer_publishing_is_forbidden_and_the_event_stays_a_draft(viewer):
    console, ids = viewer
    overview = "/console/{org}/events/{event}".format(**ids)

    answer = console.post(f"{overview}/publish", {"csrf": console.csrf()})

    assert answer.status_code == 403
    assert "Bozza" in console.get(overview).text


@pytest.mark.parametrize("route", FORMS)
def test_viewer_every_form_is_forbidden(viewer, route):
    console, ids = viewer

    answer = console.post(route.format(**ids), {"csrf": console.csrf(), "title": "Cambiato"})

    assert answer.status_code == 403


def test_viewer_opening_a_form_is_forbidden(viewer):
    console, ids = viewer

    answer = console.get("/console/{org}/events/{event}/edit".format(**ids))

    assert answer.status_code == 403


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_tokens_are_forbidden_below_owner(stack, organization, browsers, role):
    console = browsers()
    console.log_in(new_member(stack, organization, role))

    answer = console.get(f"/console/{organization.slug}/tokens")
    events = console.get(f"/console/{organization.slug}/events").text

    assert answer.status_code == 403
    assert f"/console/{organization.slug}/tokens" not in events


def test_owner_sees_the_tokens(stack, organization, browsers):
    console = browsers()
    console.log_in(new_member(stack, organization, "owner"))

    answer = console.get(f"/console/{organization.slug}/tokens")

    assert answer.status_code == 200
    assert "Token API" in answer.text
