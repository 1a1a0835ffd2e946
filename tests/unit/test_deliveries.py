"""Delivery keys, Message-IDs and the retry schedule."""

import re
from datetime import UTC, datetime, timedelta
from email.headerregistry import HeaderRegistry

import pytest

from services.notifications.domain.delivery_life import delivery_key, message_id, next_attempt
from services.notifications.settings import NotificationsSettings

pytestmark = pytest.mark.unit

DOMAIN = "convegni.example.it"
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
SCHEDULE = (30.0, 120.0, 600.0)
REGISTRATION_ID = "3d1e9a70-5b2c-4f61-8e9d-0c1b2a3f4e5d"


def test_delivery_key_without_revision_is_registration_and_kind():
    key = delivery_key(REGISTRATION_ID, "confirmed")

    assert key == f"{REGISTRATION_ID}/confirmed"


def test_delivery_key_with_revision_appends_it():
    key = delivery_key(REGISTRATION_ID, "updated", 4)

    assert key == f"{REGISTRATION_ID}/updated/4"


def test_delivery_key_revision_zero_is_kept():
    key = delivery_key(REGISTRATION_ID, "updated", 0)

    assert key == f"{REGISTRATION_ID}/updated/0"


def test_delivery_key_recomputed_is_equal():
    keys = (
        delivery_key(REGISTRATION_ID, "updated", 2),
        delivery_key(REGISTRATION_ID, "updated", 2),
    )

    assert keys[0] == keys[1]


def test_delivery_key_different_revisions_differ():
    keys = (
        delivery_key(REGISTRATION_ID, "updated", 2),
        delivery_key(REGISTRATION_ID, "updated", 3),
    )

    assert keys[0] != keys[1]


def test_message_id_is_stable_for_the_same_key():
    key = delivery_key(REGISTRATION_ID, "confirmed")

    ids = (message_id(key, DOMAIN), message_id(key, DOMAIN))

    assert ids[0] == ids[1]


def test_message_id_differs_for_another_key():
    keys = (delivery_key(REGISTRATION_ID, "confirmed"), delivery_key("other", "confirmed"))

    ids = (message_id(keys[0], DOMAIN), message_id(keys[1], DOMAIN))

    assert ids[0] != ids[1]


def test_message_id_has_rfc5322_msg_id_shape():
    key = delivery_key(REGISTRATION_ID, "confirmed")

    value = message_id(key, DOMAIN)

    assert re.fullmatch(r"<[0-9a-f]{32}@convegni\.example\.it>", value)


def test_message_id_is_accepted_by_the_email_header_parser():
    value = message_id(delivery_key(REGISTRATION_ID, "confirmed"), DOMAIN)

    header = HeaderRegistry()("Message-ID", value)

    assert (str(header), header.defects) == (value, ())


def test_next_attempt_after_first_failure_uses_first_delay():
    attempts = 1

    when = next_attempt(attempts, NOW, SCHEDULE)

    assert when == NOW + timedelta(seconds=30)


def test_next_attempt_follows_the_schedule_in_order():
    attempts = range(1, len(SCHEDULE) + 1)

    delays = [next_attempt(n, NOW, SCHEDULE) - NOW for n in attempts]

    assert delays == [timedelta(seconds=30), timedelta(seconds=120), timedelta(seconds=600)]


def test_next_attempt_after_schedule_is_spent_is_none():
    attempts = len(SCHEDULE) + 1

    when = next_attempt(attempts, NOW, SCHEDULE)

    assert when is None


def test_next_attempt_far_beyond_schedule_is_none():
    attempts = 100

    when = next_attempt(attempts, NOW, SCHEDULE)

    assert when is None


def test_next_attempt_empty_schedule_is_none_at_once():
    attempts = 1

    when = next_attempt(attempts, NOW, ())

    assert when is None


def test_next_attempt_default_schedule_gives_eight_retries_then_none():
    schedule = NotificationsSettings.model_fields["retry_schedule_seconds"].default

    retries = [next_attempt(n, NOW, schedule) for n in range(1, 10)]

    assert [when is not None for when in retries] == [True] * 8 + [False]
