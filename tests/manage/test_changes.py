"""What a person changes from their page: how they attend, cancelling, an offered seat."""

import httpx
import pytest

from tests.manage.bus import wait_for_fact
from tests.manage.pages import new_people, token_of
from tests.support.html import html_problems
from tests.support.system import availability

pytestmark = pytest.mark.e2e


def test_switch_to_online_at_a_hybrid_event_moves_the_seat(stack, published, register):
    event = published(attendance_mode="hybrid", capacity=20, online_capacity=10)
    registration = register(event, new_people(1)[0], mode="in_person")
    token = token_of(registration.manage_url)

    page = httpx.get(registration.manage_url)
    switched = httpx.post(
        f"{registration.manage_url}/mode",
        data={"token": token, "to": "online"},
        follow_redirects=True,
    )

    seats = availability(stack, event["slug"])
    assert 'name="to" value="online"' in page.text
    assert switched.status_code == 200
    assert 'data-mode="online"' in switched.text
    assert "Modalità di partecipazione aggiornata" in switched.text
    assert 'name="to" value="in_person"' in switched.text
    assert (seats["seats_left"], seats["online_seats_left"]) == (20, 9)


def test_cancel_asks_first_then_cancels_and_frees_the_seat(stack, published, register):
    event = published(capacity=5)
    registration = register(event, new_people(1)[0])
    token = token_of(registration.manage_url)

    asked = httpx.get(f"{registration.manage_url}/cancel")
    taken = availability(stack, event["slug"])["seats_left"]
    done = httpx.post(f"{registration.manage_url}/cancel", data={"token": token})
    page = httpx.get(registration.manage_url)

    assert asked.status_code == 200
    assert f'<input type="hidden" name="token" value="{token}">' in asked.text
    assert done.status_code == 200
    assert "Iscrizione annullata" in done.text
    assert 'data-status="cancelled"' in page.text
    assert "/cancel" not in page.text
    assert (taken, availability(stack, event["slug"])["seats_left"]) == (4, 5)
    assert html_problems(asked.text) == []
    assert html_problems(done.text) == []


def test_a_freed_seat_is_offered_to_the_waitlist_and_accepted(stack, published, register):
    event = published(capacity=1)
    first, second = new_people(2)
    holder = register(event, first)
    waiting = register(event, second)

    waitlisted = httpx.get(waiting.manage_url)
    httpx.post(f"{holder.manage_url}/cancel", data={"token": token_of(holder.manage_url)})
    accept_url = wait_for_fact(stack, waiting.id, "offered")["accept_url"]
    offer = httpx.get(accept_url)
    offered = httpx.get(waiting.manage_url)
    accepted = httpx.post(accept_url, data={"token": token_of(accept_url)})
    again = httpx.get(accept_url)

    assert waiting.status == "waitlisted"
    assert 'data-status="waitlisted"' in waitlisted.text
    assert "posizione 1." in waitlisted.text
    assert offer.status_code == 200
    assert "Un posto è disponibile per te" in offer.text
    assert 'data-status="offered"' in offered.text
    assert accepted.status_code == 200
    assert "Posto confermato" in accepted.text
    assert 'data-status="confirmed"' in httpx.get(waiting.manage_url).text
    assert availability(stack, event["slug"])["seats_left"] == 0
    assert again.status_code == 200
    assert html_problems(offer.text) == []
