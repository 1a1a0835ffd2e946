"""Issue 17, acceptance 4: a receiver verifies every signature with the Standard Webhooks
algorithm (the standardwebhooks package), receives each event once per endpoint although
the events service is killed (SIGKILL) in the middle of a delivery and is down while a
person registers; an endpoint answering 500 is retried, then turned off, and the
organization's owner gets an email saying so."""

import time
from collections import Counter

import httpx
import pytest

from devstack.mailsink.store import read_messages
from devstack.waiting import wait_until
from tests.console.browserless import new_member, new_organization
from tests.support.people import people
from tests.support.system import conference, publish, wait_until_registrable
from tests.webhooks.console import WebhookConsole

pytestmark = pytest.mark.e2e

EVERY = [
    "registration.confirmed",
    "registration.waitlisted",
    "registration.cancelled",
    "registration.checked_in",
    "certificate.issued",
    "event.published",
    "event.updated",
    "event.cancelled",
]
REGISTRATIONS = ["registration.confirmed", "registration.waitlisted"]


def register(stack, slug, person) -> str:
    url = f"{stack.url('registrations')}/api/events/{slug}/registrations"
    answer = httpx.post(url, json=person.json(), timeout=30)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["status"])


def test_each_event_once_per_endpoint_signed_despite_a_kill_and_a_failing_endpoint_turned_off(
    stack, receiver
):
    organization = new_organization(stack, "webhooks")
    owner = new_member(stack, organization, "owner")
    console = WebhookConsole(stack, owner)
    paths = {"a": "/ok/a", "b": "/ok/b", "c": "/fail/c"}
    ids = {}
    for name, kinds in (("a", EVERY), ("b", REGISTRATIONS), ("c", EVERY)):
        ids[name], receiver.secrets[paths[name]] = console.add(receiver.url + paths[name], kinds)
    event = publish(stack, conference(capacity=2), organization=organization.slug)
    wait_until_registrable(stack, event["slug"])
    first, second, third = people(3, tag=f"wh{event['slug'][-6:]}")

    # Killed while it waits for B's answer to the first registration; the second person
    # registers while it is down.
    release = receiver.hold(paths["b"])
    statuses = [register(stack, event["slug"], first)]
    assert receiver.held.wait(timeout=60), "no delivery reached B"
    events = stack.services["events"]
    events.kill()
    release.set()
    statuses.append(register(stack, event["slug"], second))
    events.start().wait_healthy()
    statuses.append(register(stack, event["slug"], third))

    said = Counter(f"registration.{status}" for status in statuses)
    expected_b = +said
    expected_a = Counter({"event.published": 1}) + said
    wait_until(
        lambda: (
            receiver.kinds(paths["a"]) == expected_a and receiver.kinds(paths["b"]) == expected_b
        ),
        timeout=120,
        what=f"A: {dict(expected_a)}, B: {dict(expected_b)}",
    )
    held_id = receiver.of(paths["b"])[0].webhook_id  # the kill left it unanswered: sent again
    wait_until(
        lambda: [got.webhook_id for got in receiver.of(paths["b"])].count(held_id) >= 2,
        timeout=60,
        what="the delivery in flight at the kill sent again once its claim ran out",
    )
    owner_mail = wait_until(
        lambda: [m for m in read_messages(stack.maildir) if owner.email in str(m["To"])],
        timeout=90,
        what="the owner's email",
    )
    failing = Counter(got.webhook_id for got in receiver.of(paths["c"]))

    assert receiver.unverified() == []
    assert said == Counter({"registration.confirmed": 2, "registration.waitlisted": 1})
    assert receiver.kinds(paths["a"]) == expected_a
    assert receiver.kinds(paths["b"]) == expected_b
    for path in (paths["a"], paths["b"]):  # a repeat is a retry: same webhook-id, same body
        first_of = receiver.distinct(path)
        assert all(got.body == first_of[got.webhook_id].body for got in receiver.of(path))
    assert Counter(got.webhook_id for got in receiver.of(paths["b"]))[held_id] >= 2
    assert max(failing.values()) == 4  # the first attempt and the schedule's 3 retries
    assert console.is_on(ids["a"]) and console.is_on(ids["b"])
    assert not console.is_on(ids["c"])
    (mail,) = owner_mail
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "disattivato" in str(mail["Subject"])
    assert receiver.url + paths["c"] in text
    assert "HTTP 500" in text
    assert f"/console/{organization.slug}/webhooks/{ids['c']}" in text
    console.close()


def test_a_delivery_sent_again_from_the_log_keeps_its_webhook_id(stack, receiver):
    organization = new_organization(stack, "redeliver")
    owner = new_member(stack, organization, "owner")
    console = WebhookConsole(stack, owner)
    path = "/ok/r"
    endpoint_id, receiver.secrets[path] = console.add(receiver.url + path, ["event.published"])
    publish(stack, conference(), organization=organization.slug)
    (first,) = wait_until(lambda: receiver.of(path), timeout=60, what="the first delivery")

    answer = console.redeliver_first(endpoint_id)
    again = wait_until(lambda: receiver.of(path)[1:], timeout=60, what="the delivery again")

    assert answer.status_code == 303
    assert [got.webhook_id for got in again] == [first.webhook_id]
    assert again[0].body == first.body
    assert int(again[0].timestamp) >= int(first.timestamp) >= int(time.time()) - 300
    assert receiver.unverified() == []
    console.close()
