"""The form answers a new and a known address alike: one "check your inbox" page, and the
known person gets one email (no more often than the resend limit), so that nobody learns from
the form whether an address is registered."""

import html
import re
from email import message_from_bytes, policy
from pathlib import Path

import httpx
import pytest

from devstack.waiting import wait_until
from tests.forms.organizer import define_form, stored
from tests.forms.visitor import person

pytestmark = pytest.mark.e2e

CONFIRMATION_REQUESTED = "registrations.registration.confirmation_requested"
# What may differ between two answers to the same form: the trace id of the request.
PER_REQUEST = re.compile(r"(data-trace|traceparent)[^>]*>")


def raw_messages_to(maildir: Path, address: str) -> int:
    """How many raw messages the SMTP sink holds for `address`."""
    count = 0
    for path in [*maildir.glob("new/*"), *maildir.glob("cur/*")]:
        headers = message_from_bytes(path.read_bytes(), policy=policy.default)
        if any(a.addr_spec.lower() == address.lower() for a in headers["To"].addresses):
            count += 1
    return count


def wait_for_messages_to(maildir: Path, address: str, count: int) -> None:
    wait_until(
        lambda: raw_messages_to(maildir, address) >= count,
        timeout=90,
        what=f"{count} messages to {address}",
    )


def shown(answer: httpx.Response, address: str = "") -> str:
    """The page's text, with the address typed put aside."""
    page = html.unescape(answer.text)
    return PER_REQUEST.sub("", page.replace(address, "<address>") if address else page)


def resends_staged(stack, address: str) -> int:
    [(count,)] = stored(
        stack,
        "SELECT count(*) FROM outbox WHERE subject = ? AND envelope LIKE ?",
        CONFIRMATION_REQUESTED,
        f"%{address}%",
    )
    return int(count)


def test_new_and_known_address_get_the_same_page_and_one_email_each(stack, new_event, visitor):
    event = new_event()
    known, newcomer, later = person("known-one"), person("newcomer-one"), person("later-one")
    visitor(event["slug"]).send(known)
    wait_for_messages_to(stack.maildir, known["email"], 1)

    again = visitor(event["slug"]).send(known)
    new = visitor(event["slug"]).send(newcomer)

    assert again.status_code == new.status_code == 200
    assert sorted(again.headers.keys()) == sorted(new.headers.keys())
    assert shown(again, known["email"]) == shown(new, newcomer["email"])
    page = html.unescape(new.text)
    assert "Richiesta ricevuta" in page
    assert f"controlla la tua casella {newcomer['email']}" in page.lower()
    assert "già iscritt" not in page
    wait_for_messages_to(stack.maildir, known["email"], 2)  # the repeat: one email
    wait_for_messages_to(stack.maildir, newcomer["email"], 1)

    third = visitor(event["slug"]).send(known)  # within the resend limit: nothing is sent
    visitor(event["slug"]).send(later)
    wait_for_messages_to(stack.maildir, later["email"], 1)

    assert shown(third, known["email"]) == shown(new, newcomer["email"])
    assert resends_staged(stack, known["email"]) == 1
    assert raw_messages_to(stack.maildir, known["email"]) == 2
    assert raw_messages_to(stack.maildir, newcomer["email"]) == 1


def test_confirmed_and_waitlisted_people_see_the_same_page(stack, new_event, visitor):
    event = new_event(capacity=1)
    seated, waiting = person("seated-one"), person("waiting-one")

    first = visitor(event["slug"]).send(seated)
    second = visitor(event["slug"]).send(waiting)

    assert first.status_code == second.status_code == 200
    assert shown(first, seated["email"]) == shown(second, waiting["email"])
    [(status,)] = stored(stack, "SELECT status FROM registration WHERE email = ?", waiting["email"])
    assert status == "waitlisted"


def test_english_page_says_check_your_inbox(new_event, visitor):
    event = new_event()
    given = person("english-one")

    answer = visitor(event["slug"], lang="en").send(given)

    page = html.unescape(answer.text)
    assert "Request received" in page
    assert f"Check your inbox at {given['email']}" in page


def test_a_known_address_meets_the_choice_page_a_newcomer_meets(new_event, visitor):
    event = new_event(attendance_mode="hybrid", capacity=1, online_capacity=5)
    known = {**person("in-the-room"), "mode": "in_person"}
    visitor(event["slug"]).send(known)

    again = visitor(event["slug"]).send(known)
    new = visitor(event["slug"]).send({**person("after-the-room"), "mode": "in_person"})

    assert again.status_code == new.status_code == 409
    assert "Partecipa online" in again.text and "Partecipa online" in new.text


def test_a_known_address_meets_full_as_a_newcomer_does(stack, new_event, visitor):
    event = new_event(capacity=1)
    define_form(stack, event["slug"], settings={"waitlist": False})
    known, at_known, at_new = person("only-seat"), visitor(event["slug"]), visitor(event["slug"])
    at_new.open()  # both opened the form while a seat was free
    at_known.send(known)

    again = at_known.post(known)
    new = at_new.post(person("no-seat"))

    assert again.status_code == new.status_code == 409
    assert shown(again) == shown(new)
    assert "Posti esauriti" in again.text
