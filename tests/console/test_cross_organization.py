"""An organizer of A reaches nothing of B: not B's pages, nor B's ids under A's address."""

import uuid
from dataclasses import dataclass

import httpx
import pytest

from tests.console.browserless import Console, Organization, new_member, new_organization
from tests.console.payloads import SUBMITTED, api_get, small_event
from tests.support.system import ADMIN_HEADERS, publish

pytestmark = pytest.mark.e2e

EVENT = "/console/{org}/events/{event}"
ITEM = EVENT + "/programme/{item}"
PAGES = [
    "/console/{b}",
    "/console/{b}/events",
    "/console/{b}/events/new",
    "/console/{b}/speakers",
    "/console/{b}/speakers/new",
    "/console/{b}/speakers/{b_speaker}/edit",
    "/console/{b}/venues",
    "/console/{b}/venues/new",
    "/console/{b}/venues/{b_venue}/edit",
    "/console/{b}/tokens",
    "/console/{b}/tokens/new",
    "/console/{b}/tokens/{b_token}/revoke",
    *(
        (EVENT + tail).format(org=org, event="{b_event}")
        for org in ("{b}", "{a}")
        for tail in ("", "/edit", "/programme", "/preview", "/revisions", "/cancel", "/changes")
    ),
    *(
        (ITEM + tail).format(org=org, event=event, item="{b_item}")
        for org, event in (("{b}", "{b_event}"), ("{a}", "{b_event}"), ("{a}", "{a_event}"))
        for tail in ("/edit", "/remove")
    ),
    "/console/{a}/speakers/{b_speaker}/edit",
    "/console/{a}/venues/{b_venue}/edit",
    "/console/{a}/tokens/{b_token}/revoke",
]
FORMS = [
    "/console/{b}/events/new",
    "/console/{b}/speakers/new",
    "/console/{b}/speakers/{b_speaker}/edit",
    "/console/{b}/venues/new",
    "/console/{b}/venues/{b_venue}/edit",
    "/console/{b}/tokens/new",
    "/console/{b}/tokens/{b_token}/revoke",
    *(
        (EVENT + tail).format(org=org, event="{b_event}")
        for org in ("{b}", "{a}")
        for tail in (
            "/edit",
            "/publish",
            "/cancel",
            "/programme",
            "/changes/publish",
            "/changes/discard",
        )
    ),
    *(
        (ITEM + tail).format(org=org, event=event, item="{b_item}")
        for org, event in (("{b}", "{b_event}"), ("{a}", "{b_event}"), ("{a}", "{a_event}"))
        for tail in ("/edit", "/move", "/remove")
    ),
    "/console/{a}/speakers/{b_speaker}/edit",
    "/console/{a}/venues/{b_venue}/edit",
    "/console/{a}/tokens/{b_token}/revoke",
]


@dataclass
class World:
    a: Organization
    ids: dict[str, str]
    own: dict[str, str]  # the same keys, every one of them A's
    b_title: str
    b_names: list[str]
    b_token: str


@pytest.fixture(scope="module")
def world(stack) -> World:
    """A with an event of its own; B with a published event, a venue and a spare token."""
    a, b = new_organization(stack, "ente-a"), f"ente-b-{uuid.uuid4().hex[:8]}"
    a_event = publish(stack, small_event(f"A {uuid.uuid4().hex[:6]}"), organization=a.slug)
    b_payload = small_event(f"B {uuid.uuid4().hex[:6]}")
    b_event = publish(stack, b_payload, organization=b)
    [b_item] = b_event["programme"]
    with httpx.Client(base_url=stack.url("events"), headers=ADMIN_HEADERS) as admin:
        b_token = admin.post(f"/api/admin/organizations/{b}/tokens", json={"name": "b"}).json()
    ids = {
        "a": a.slug,
        "b": b,
        "a_event": a_event["id"],
        "b_event": b_event["id"],
        "b_item": str(b_item["id"]),
        "b_speaker": str(b_item["speakers"][0]["id"]),
        "b_venue": str(api_get(stack, b, "/api/organizer/venues")[0]["id"]),
        "b_token": str(b_token["id"]),
    }
    [a_item] = a_event["programme"]
    own = {
        **ids,
        "b": a.slug,
        "b_event": a_event["id"],
        "b_item": str(a_item["id"]),
        "b_speaker": str(a_item["speakers"][0]["id"]),
        "b_venue": str(api_get(stack, a.slug, "/api/organizer/venues")[0]["id"]),
    }
    names = [b_payload["venue"]["name"], *(s["name"] for s in b_item["speakers"])]
    return World(a, ids, own, b_payload["title"], names, b_token["token"])


@pytest.fixture(scope="module")
def a_editor(stack, world):
    """A browser where an editor of A has logged in, and its CSRF value."""
    member = new_member(stack, world.a, "editor")
    console = Console(stack)
    assert console.log_in(member).status_code == 303
    yield console, console.csrf()
    console.close()


def b_as_it_is(stack, world: World) -> tuple[object, ...]:
    """What B's data looks like from B's own API token."""
    event = api_get(stack, world.ids["b"], f"/api/organizer/events/{world.ids['b_event']}")
    speaker = api_get(stack, world.ids["b"], f"/api/organizer/speakers/{world.ids['b_speaker']}")
    venue = api_get(stack, world.ids["b"], f"/api/organizer/venues/{world.ids['b_venue']}")
    token_works = httpx.get(
        f"{stack.url('events')}/api/organizer/speakers",
        headers={"Authorization": f"Bearer {world.b_token}"},
    ).status_code
    return event, speaker["name"], venue["name"], token_works


@pytest.mark.parametrize("route", PAGES)
def test_page_of_another_organization_is_not_found(a_editor, world, route):
    console, _ = a_editor

    answer = console.get(route.format(**world.ids))

    assert answer.status_code in (403, 404)
    assert world.b_title not in answer.text


@pytest.mark.parametrize("route", [page for page in PAGES if "/tokens" not in page])
def test_same_page_with_own_ids_is_shown(a_editor, world, route):
    console, _ = a_editor

    answer = console.http.get(route.format(**world.own), follow_redirects=True)

    assert answer.status_code == 200
    assert answer.url.path.startswith(f"/console/{world.a.slug}/")


@pytest.mark.parametrize("route", FORMS)
def test_form_on_another_organization_changes_nothing(a_editor, world, stack, route):
    console, csrf = a_editor
    before = b_as_it_is(stack, world)

    answer = console.post(route.format(**world.ids), {**SUBMITTED, "csrf": csrf})

    assert answer.status_code in (403, 404)
    assert b_as_it_is(stack, world) == before


def test_token_of_another_organization_is_not_found_for_an_owner(stack, world):
    owner = new_member(stack, world.a, "owner")
    console = Console(stack)
    console.log_in(owner)
    revoke = "/console/{a}/tokens/{b_token}/revoke".format(**world.ids)

    shown = console.get(revoke)
    posted = console.post(revoke, {"csrf": console.csrf()})
    console.close()

    assert (shown.status_code, posted.status_code) == (404, 404)


@pytest.mark.parametrize("page", ["events", "speakers", "venues"])
def test_own_pages_never_show_the_other_organization(a_editor, world, page):
    console, _ = a_editor

    answer = console.get(f"/console/{world.ids['a']}/{page}")

    assert answer.status_code == 200
    assert [name for name in (world.b_title, *world.b_names) if name in answer.text] == []
