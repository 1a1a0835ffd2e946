"""The demo conferences, moved to their next occurrence before loading."""

import json
from datetime import date, datetime
from typing import Any

import pytest

from devstack.demo import DEMO_FILE, demo_events, move_to_next_occurrence
from services.events.domain.validation import check_event
from services.events.schemas import EventIn

pytestmark = pytest.mark.unit

WELFARE = "welfare-area-omogenea-cremasca"
AREA_OMOGENEA = "area-omogenea-cremasca-territorio-piu-unito"


def by_slug(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {event["slug"]: event for event in events}


def datetimes(value: Any) -> list[str]:
    """Every '..._at' value of an event, nested programme included."""
    if isinstance(value, list):
        return [found for item in value for found in datetimes(item)]
    if not isinstance(value, dict):
        return []
    found = []
    for key, item in value.items():
        if key.endswith("_at") and isinstance(item, str):
            found.append(item)
        else:
            found.extend(datetimes(item))
    return found


def original_events() -> list[dict[str, Any]]:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))["events"]


@pytest.mark.parametrize("today", [date(2026, 11, 22), date(2026, 12, 1), date(2027, 3, 1)])
def test_demo_events_every_event_validates_as_event_in(today):
    events = demo_events(today)

    for event in events:
        payload = {k: v for k, v in event.items() if k not in ("organization", "keep_date")}
        check_event(EventIn.model_validate(payload))


def test_demo_events_keeps_every_demo_event():
    today = date(2026, 11, 22)

    events = demo_events(today)

    assert [event["slug"] for event in events] == [e["slug"] for e in original_events()]


def test_demo_events_welfare_before_its_day_lands_on_this_year():
    today = date(2026, 11, 22)

    event = by_slug(demo_events(today))[WELFARE]

    assert (event["starts_at"], event["ends_at"]) == ("2026-11-30T09:00:00", "2026-11-30T13:00:00")


def test_demo_events_area_omogenea_already_past_this_year_lands_next_year():
    today = date(2026, 11, 22)

    event = by_slug(demo_events(today))[AREA_OMOGENEA]

    assert (event["starts_at"], event["ends_at"]) == ("2027-02-24T09:30:00", "2027-02-24T12:00:00")


def test_demo_events_welfare_after_its_day_lands_next_year():
    today = date(2026, 12, 1)

    event = by_slug(demo_events(today))[WELFARE]

    assert event["starts_at"] == "2027-11-30T09:00:00"


def test_move_to_next_occurrence_on_the_day_itself_moves_to_next_year():
    event = by_slug(original_events())[WELFARE]

    moved = move_to_next_occurrence(event, date(2026, 11, 30))

    assert moved["starts_at"] == "2027-11-30T09:00:00"


@pytest.mark.parametrize("today", [date(2026, 11, 22), date(2026, 12, 1)])
def test_demo_events_every_datetime_stays_on_the_event_day(today):
    events = demo_events(today)

    days = {event["slug"]: {moment[:10] for moment in datetimes(event)} for event in events}
    assert days == {event["slug"]: {event["starts_at"][:10]} for event in events}


def test_move_to_next_occurrence_keeps_times_of_day_and_shifts_every_datetime():
    event = by_slug(original_events())[WELFARE]

    moved = move_to_next_occurrence(event, date(2026, 11, 22))

    assert datetimes(moved) == [
        "2026-11-30T08:30:00",
        "2026-11-30T09:00:00",
        "2026-11-30T13:00:00",
        "2026-11-30T08:30:00",
        "2026-11-30T09:00:00",
    ]


def test_move_to_next_occurrence_copies_everything_else():
    event = by_slug(original_events())[AREA_OMOGENEA]

    moved = move_to_next_occurrence(event, date(2026, 11, 22))

    assert {k: v for k, v in moved.items() if not k.endswith("_at") and k != "programme"} == {
        k: v for k, v in event.items() if not k.endswith("_at") and k != "programme"
    }


def test_move_to_next_occurrence_leaves_the_input_unchanged():
    event = by_slug(original_events())[WELFARE]
    before = json.dumps(event, sort_keys=True)

    move_to_next_occurrence(event, date(2026, 11, 22))

    assert json.dumps(event, sort_keys=True) == before


def test_move_to_next_occurrence_leap_day_event_moves_to_a_valid_date():
    event = {"slug": "bisestile", "starts_at": "2024-02-29T10:00:00"}

    moved = move_to_next_occurrence(event, date(2026, 1, 10))

    assert datetime.fromisoformat(moved["starts_at"]).date() > date(2026, 1, 10)
