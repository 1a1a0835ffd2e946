"""Checks an event must pass before it is stored, each failure said in words."""

from typing import Any

import pytest

from services.events.domain.validation import check_event
from services.events.web.schemas import EventIn
from shared.errors import Invalid

pytestmark = pytest.mark.unit


def payload(**overrides: Any) -> dict[str, Any]:
    """A valid event in Crema, 30 November 2026 09:00-13:00, naive times read in Rome."""
    values: dict[str, Any] = {
        "title": "Coordinare le politiche sociali",
        "timezone": "Europe/Rome",
        "doors_open_at": "2026-11-30T08:30:00",
        "starts_at": "2026-11-30T09:00:00",
        "ends_at": "2026-11-30T13:00:00",
        "venue": {"name": "Sala Pietro da Cemmo", "city": "Crema"},
        "capacity": 200,
        "registration_opens_at": "2026-10-01T09:00:00",
        "registration_closes_at": "2026-11-28T23:59:00",
        "programme": [
            {"kind": "opening", "title": "Introduzione", "starts_at": "2026-11-30T09:00:00"},
            {
                "kind": "section",
                "title": "Prima sessione",
                "items": [
                    {
                        "kind": "talk",
                        "title": "I sub-ambiti",
                        "starts_at": "2026-11-30T09:30:00",
                        "ends_at": "2026-11-30T10:00:00",
                    },
                    {"kind": "debate", "title": "Dibattito"},
                ],
            },
        ],
    }
    values.update(overrides)
    return values


def problems_of(event: EventIn) -> list[str]:
    with pytest.raises(Invalid) as raised:
        check_event(event)
    return raised.value.details


def test_check_event_valid_event_passes():
    event = EventIn(**payload())

    result = check_event(event)

    assert result is None


def test_check_event_end_before_start_is_invalid():
    event = EventIn(**payload(ends_at="2026-11-30T08:59:00"))

    problems = problems_of(event)

    assert problems == ["ends_at must be after starts_at"]


def test_check_event_end_equal_to_start_is_invalid():
    event = EventIn(**payload(ends_at="2026-11-30T09:00:00", programme=[]))

    problems = problems_of(event)

    assert problems == ["ends_at must be after starts_at"]


def test_check_event_invalid_has_status_422_and_a_message():
    event = EventIn(**payload(ends_at="2026-11-30T08:00:00"))

    with pytest.raises(Invalid) as raised:
        check_event(event)

    assert (raised.value.status, raised.value.message) == (422, "The event has problems to fix")


def test_check_event_doors_after_start_is_invalid():
    event = EventIn(**payload(doors_open_at="2026-11-30T09:15:00"))

    problems = problems_of(event)

    assert problems == ["doors_open_at must not be after starts_at"]


def test_check_event_doors_at_start_is_valid():
    event = EventIn(**payload(doors_open_at="2026-11-30T09:00:00"))

    result = check_event(event)

    assert result is None


def test_check_event_registration_closing_before_opening_is_invalid():
    event = EventIn(
        **payload(
            registration_opens_at="2026-11-20T09:00:00",
            registration_closes_at="2026-11-10T09:00:00",
        )
    )

    problems = problems_of(event)

    assert problems == ["registration_closes_at must be after registration_opens_at"]


def test_check_event_registration_closing_after_event_end_is_invalid():
    event = EventIn(**payload(registration_closes_at="2026-11-30T13:01:00"))

    problems = problems_of(event)

    assert problems == ["registration_closes_at must not be after the event ends"]


def test_check_event_programme_item_on_another_day_is_invalid():
    programme = [{"kind": "talk", "title": "Il giorno prima", "starts_at": "2026-11-29T18:00:00"}]
    event = EventIn(**payload(programme=programme))

    problems = problems_of(event)

    assert problems == [
        "programme item 'Il giorno prima' (programme[0]): time outside the event's day(s)"
    ]


def test_check_event_programme_item_ending_after_midnight_is_invalid():
    programme = [
        {
            "kind": "talk",
            "title": "Cena",
            "starts_at": "2026-11-30T20:00:00",
            "ends_at": "2026-12-01T00:30:00",
        }
    ]
    event = EventIn(**payload(programme=programme))

    problems = problems_of(event)

    assert problems == ["programme item 'Cena' (programme[0]): time outside the event's day(s)"]


def test_check_event_programme_item_late_on_event_day_is_valid():
    programme = [{"kind": "other", "title": "Aperitivo", "starts_at": "2026-11-30T23:30:00"}]
    event = EventIn(**payload(programme=programme))

    result = check_event(event)

    assert result is None


def test_check_event_programme_day_is_the_local_day_not_the_utc_day():
    # 00:30 in Rome on 30 November is still 29 November in UTC.
    programme = [{"kind": "other", "title": "Allestimento", "starts_at": "2026-11-30T00:30:00"}]
    event = EventIn(**payload(programme=programme))

    result = check_event(event)

    assert result is None


def test_check_event_programme_item_end_before_start_is_invalid():
    programme = [
        {
            "kind": "talk",
            "title": "Relazione",
            "starts_at": "2026-11-30T10:00:00",
            "ends_at": "2026-11-30T09:45:00",
        }
    ]
    event = EventIn(**payload(programme=programme))

    problems = problems_of(event)

    assert problems == ["programme item 'Relazione' (programme[0]): end must be after start"]


def test_check_event_nested_section_item_problems_name_their_path():
    programme = [
        {"kind": "opening", "title": "Introduzione", "starts_at": "2026-11-30T09:00:00"},
        {
            "kind": "section",
            "title": "Prima sessione",
            "items": [
                {"kind": "talk", "title": "Regolare", "starts_at": "2026-11-30T09:30:00"},
                {
                    "kind": "talk",
                    "title": "A rovescio",
                    "starts_at": "2026-11-30T11:00:00",
                    "ends_at": "2026-11-30T10:30:00",
                },
                {
                    "kind": "section",
                    "title": "Sottosezione",
                    "items": [
                        {"kind": "talk", "title": "Fuori data", "starts_at": "2026-12-02T10:00"}
                    ],
                },
            ],
        },
    ]
    event = EventIn(**payload(programme=programme))

    problems = problems_of(event)

    assert problems == [
        "programme item 'A rovescio' (programme[1].items[1]): end must be after start",
        "programme item 'Fuori data' (programme[1].items[2].items[0]): "
        "time outside the event's day(s)",
    ]


def test_check_event_lists_every_problem_at_once():
    programme = [{"kind": "talk", "title": "Ieri", "starts_at": "2026-11-29T10:00:00"}]
    event = EventIn(
        **payload(
            doors_open_at="2026-11-30T09:30:00",
            ends_at="2026-11-30T08:00:00",
            programme=programme,
        )
    )

    problems = problems_of(event)

    assert problems == [
        "ends_at must be after starts_at",
        "doors_open_at must not be after starts_at",
        "programme item 'Ieri' (programme[0]): time outside the event's day(s)",
    ]


def test_check_event_multi_day_event_accepts_items_on_its_last_day():
    programme = [{"kind": "closing", "title": "Chiusura", "starts_at": "2026-12-01T12:00:00"}]
    event = EventIn(**payload(ends_at="2026-12-01T13:00:00", programme=programme))

    result = check_event(event)

    assert result is None


def test_check_event_aware_times_keep_their_instant():
    # 08:30Z is 09:30 in Rome: the doors would open after the 09:00 start.
    event = EventIn(**payload(doors_open_at="2026-11-30T08:30:00Z"))

    problems = problems_of(event)

    assert problems == ["doors_open_at must not be after starts_at"]


def test_check_event_unknown_timezone_is_invalid_with_a_readable_message():
    event = EventIn(**payload(timezone="Mars/Olympus_Mons"))

    with pytest.raises(Invalid) as raised:
        check_event(event)

    assert raised.value.message == (
        "Unknown timezone 'Mars/Olympus_Mons': use an IANA name such as Europe/Rome"
    )


def test_check_event_timezone_naming_a_region_is_invalid():
    event = EventIn(**payload(timezone="Europe"))

    with pytest.raises(Invalid) as raised:
        check_event(event)

    assert raised.value.message == (
        "Unknown timezone 'Europe': use an IANA name such as Europe/Rome"
    )


def test_check_event_last_day_of_the_calendar_is_refused_naming_the_fields():
    event = EventIn(
        **payload(
            doors_open_at=None,
            starts_at="9999-12-31T09:00:00",
            ends_at="9999-12-31T23:00:00",
            registration_closes_at=None,
            programme=[],
        )
    )

    problems = problems_of(event)

    assert problems == [
        "starts_at: the year must be between 2000 and 2100",
        "ends_at: the year must be between 2000 and 2100",
    ]


def test_check_event_year_one_with_an_offset_is_refused_not_overflowed():
    event = EventIn(**payload(doors_open_at="0001-01-01T00:00:00+01:00"))

    problems = problems_of(event)

    assert problems == ["doors_open_at: the year must be between 2000 and 2100"]


def test_check_event_programme_item_in_an_absurd_year_is_refused_by_its_path():
    item = {"kind": "talk", "title": "Fuori dal tempo", "starts_at": "9999-12-31T23:00:00"}
    event = EventIn(**payload(programme=[item]))

    problems = problems_of(event)

    assert problems == ["programme[0].starts_at: the year must be between 2000 and 2100"]


def test_check_event_registration_window_in_an_absurd_year_is_refused():
    event = EventIn(**payload(registration_opens_at="1900-01-01T09:00:00"))

    problems = problems_of(event)

    assert problems == ["registration_opens_at: the year must be between 2000 and 2100"]


@pytest.mark.parametrize("year", [2000, 2100])
def test_check_event_the_window_takes_its_first_and_last_years(year):
    event = EventIn(
        **payload(
            doors_open_at=None,
            starts_at=f"{year}-06-01T09:00:00",
            ends_at=f"{year}-06-01T13:00:00",
            registration_opens_at=None,
            registration_closes_at=None,
            programme=[],
        )
    )

    result = check_event(event)

    assert result is None
