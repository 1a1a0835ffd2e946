"""One correlation id (the W3C trace id) follows a registration from its HTTP request, through
the outbox and the NATS headers, to the log line saying its email left; and an organizer's
change from the events service, through registrations, to the emails it causes."""

from datetime import datetime, timedelta

import httpx
import pytest

from devstack.waiting import wait_until
from tests.notifications.mailbox import (
    event_input,
    register,
    soon_event,
    wait_for_mails_to,
)
from tests.operations.readings import traced
from tests.support.people import people
from tests.support.system import organizer_headers, publish, wait_until_registrable

pytestmark = pytest.mark.e2e

REGISTRATION_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CHANGE_TRACE = "0af7651916cd43dd8448eb211c80319c"


def caller(trace_id: str) -> dict[str, str]:
    """The headers of a client that already traces its own work (a proxy, another system)."""
    return {"traceparent": f"00-{trace_id}-b7ad6b7169203331-01"}


def test_registration_is_followed_from_its_request_to_its_email_by_one_trace_id(stack):
    event = publish(stack, soon_event(timedelta(days=3), timedelta(hours=2)))
    wait_until_registrable(stack, event["slug"])
    [maria] = people(1, tag="traced")

    answer = httpx.post(
        f"{stack.url('registrations')}/api/events/{event['slug']}/registrations",
        json={**maria.json(), "language": "it"},
        headers=caller(REGISTRATION_TRACE),
        timeout=30,
    )
    wait_for_mails_to(stack, maria, 1)
    sent = wait_until(
        lambda: [
            line
            for line in traced(stack, "notifications", REGISTRATION_TRACE)
            if line["message"] == "email confirmed accepted by SMTP"
        ],
        timeout=30,
        what="the email's log line",
    )

    assert answer.status_code == 201, answer.text
    assert answer.headers["traceparent"].split("-")[1] == REGISTRATION_TRACE
    [request] = traced(stack, "registrations", REGISTRATION_TRACE)
    assert (request["route"], request["status"]) == ("/api/events/{slug}/registrations", 201)
    heard = traced(stack, "notifications", REGISTRATION_TRACE)
    assert [line["message"] for line in heard] == [
        "notifications-registrations handled registrations.registration.confirmed",
        "email confirmed accepted by SMTP",
    ]
    assert sent[0]["delivery"].startswith(answer.json()["id"])
    assert {line["service"] for line in heard} == {"notifications"}


def test_organizer_change_is_followed_across_the_three_services_to_every_email(stack):
    event = publish(stack, soon_event(timedelta(days=3), timedelta(hours=2)))
    wait_until_registrable(stack, event["slug"])
    anna, luca = people(2, tag="moved")
    for person in (anna, luca):
        register(stack, event["slug"], person)
        wait_for_mails_to(stack, person, 1)
    body = event_input(stack, event["id"])
    starts_at = datetime.fromisoformat(body["starts_at"])
    body["starts_at"] = (starts_at - timedelta(minutes=30)).isoformat()  # the doors open earlier

    saved = httpx.put(
        f"{stack.url('events')}/api/organizer/events/{event['id']}",
        json=body,
        headers={**organizer_headers(stack), **caller(CHANGE_TRACE)},
        timeout=30,
    )
    for person in (anna, luca):
        wait_for_mails_to(stack, person, 2)
    emails = wait_until(
        lambda: (
            len(
                found := [
                    line
                    for line in traced(stack, "notifications", CHANGE_TRACE)
                    if line["message"].startswith("email ")
                ]
            )
            == 2
            and found
        ),
        timeout=30,
        what="both emails' log lines",
    )

    assert saved.status_code == 200, saved.text
    # The request's own line; the events service also hears its fact back (webhooks).
    [request] = [line for line in traced(stack, "events", CHANGE_TRACE) if "route" in line]
    assert (request["http_method"], request["route"]) == ("PUT", "/api/organizer/events/{event_id}")
    assert [line["message"] for line in traced(stack, "registrations", CHANGE_TRACE)] == [
        "registrations-events handled events.event.updated"
    ]
    assert [line["message"] for line in emails] == ["email rescheduled accepted by SMTP"] * 2
