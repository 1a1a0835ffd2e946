"""The pages an emailed link opens show at once the personal page, the ticket with its short
code and the .ics file, by the same signed links as the email's."""

import html
import re

import httpx
import pytest

from tests.forms.organizer import define_form
from tests.manage.bus import wait_for_fact
from tests.manage.pages import link, new_people, token_of
from tests.support.html import html_problems

pytestmark = pytest.mark.e2e
CODE = re.compile(r'id="ticket-code">([0-9A-Z-]+)</p>')


def test_confirming_the_address_shows_the_ticket_and_the_links_at_once(stack, published, register):
    event = published()
    define_form(stack, event["slug"], settings={"double_opt_in": True})
    registration = register(event, new_people(1)[0])
    confirm_url = wait_for_fact(stack, registration.id, "pending")["confirm_url"]

    asked = httpx.get(confirm_url)
    done = httpx.post(confirm_url, data={"token": token_of(confirm_url)})
    ics = httpx.get(link(done.text, "download-ics"))
    stored = httpx.get(f"{registration.manage_url}/data.json").json()["registration"]

    assert registration.status == "pending"
    assert link(asked.text, "personal-page") == registration.manage_url
    assert 'id="ticket-code"' not in asked.text  # no ticket before the seat is confirmed
    assert done.status_code == 200
    assert "Indirizzo confermato" in html.unescape(done.text)
    assert link(done.text, "personal-page") == registration.manage_url
    assert link(done.text, "download-ics") == f"{registration.manage_url}/event.ics"
    assert CODE.findall(done.text) == [stored["ticket_code"]]
    assert 'class="ticket-qr"' in done.text
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert html_problems(asked.text) == []
    assert html_problems(done.text) == []


def test_accepting_an_offered_seat_shows_the_ticket_and_the_links_at_once(
    stack, published, register
):
    event = published(capacity=1)
    first, second = new_people(2)
    holder = register(event, first)
    waiting = register(event, second)
    httpx.post(f"{holder.manage_url}/cancel", data={"token": token_of(holder.manage_url)})
    accept_url = wait_for_fact(stack, waiting.id, "offered")["accept_url"]

    offer = httpx.get(accept_url)
    accepted = httpx.post(accept_url, data={"token": token_of(accept_url)})
    again = httpx.get(accept_url)  # the link opened once more: done, same links

    stored = httpx.get(f"{waiting.manage_url}/data.json").json()["registration"]
    assert link(offer.text, "personal-page") == waiting.manage_url
    for page in (accepted, again):
        assert page.status_code == 200
        assert link(page.text, "personal-page") == waiting.manage_url
        assert link(page.text, "download-ics") == f"{waiting.manage_url}/event.ics"
        assert CODE.findall(page.text) == [stored["ticket_code"]]
    assert html_problems(accepted.text) == []
