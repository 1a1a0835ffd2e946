"""Each service's /metrics holds the series an operator watches, and one registration moves
them: the request, the outcome, the outbox, the consumers, the email and its SMTP time."""

from datetime import timedelta

import pytest

from devstack.waiting import wait_until
from tests.notifications.mailbox import register, soon_event, wait_for_mails_to
from tests.operations.readings import scrape, value
from tests.support.people import people
from tests.support.system import publish, wait_until_registrable

pytestmark = pytest.mark.e2e

EVERY_SERVICE = {
    "convegni_http_requests_total",
    "convegni_http_request_duration_seconds_bucket",
    "convegni_outbox_pending",
    "convegni_outbox_oldest_age_seconds",
    "convegni_bus_connected",
}
CONSUMING = {
    "convegni_consumer_pending",
    "convegni_consumer_ack_pending",
    "convegni_consumer_redelivered",
    "convegni_dead_letters",
}
ROUTE = "/api/events/{slug}/registrations"


def names(service_samples) -> set[str]:
    return {name for name, _ in service_samples}


def outbox_quiet(stack) -> bool:
    """Nothing left in registrations' outbox, and its published count no longer moving (it
    moves just after the rows are marked)."""
    first = scrape(stack, "registrations")
    second = scrape(stack, "registrations")
    published = "convegni_outbox_published_total"
    return value(second, "convegni_outbox_pending") == 0 and value(first, published) == value(
        second, published
    )


def test_every_service_exposes_the_series_an_operator_watches(stack):
    publish(stack, soon_event(timedelta(days=3), timedelta(hours=2)))

    found = {service: names(scrape(stack, service)) for service in stack.services}

    assert EVERY_SERVICE <= found["events"]
    assert EVERY_SERVICE | CONSUMING <= found["registrations"]
    assert EVERY_SERVICE | CONSUMING | {"convegni_deliveries"} <= found["notifications"]


def test_one_registration_moves_the_series_of_its_way_through_the_system(stack):
    event = publish(stack, soon_event(timedelta(days=3), timedelta(hours=2)))
    wait_until_registrable(stack, event["slug"])
    [giulia] = people(1, tag="metered")
    # The event's arrival makes registrations publish its availability: counted before, not
    # within, the registration's moves.
    wait_until(lambda: outbox_quiet(stack), timeout=30, what="registrations' outbox published")
    before = {service: scrape(stack, service) for service in ("registrations", "notifications")}

    answer = register(stack, event["slug"], giulia)
    wait_for_mails_to(stack, giulia, 1)
    # The sender marks the delivery sent just after the SMTP server accepted it.
    after_mail = wait_until(
        lambda: (
            (s := scrape(stack, "notifications"))
            and value(s, "convegni_emails_total", kind="confirmed", outcome="sent")
            > value(
                before["notifications"], "convegni_emails_total", kind="confirmed", outcome="sent"
            )
            and s
        ),
        timeout=30,
        what="the email counted",
    )
    after = {"registrations": scrape(stack, "registrations"), "notifications": after_mail}

    def moved(service: str, name: str, **labels: str) -> float:
        return value(after[service], name, **labels) - value(before[service], name, **labels)

    assert answer.status_code == 201, answer.text
    assert (
        moved("registrations", "convegni_registrations_total", channel="api", outcome="confirmed")
        == 1
    )
    assert (
        moved(
            "registrations",
            "convegni_http_requests_total",
            method="POST",
            route=ROUTE,
            status="201",
        )
        == 1
    )
    assert moved("registrations", "convegni_outbox_published_total") == 1
    assert value(after["registrations"], "convegni_outbox_pending") == 0
    assert (
        moved(
            "notifications",
            "convegni_messages_handled_total",
            consumer="notifications-registrations",
            result="ok",
        )
        == 1
    )
    assert moved("notifications", "convegni_emails_total", kind="confirmed", outcome="sent") == 1
    assert moved("notifications", "convegni_deliveries", state="sent") == 1
    assert moved("notifications", "convegni_smtp_send_seconds_count") == 1
    assert (
        value(
            after["notifications"],
            "convegni_consumer_pending",
            consumer="notifications-registrations",
        )
        == 0
    )
