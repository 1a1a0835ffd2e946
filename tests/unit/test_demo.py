"""The demo conferences: six real ones, the past ones kept, the others moved to their next day."""

import json
import re
from datetime import date, datetime
from typing import Any

import pytest

from devstack.demo import DEMO_FILE, demo_events, move_to_next_occurrence
from services.events.domain.validation import check_event
from services.events.web.schemas import EventIn

pytestmark = pytest.mark.unit

WELFARE = "welfare-area-omogenea-cremasca"
AREA_OMOGENEA = "area-omogenea-cremasca-territorio-piu-unito"
GOVERNANCE = "anci-lombardia-area-omogenea-consorzio-it"
DISTRETTO = "distretto-del-cibo-pandino"
REGOLAMENTO = "regolamento-area-omogenea"
BASSA_BRESCIANA = "sindaci-bassa-bresciana-gestione-associata"
REAL_DAYS = {
    GOVERNANCE: "2024-09-19",
    DISTRETTO: "2024-09-13",
    REGOLAMENTO: "2023-12-04",
    BASSA_BRESCIANA: "2025-06-23",
}
ORGANIZATIONS = {
    "area-omogenea-cremasca": "Area Omogenea Cremasca",
    "anci-lombardia": "ANCI Lombardia",
    "provincia-cremona": "Provincia di Cremona",
    "hub-della-conoscenza": "Hub della Conoscenza",
}
TOPIC = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TODAYS = [
    date(2024, 1, 1),
    date(2026, 11, 22),
    date(2026, 12, 1),
    date(2027, 3, 1),
    date(2031, 7, 4),
]


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


def payload_of(event: dict[str, Any]) -> dict[str, Any]:
    """The EventIn payload: the event without the loader's own keys."""
    return {k: v for k, v in event.items() if k not in ("organization", "keep_date")}


@pytest.mark.parametrize("today", TODAYS)
def test_demo_events_every_event_validates_as_event_in(today):
    events = demo_events(today)

    for event in events:
        check_event(EventIn.model_validate(payload_of(event)))


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


@pytest.mark.parametrize("today", TODAYS)
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


def test_demo_file_holds_the_six_conferences():
    slugs = [event["slug"] for event in original_events()]

    assert sorted(slugs) == sorted(
        [WELFARE, AREA_OMOGENEA, GOVERNANCE, DISTRETTO, REGOLAMENTO, BASSA_BRESCIANA]
    )


def test_demo_file_keeps_the_real_date_of_the_four_past_conferences_only():
    events = original_events()

    kept = {e["slug"]: e["starts_at"][:10] for e in events if e.get("keep_date")}

    assert kept == REAL_DAYS


@pytest.mark.parametrize("today", TODAYS)
def test_demo_events_kept_conferences_stay_on_their_real_day_whatever_today(today):
    events = by_slug(demo_events(today))

    days = {slug: {moment[:10] for moment in datetimes(events[slug])} for slug in REAL_DAYS}

    assert days == {slug: {day} for slug, day in REAL_DAYS.items()}


@pytest.mark.parametrize("today", TODAYS)
def test_demo_events_moved_conferences_land_after_today(today):
    events = by_slug(demo_events(today))

    days = {
        slug: date.fromisoformat(events[slug]["starts_at"][:10])
        for slug in (WELFARE, AREA_OMOGENEA)
    }

    assert {slug: day > today for slug, day in days.items()} == {WELFARE: True, AREA_OMOGENEA: True}


def test_demo_file_conferences_without_known_times_span_their_day_unannounced():
    events = original_events()

    unannounced = {
        e["slug"]: (e["starts_at"][11:], e["ends_at"][11:], datetimes(e["programme"]))
        for e in events
        if not e.get("times_announced", True)
    }

    assert unannounced == {slug: ("00:00:00", "23:59:00", []) for slug in REAL_DAYS}


def test_demo_file_guessed_ends_are_noted_not_written_in_the_description():
    events = by_slug(original_events())

    notes = {slug: events[slug].get("end_note") for slug in (WELFARE, AREA_OMOGENEA)}

    assert notes == {WELFARE: "orario di chiusura indicativo", AREA_OMOGENEA: "termine indicativo"}
    assert [e["slug"] for e in events.values() if "indicativ" in e["description"].lower()] == []


def test_demo_file_every_organization_is_one_of_the_four_demo_organizations():
    events = original_events()

    organizations = {e["organization"]["slug"]: e["organization"]["name"] for e in events}

    assert organizations == ORGANIZATIONS
    assert [e["organization"]["name"] for e in events] == [
        ORGANIZATIONS[e["organization"]["slug"]] for e in events
    ]


def test_demo_file_every_conference_has_one_to_three_slug_topics():
    events = original_events()

    topics = {e["slug"]: e.get("topics", []) for e in events}

    assert {slug: 1 <= len(t) <= 3 for slug, t in topics.items()} == dict.fromkeys(topics, True)
    assert [t for ts in topics.values() for t in ts if not TOPIC.match(t)] == []


def test_demo_file_topics_group_more_than_one_conference():
    events = original_events()

    counts = {t: sum(t in e["topics"] for e in events) for e in events for t in e["topics"]}

    assert {t: n for t, n in counts.items() if n > 1} == {"governance": 5, "gestione-associata": 3}


def test_demo_file_regolamento_meeting_is_hybrid_and_not_public():
    event = by_slug(original_events())[REGOLAMENTO]

    shape = {k: event[k] for k in ("attendance_mode", "open_to_public", "organization")}

    assert shape == {
        "attendance_mode": "hybrid",
        "open_to_public": False,
        "organization": {"slug": "provincia-cremona", "name": "Provincia di Cremona"},
    }
    assert event["online_capacity"] >= 1


def test_demo_file_distretto_del_cibo_beduschi_is_invited():
    event = by_slug(original_events())[DISTRETTO]

    roles = {s["name"]: s["role"] for item in event["programme"] for s in item["speakers"]}

    assert roles == {"Alessandro Beduschi": "invited"}


def test_demo_file_welfare_audience_and_supporters_come_from_the_source():
    event = by_slug(original_events())[WELFARE]

    assert (event["audience"], event["supporters"]) == (
        [
            "Sindaci",
            "amministratori",
            "rappresentanti delle istituzioni",
            "dirigenti delle aziende e delle comunità socio-sanitarie locali",
            "esperti",
            "operatori del Terzo Settore",
        ],
        ["Consorzio.it"],
    )


def test_demo_file_bassa_bresciana_says_the_year_is_not_in_the_source():
    event = by_slug(original_events())[BASSA_BRESCIANA]

    co_organizers = [o["name"] for o in event["co_organizers"]]

    assert co_organizers == ["Politecnico di Milano", "Formez PA"]
    assert "anno non indicato nella fonte" in event["description"]


def test_demo_file_every_co_organizer_has_a_slug():
    events = original_events()

    missing = [o["name"] for e in events for o in e.get("co_organizers", []) if not o.get("slug")]

    assert missing == []
