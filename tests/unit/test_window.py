"""Whether an event takes registrations at a given moment."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.registrations.domain.registration_life import Window, registration_state

pytestmark = pytest.mark.unit

STARTS_AT = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
OPENS_AT = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
CLOSES_AT = datetime(2026, 11, 28, 22, 59, tzinfo=UTC)
BEFORE_CLOSING = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)


def event_copy(**overrides: Any) -> Window:
    values: dict[str, Any] = {
        "status": "published",
        "starts_at": STARTS_AT,
        "registration_opens_at": OPENS_AT,
        "registration_closes_at": CLOSES_AT,
        "capacity": 200,
        "seats_taken": 0,
    }
    values.update(overrides)
    return Window(**values)


def test_registration_state_between_opening_and_closing_is_open():
    event = event_copy()

    state = registration_state(event, BEFORE_CLOSING)

    assert state == "open"


def test_registration_state_at_opening_moment_is_open():
    event = event_copy()

    state = registration_state(event, OPENS_AT)

    assert state == "open"


def test_registration_state_before_opening_is_not_yet_open():
    event = event_copy()

    state = registration_state(event, OPENS_AT - timedelta(seconds=1))

    assert state == "not_yet_open"


def test_registration_state_without_opening_time_is_open_at_once():
    event = event_copy(registration_opens_at=None)

    state = registration_state(event, datetime(2026, 1, 1, tzinfo=UTC))

    assert state == "open"


def test_registration_state_at_closing_moment_is_closed():
    event = event_copy()

    state = registration_state(event, CLOSES_AT)

    assert state == "closed"


def test_registration_state_after_closing_before_start_is_closed():
    event = event_copy()

    state = registration_state(event, CLOSES_AT + timedelta(hours=1))

    assert state == "closed"


def test_registration_state_without_closing_time_open_until_start():
    event = event_copy(registration_closes_at=None)

    state = registration_state(event, STARTS_AT - timedelta(seconds=1))

    assert state == "open"


def test_registration_state_without_closing_time_closed_once_event_started():
    event = event_copy(registration_closes_at=None)

    state = registration_state(event, STARTS_AT)

    assert state == "closed"


def test_registration_state_cancelled_event_is_cancelled():
    event = event_copy(status="cancelled")

    state = registration_state(event, BEFORE_CLOSING)

    assert state == "cancelled"


def test_registration_state_cancelled_full_event_is_cancelled_not_full():
    event = event_copy(status="cancelled", seats_taken=200)

    state = registration_state(event, BEFORE_CLOSING)

    assert state == "cancelled"


def test_registration_state_completed_event_is_closed():
    event = event_copy(status="completed")

    state = registration_state(event, BEFORE_CLOSING)

    assert state == "closed"


def test_registration_state_all_seats_taken_is_full():
    event = event_copy(seats_taken=200)

    state = registration_state(event, BEFORE_CLOSING)

    assert state == "full"


def test_registration_state_last_seat_left_is_open():
    event = event_copy(seats_taken=199)

    state = registration_state(event, BEFORE_CLOSING)

    assert state == "open"


def test_registration_state_full_after_closing_is_closed():
    event = event_copy(seats_taken=200)

    state = registration_state(event, CLOSES_AT)

    assert state == "closed"


def test_registration_state_full_before_opening_is_not_yet_open():
    event = event_copy(seats_taken=200)

    state = registration_state(event, OPENS_AT - timedelta(days=1))

    assert state == "not_yet_open"


def test_registration_state_meeting_not_open_to_public_is_closed():
    event = event_copy(open_to_public=False)

    state = registration_state(event, BEFORE_CLOSING)

    assert state == "closed"
