"""The webhook rules without anything running: signatures as Standard Webhooks' own library
verifies them, the addresses accepted, the kinds, the retry schedule and the delivery's
life, and what each kind's body carries (and does not)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook

from services.events.domain.webhook_life import (
    Answer,
    Attempted,
    DeliveryAction,
    after_attempt,
    retry_delay,
)
from services.events.domain.webhook_payloads import About, body, kind_of
from services.events.domain.webhooks import (
    KINDS,
    WebhookRefused,
    checked_kinds,
    checked_url,
    headers,
    secret_from,
    webhook_id,
)
from shared.contracts import PersonV1, RegistrationCancelledV1, RegistrationConfirmedV1

pytestmark = pytest.mark.unit

SCHEDULE = (5.0, 300.0, 1800.0)
AT = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
ABOUT = About(event_id="e1", slug="forum-2026", organization_id=1)


def person_fact(cls, **extra):
    person = PersonV1(first_name="Maria", last_name="Rossi", email="maria@comune.it")
    common = {"registration_id": "r1", "event_id": "e1", "event_revision": 1, "person": person}
    return cls(**common, at=AT, manage_url="https://x.it/r/secret-token", **extra)


def test_a_signed_delivery_verifies_with_the_standard_webhooks_library():
    secret = secret_from(bytes(range(32)))
    sent = b'{"type":"event.published","timestamp":"2026-11-02T10:00:00+00:00","data":{}}'
    now = int(datetime.now(UTC).timestamp())

    given = headers(secret, "msg_abc", now, sent)

    assert Webhook(secret).verify(sent, given) == json.loads(sent)
    assert given["webhook-signature"].startswith("v1,")


def test_a_changed_body_does_not_verify():
    secret = secret_from(bytes(32))
    now = int(datetime.now(UTC).timestamp())
    given = headers(secret, "msg_abc", now, b"{}")

    with pytest.raises(Exception, match="signature"):
        Webhook(secret).verify(b'{"x":1}', given)


@pytest.mark.parametrize(
    ("url", "local", "accepted"),
    [
        ("https://crm.comune.it/hooks", False, True),
        ("http://crm.comune.it/hooks", False, False),
        ("http://127.0.0.1:9000/hook", False, False),
        ("http://127.0.0.1:9000/hook", True, True),
        ("http://10.0.0.1/hook", True, False),
        ("https://user:pw@crm.it/", False, False),
        ("ftp://crm.it/", True, False),
        ("", False, False),
    ],
)
def test_only_https_addresses_or_local_http_where_allowed(url, local, accepted):
    try:
        checked_url(url, allow_local_http=local)
        result = True
    except WebhookRefused:
        result = False

    assert result == accepted


def test_kinds_come_back_in_the_listed_order_and_unknown_or_none_are_refused():
    assert checked_kinds(["event.cancelled", "registration.confirmed"]) == [
        "registration.confirmed",
        "event.cancelled",
    ]
    with pytest.raises(WebhookRefused):
        checked_kinds([])
    with pytest.raises(WebhookRefused):
        checked_kinds(["registration.hacked"])
    assert len(KINDS) == 8


@pytest.mark.parametrize(
    ("status", "attempts", "action"),
    [
        (204, 1, DeliveryAction.SUCCEED),
        (500, 1, DeliveryAction.FAIL_FOR_NOW),
        (None, 3, DeliveryAction.FAIL_FOR_NOW),
        (500, 4, DeliveryAction.GIVE_UP),
        (410, 1, DeliveryAction.GIVE_UP),
        (302, 1, DeliveryAction.FAIL_FOR_NOW),
    ],
)
def test_the_answer_and_the_attempts_choose_the_move(status, attempts, action):
    step = after_attempt(Attempted(Answer(status, "refused"), attempts, SCHEDULE))

    assert step.action is action


def test_retry_delays_follow_the_schedule_within_a_tenth():
    delays = [retry_delay(n, SCHEDULE, spread) for n in (1, 2, 3) for spread in (-1, 1)]

    assert delays == [
        timedelta(seconds=4.5),
        timedelta(seconds=5.5),
        timedelta(seconds=270),
        timedelta(seconds=330),
        timedelta(seconds=1620),
        timedelta(seconds=1980),
    ]


def test_a_confirmation_carries_the_person_but_no_private_link():
    fact = person_fact(RegistrationConfirmedV1)

    sent = json.loads(body(fact, ABOUT, heard_at=AT))

    assert sent["type"] == "registration.confirmed"
    assert sent["timestamp"] == AT.isoformat()
    assert sent["data"]["person"]["email"] == "maria@comune.it"
    assert sent["data"]["event_slug"] == "forum-2026"
    assert "secret-token" not in json.dumps(sent)


def test_a_cancellation_carries_no_personal_data():
    fact = person_fact(RegistrationCancelledV1, reason="by_person", held_seat=True)

    sent = json.loads(body(fact, ABOUT, heard_at=AT))

    assert kind_of(fact) == "registration.cancelled"
    assert "person" not in sent["data"]
    assert "Maria" not in json.dumps(sent)


def test_the_webhook_id_is_stable_and_has_no_full_stop():
    assert (
        webhook_id("0b6f3b1e-6a55-4c9b-9d3c-2f3c8a4b7e10") == "msg_0b6f3b1e6a554c9b9d3c2f3c8a4b7e10"
    )
