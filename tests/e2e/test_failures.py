"""The two worst failures, and a third: a service or the broker away while people register."""

import html

import httpx
import pytest

from devstack.stack import Stack
from devstack.waiting import wait_until
from tests.support.bus import PEOPLE_FACTS, stream_messages
from tests.support.mail import recipients, wait_for_mails
from tests.support.people import people
from tests.support.system import (
    conference,
    post_form,
    publish,
    register_url,
    running_stack,
    wait_until_registrable,
)

pytestmark = pytest.mark.e2e


def register_all(stack: Stack, slug: str, everyone) -> list[httpx.Response]:
    with httpx.Client(timeout=30) as client:
        return [post_form(register_url(stack, slug), p.form(), client) for p in everyone]


def assert_each_mailed_once(stack: Stack, slug: str, everyone) -> None:
    """Everyone's email arrives; then a last registration's email proves the pipeline has
    drained past them, and still nobody has two."""
    wait_for_mails(stack.maildir, len(everyone), timeout=60)
    [sentinel] = people(1, tag="last")
    register_all(stack, slug, [sentinel])
    messages = wait_for_mails(stack.maildir, len(everyone) + 1, timeout=60)
    expected = sorted([p.email for p in everyone] + [sentinel.email])
    assert recipients(messages) == expected


def test_notifications_down_then_back_mails_each_person_once(tmp_path):
    with running_stack(tmp_path, env={"RATE_LIMIT_PER_MINUTE": "0"}) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        stack.services["notifications"].stop()
        everyone = people(20)

        answers = register_all(stack, event["slug"], everyone)
        wait_until(
            lambda: stream_messages(stack, "REGISTRATIONS", PEOPLE_FACTS) == 20,
            what="20 facts on the bus",
        )
        mailed_while_down = len(list(stack.maildir.glob("new/*")))
        stack.services["notifications"].start().wait_healthy()

        assert [a.status_code for a in answers] == [200] * 20
        assert mailed_while_down == 0
        assert_each_mailed_once(stack, event["slug"], everyone)


def test_broker_killed_during_registrations_loses_and_repeats_nothing(tmp_path):
    with running_stack(tmp_path, env={"RATE_LIMIT_PER_MINUTE": "0"}) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        assert stack.nats is not None
        everyone = people(20)

        stack.nats.kill()
        answers = register_all(stack, event["slug"], everyone)
        stack.nats.start()

        assert [a.status_code for a in answers] == [200] * 20
        assert all("Richiesta ricevuta" in a.text for a in answers)
        assert_each_mailed_once(stack, event["slug"], everyone)


def test_events_down_registration_for_published_event_still_works(tmp_path):
    with running_stack(tmp_path, env={"RATE_LIMIT_PER_MINUTE": "0"}) as stack:
        event = publish(stack, conference())
        wait_until_registrable(stack, event["slug"])
        stack.services["events"].stop()
        [person] = people(1)

        form = httpx.get(register_url(stack, event["slug"]))
        answer = post_form(register_url(stack, event["slug"]), person.form())
        [message] = wait_for_mails(stack.maildir, 1)

        assert form.status_code == 200
        assert event["title"] in html.unescape(form.text)
        assert answer.status_code == 200
        assert "Richiesta ricevuta" in answer.text
        assert recipients([message]) == [person.email]
