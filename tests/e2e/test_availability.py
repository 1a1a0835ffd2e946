"""The event page and the home cards say how easily one can still register (few places
left, full with a waitlist, only online, full), through the three services over a real
nats-server, and a cached page (ETag) never keeps a stale band."""

import html

import httpx
import pytest

from devstack.waiting import wait_until
from tests.forms.organizer import define_form
from tests.manage.bus import wait_for_fact
from tests.support.bus import stream_messages
from tests.support.people import people
from tests.support.system import conference, publish, running_stack, wait_until_registrable

pytestmark = pytest.mark.e2e
AVAILABILITY = "registrations.availability.>"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    env = {"RATE_LIMIT_PER_MINUTE": "0"}
    with running_stack(tmp_path_factory.mktemp("availability"), env=env) as running:
        yield running


def register(stack, slug: str, tag: str, count: int, mode: str | None = None) -> None:
    url = f"{stack.url('registrations')}/api/events/{slug}/registrations"
    for person in people(count, tag=tag):
        body = {**person.json(), **({"mode": mode} if mode else {})}
        answer = httpx.post(url, json=body, timeout=30)
        assert answer.status_code == 201, answer.text


def page(stack, slug: str, **headers: str) -> httpx.Response:
    return httpx.get(f"{stack.url('events')}/events/{slug}", headers=headers, timeout=30)


def card(stack, slug: str) -> str:
    """The home card of the event, as text."""
    home = html.unescape(httpx.get(f"{stack.url('events')}/", timeout=30).text)
    start = home.index(f"/events/{slug}?")
    return home[start : home.index("</article>", start)]


def wait_for_page(stack, slug: str, text: str) -> httpx.Response:
    return wait_until(
        lambda: (shown := page(stack, slug)) and text in html.unescape(shown.text) and shown,
        timeout=60,
        what=f"'{text}' on the page of {slug}",
    )


def test_a_filling_event_shows_few_places_then_the_waitlist_even_to_a_cached_page(stack):
    event = publish(stack, conference(capacity=10))
    wait_until_registrable(stack, event["slug"])
    first = page(stack, event["slug"])
    tag = first.headers["etag"]
    assert page(stack, event["slug"], **{"If-None-Match": tag}).status_code == 304
    assert 'id="availability"' not in first.text
    assert ">Iscriviti</a>" in first.text

    register(stack, event["slug"], "few", 8)
    few = wait_for_page(stack, event["slug"], "Ultimi 2 posti disponibili")
    register(stack, event["slug"], "last", 1)
    wait_for_page(stack, event["slug"], "Ultimo posto disponibile")
    register(stack, event["slug"], "fill", 1)
    wait_for_page(stack, event["slug"], "Al completo: lista d'attesa")

    revalidated = page(stack, event["slug"], **{"If-None-Match": tag})
    shown = html.unescape(revalidated.text)
    assert few.headers["etag"] != tag
    assert revalidated.status_code == 200
    assert revalidated.headers["etag"] not in (tag, few.headers["etag"])
    assert "Al completo: lista d'attesa" in shown
    assert ">Lista d'attesa</a>" in shown
    assert ">Iscriviti</a>" not in shown
    assert "Al completo: lista d'attesa" in card(stack, event["slug"])
    again = page(stack, event["slug"], **{"If-None-Match": revalidated.headers["etag"]})
    assert again.status_code == 304


def test_a_full_room_with_online_places_says_register_online(stack):
    event = publish(stack, conference(attendance_mode="hybrid", capacity=2, online_capacity=50))
    wait_until_registrable(stack, event["slug"])

    register(stack, event["slug"], "room", 2, mode="in_person")

    shown = html.unescape(
        wait_for_page(stack, event["slug"], "posti ancora disponibili online").text
    )
    assert ">Iscriviti online</a>" in shown
    assert "Sala al completo" in card(stack, event["slug"])
    english = httpx.get(f"{stack.url('events')}/events/{event['slug']}?lang=en", timeout=30)
    assert "The room is full: places left online" in html.unescape(english.text)


def test_a_full_event_without_waitlist_has_no_button(stack):
    event = publish(stack, conference(capacity=1))
    wait_until_registrable(stack, event["slug"])
    define_form(stack, event["slug"], settings={"waitlist": False})

    register(stack, event["slug"], "only", 1)

    shown = html.unescape(wait_for_page(stack, event["slug"], "Al completo").text)
    assert "lista d'attesa" not in shown.lower()
    assert "/register?" not in shown
    assert "Al completo" in card(stack, event["slug"])


def test_turning_the_waitlist_on_shows_it_on_a_full_event(stack):
    event = publish(stack, conference(capacity=1))
    wait_until_registrable(stack, event["slug"])
    define_form(stack, event["slug"], settings={"waitlist": False})
    register(stack, event["slug"], "leaver", 1)
    wait_for_page(stack, event["slug"], "Al completo")
    url = f"{stack.url('registrations')}/api/events/{event['slug']}/availability"
    assert httpx.get(url).json()["seats_left"] == 0

    define_form(stack, event["slug"], settings={"waitlist": True})

    wait_for_page(stack, event["slug"], "Al completo: lista d'attesa")


def test_a_seat_given_on_to_the_waitlist_publishes_no_band(stack):
    event = publish(stack, conference(capacity=1))
    wait_until_registrable(stack, event["slug"])
    url = f"{stack.url('registrations')}/api/events/{event['slug']}/registrations"
    holder, waiting = (
        httpx.post(url, json=p.json(), timeout=30).json() for p in people(2, tag="on")
    )
    wait_for_page(stack, event["slug"], "Al completo: lista d'attesa")
    bands = stream_messages(stack, "REGISTRATIONS", AVAILABILITY)
    manage_url = wait_for_fact(stack, holder["id"], "confirmed")["manage_url"]

    httpx.post(f"{manage_url}/cancel", data={"token": manage_url.rsplit("/", 1)[1]})
    wait_for_fact(stack, waiting["id"], "offered")

    assert stream_messages(stack, "REGISTRATIONS", AVAILABILITY) == bands
    assert "Al completo: lista d'attesa" in html.unescape(page(stack, event["slug"]).text)
