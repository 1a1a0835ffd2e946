"""A form asked for before registrations heard of its event (the first seconds after it is
published): a page that checks again by itself, in the reader's language, never a bare 404."""

import httpx
import pytest

from tests.support.system import conference, publish, wait_until_registrable

pytestmark = pytest.mark.e2e


def test_a_form_not_heard_of_yet_says_registrations_are_opening_and_checks_again(stack):
    answer = httpx.get(f"{stack.url('registrations')}/events/not-yet-here/register")

    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "Le iscrizioni stanno per aprire" in answer.text
    assert (
        '<meta http-equiv="refresh" content="5;url=/events/not-yet-here/register?tries=1">'
        in answer.text
    )


def test_the_opening_page_speaks_english_and_keeps_the_language_when_it_checks(stack):
    answer = httpx.get(f"{stack.url('registrations')}/events/not-yet-here/register?lang=en")

    assert "Registrations are opening" in answer.text
    assert "url=/events/not-yet-here/register?tries=1&amp;lang=en" in answer.text


def test_after_its_tries_the_opening_page_stops_and_says_not_found(stack):
    answer = httpx.get(f"{stack.url('registrations')}/events/not-yet-here/register?tries=24")

    assert answer.status_code == 404
    assert "Modulo di iscrizione non trovato" in answer.text
    assert 'http-equiv="refresh"' not in answer.text


def test_once_the_event_arrives_the_same_address_is_its_form(stack):
    event = publish(stack, conference())
    wait_until_registrable(stack, event["slug"])

    answer = httpx.get(f"{stack.url('registrations')}/events/{event['slug']}/register?tries=3")

    assert answer.status_code == 200
    assert 'name="email"' in answer.text
