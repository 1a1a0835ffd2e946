"""What the anonymous form refuses before storing anything: a filled honeypot, a post
without the form's CSRF pair, and too many posts from one address."""

import html

import httpx
import pytest

from tests.forms.organizer import stored
from tests.forms.visitor import Visitor, fields_of, person
from tests.support.system import (
    availability,
    conference,
    publish,
    register_url,
    running_stack,
    wait_until_registrable,
)

pytestmark = pytest.mark.e2e

LIMIT = 3


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """A system that takes LIMIT posts a minute from one address, and an event on it."""
    env = {"RATE_LIMIT_PER_MINUTE": str(LIMIT)}
    with running_stack(tmp_path_factory.mktemp("limited"), env=env) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        yield stack, event


def rows_for(stack, email: str) -> list[tuple[object, ...]]:
    return stored(stack, "SELECT id FROM registration WHERE email_key = ?", email)


def test_honeypot_filled_is_refused_and_stores_nothing(stack, new_event, visitor):
    event = new_event()
    given = {**person("bot"), "website": "https://spam.example"}

    answer = visitor(event["slug"]).send(given)

    assert answer.status_code == 400
    assert "Invio non accettato" in answer.text
    assert rows_for(stack, given["email"]) == []
    assert availability(stack, event["slug"])["seats_left"] == event["capacity"]


def test_form_page_sets_the_csrf_cookie_and_field_alike(new_event, visitor):
    event = new_event()

    page = visitor(event["slug"]).open()

    cookie = page.headers["set-cookie"].lower()
    assert page.cookies["form_csrf"] == dict(fields_of(page.text))["csrf_token"]
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "path=/" in cookie


def test_post_without_csrf_cookie_is_refused_and_stores_nothing(stack, new_event):
    event = new_event()
    given = {**person("no-cookie"), "csrf_token": "a" * 43}

    answer = httpx.post(register_url(stack, event["slug"]), data=given)

    assert answer.status_code == 403
    assert "Modulo scaduto" in answer.text
    assert rows_for(stack, given["email"]) == []


def test_post_with_a_token_other_than_the_cookie_is_refused(stack, new_event, visitor):
    event = new_event()
    someone, other = visitor(event["slug"]), visitor(event["slug"])
    someone.open()
    other.open()
    given = {**person("wrong-token"), "csrf_token": other.token}

    answer = someone.client.post(someone.url, data=given)

    assert answer.status_code == 403
    assert rows_for(stack, given["email"]) == []


def test_post_without_csrf_field_is_refused(stack, new_event, visitor):
    event = new_event()
    someone = visitor(event["slug"])
    someone.open()
    given = person("no-field")

    answer = someone.client.post(someone.url, data=given)

    assert answer.status_code == 403
    assert rows_for(stack, given["email"]) == []


def test_posts_over_the_limit_get_429_with_retry_after_and_values_kept(limited):
    stack, event = limited
    someone = Visitor(stack, event["slug"])
    someone.open()
    typed = {**person("too-fast"), "email": "not-an-address"}
    earlier = [someone.post(typed).status_code for _ in range(LIMIT)]

    answer = someone.post(typed)

    page = html.unescape(answer.text)
    assert earlier == [422] * LIMIT
    assert answer.status_code == 429
    assert 1 <= int(answer.headers["retry-after"]) <= 60
    assert f"Riprova tra {answer.headers['retry-after']} secondi" in page
    assert 'value="not-an-address"' in page
    someone.close()
