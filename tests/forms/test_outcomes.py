"""What the form answers once the input is right: "check your inbox" for a seat, the
waitlist, a pending registration or the same person again, and a choice when only online seats
are left."""

import html

import httpx
import pytest

from devstack.waiting import wait_until
from tests.forms.organizer import define_form, stored
from tests.forms.visitor import fields_of, markup_problems, person
from tests.support.system import availability, organizer_headers

pytestmark = pytest.mark.e2e


@pytest.fixture
def room_full(new_event, visitor):
    """A hybrid event whose one seat in the room is taken; five online seats are free."""
    event = new_event(attendance_mode="hybrid", capacity=1, online_capacity=5)
    taken = visitor(event["slug"]).send({**person("first-in-the-room"), "mode": "in_person"})
    assert "Richiesta ricevuta" in taken.text
    return event


def test_room_full_with_online_seats_offers_the_choice_keeping_values(room_full, visitor):
    given = {
        **person("chooser"),
        "mode": "in_person",
        "phone": "+39 0373 123456",
        "accessibility": ["wheelchair", "other"],
        "accessibility_other": "Posto vicino",
    }

    answer = visitor(room_full["slug"]).send(given)

    carried = fields_of(answer.text)
    page = html.unescape(answer.text)
    assert answer.status_code == 409
    assert "Partecipa online" in page
    assert "Mettiti in lista d'attesa per la sala" in page
    assert ("email", "chooser@comune-test.it") in carried
    assert ("phone", "+39 0373 123456") in carried
    assert [v for name, v in carried if name == "accessibility"] == ["wheelchair", "other"]
    assert "mode" not in dict(carried)  # the button pressed says it
    assert markup_problems(answer.text, lists=("accessibility",)) == []


def test_room_full_choosing_online_confirms_online(stack, room_full, visitor):
    person_at_form = visitor(room_full["slug"])
    choice = person_at_form.send({**person("goes-online"), "mode": "in_person"})

    answer = person_at_form.choose(choice, {"mode": "online"})

    assert answer.status_code == 200
    assert "Richiesta ricevuta" in answer.text
    assert stored(stack, "SELECT status, mode FROM registration WHERE email = ?",
                  "goes-online@comune-test.it") == [("confirmed", "online")]  # fmt: skip
    assert availability(stack, room_full["slug"])["online_seats_left"] == 4


def test_room_full_choosing_the_waitlist_gives_place_one(stack, room_full, visitor):
    person_at_form = visitor(room_full["slug"])
    choice = person_at_form.send({**person("waits"), "mode": "in_person"})

    answer = person_at_form.choose(choice, {"accept_waitlist": "on"})

    page = html.unescape(answer.text)
    assert answer.status_code == 200
    assert "Richiesta ricevuta" in page  # the email says the place
    assert stored(stack, "SELECT status, mode FROM registration WHERE email = ?",
                  "waits@comune-test.it") == [("waitlisted", "in_person")]  # fmt: skip
    assert markup_problems(answer.text) == []


def test_double_opt_in_answers_check_your_inbox_and_holds_the_seat(stack, new_event, visitor):
    event = new_event()
    define_form(stack, event["slug"], settings={"double_opt_in": True, "confirm_hours": 24})
    given = person("pending")

    answer = visitor(event["slug"]).send(given)

    [(status, confirm_by)] = stored(
        stack, "SELECT status, confirm_by FROM registration WHERE email = ?", given["email"]
    )
    page = html.unescape(answer.text)
    assert answer.status_code == 200
    assert f"Controlla la tua casella {given['email']}" in page  # the email says the deadline
    assert status == "pending"
    assert confirm_by is not None


def test_same_email_twice_answers_as_the_first_time_and_keeps_one_row(stack, new_event, visitor):
    event = new_event()
    given = person("twice")
    visitor(event["slug"]).send(given)

    again = visitor(event["slug"]).send({**given, "email": given["email"].upper()})

    page = html.unescape(again.text)
    assert again.status_code == 200
    assert "Richiesta ricevuta" in page
    assert "già iscritt" not in page
    assert stored(stack, "SELECT count(*) FROM registration WHERE email_key = ?",
                  given["email"]) == [(1,)]  # fmt: skip


def test_cancelled_event_says_so_on_the_form_and_to_a_late_post(stack, new_event, visitor):
    event = new_event()
    person_at_form = visitor(event["slug"])
    person_at_form.open()
    cancel = f"{stack.url('events')}/api/organizer/events/{event['id']}/cancel"
    httpx.post(cancel, json={}, headers=organizer_headers(stack)).raise_for_status()
    wait_until(
        lambda: availability(stack, event["slug"])["state"] == "cancelled",
        timeout=60,
        what="the cancellation heard by registrations",
    )

    late = person_at_form.post(person("late"))
    shown = person_at_form.open()

    assert late.status_code == 409
    assert "Evento annullato" in late.text
    assert shown.status_code == 200
    assert "Evento annullato" in shown.text
    assert 'name="email"' not in shown.text
