"""The availability band from the seat counts (registrations), and what the public pages
show of it (events)."""

from datetime import UTC, datetime, timedelta

import pytest

from services.events.domain.availability import shown
from services.registrations.domain.availability import (
    Band,
    Seats,
    band_by_seats,
    few_from,
    with_waitlist,
)

pytestmark = pytest.mark.unit


def seats(taken: int, capacity: int = 100, **changes: object) -> Seats:
    given: dict[str, object] = {
        "status": "published",
        "open_to_public": True,
        "attendance_mode": "in_person",
        "capacity": capacity,
        "seats_taken": taken,
        "online_capacity": None,
        "online_seats_taken": 0,
        **changes,
    }
    return Seats(**given)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("capacity", "few"), [(1, 1), (5, 1), (10, 2), (20, 4), (50, 10), (1000, 10)]
)
def test_few_places_begin_at_ten_or_a_fifth_of_the_room(capacity, few):
    assert few_from(capacity) == few


@pytest.mark.parametrize(
    ("taken", "band"),
    [
        (0, Band("open")),
        (89, Band("open")),
        (90, Band("few", 10)),
        (99, Band("few", 1)),
        (100, Band("full")),
        (101, Band("full")),  # an organizer's seat beyond capacity
    ],
)
def test_an_in_person_event_fills_through_few_to_full(taken, band):
    assert band_by_seats(seats(taken)) == band


def test_a_full_room_with_online_places_is_online_only_then_full():
    hybrid = {"attendance_mode": "hybrid", "online_capacity": 50}

    assert band_by_seats(seats(100, **hybrid)) == Band("online_only")
    assert band_by_seats(seats(100, **hybrid, online_seats_taken=50)) == Band("full")
    assert band_by_seats(seats(95, **hybrid, online_seats_taken=50)) == Band("few", 5)


def test_an_online_event_counts_its_stream():
    online = {"attendance_mode": "online", "capacity": 0, "online_capacity": 10}

    assert band_by_seats(seats(0, **online)) == Band("open")
    assert band_by_seats(seats(0, **online, online_seats_taken=9)) == Band("few", 1)
    assert band_by_seats(seats(0, **online, online_seats_taken=10)) == Band("full")


def test_cancelled_or_invitation_only_is_closed():
    assert band_by_seats(seats(0, status="cancelled")) == Band("closed")
    assert band_by_seats(seats(0, open_to_public=False)) == Band("closed")


def test_full_with_a_waitlist_says_waitlist_and_compares_as_full():
    assert with_waitlist(Band("full"), True) == Band("waitlist")
    assert with_waitlist(Band("full"), False) == Band("full")
    assert with_waitlist(Band("few", 3), True) == Band("few", 3)
    assert Band("waitlist").by_seats() == Band("full")
    assert Band.stored("nonsense", None) == Band("")


def test_the_page_says_closed_once_the_window_passed_and_open_before_any_fact():
    now = datetime(2026, 12, 5, 12, tzinfo=UTC)
    later, earlier = now + timedelta(hours=1), now - timedelta(hours=1)

    assert shown(None, None, closes_at=later, now=now).band == "open"
    assert shown("waitlist", None, closes_at=earlier, now=now).band == "closed"
    assert shown("few", 3, closes_at=later, now=now).tag() == "few:3"
    assert shown("waitlist", None, closes_at=later, now=now).button == "register_waitlist"
    assert shown("full", None, closes_at=later, now=now).button is None
