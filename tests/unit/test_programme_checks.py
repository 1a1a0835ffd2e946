"""Programme checks: warnings the organizer may override, never refusals."""

from datetime import UTC, datetime
from typing import Any

import pytest

from services.events.domain.programme_checks import event_warnings, from_input
from services.events.domain.validation import check_event
from services.events.web.schemas import EventIn

pytestmark = pytest.mark.unit

DAY = "2026-11-30"


def talk(title: str, start: str | None, end: str | None = None, **more: Any) -> dict[str, Any]:
    return {
        "kind": more.pop("kind", "talk"),
        "title": title,
        "starts_at": f"{DAY}T{start}:00" if start else None,
        "ends_at": f"{DAY}T{end}:00" if end else None,
        **more,
    }


def event(*items: dict[str, Any], **overrides: Any) -> EventIn:
    """Crema, 30 November 2026 09:00-13:00, doors at 08:30, with `items`."""
    values: dict[str, Any] = {
        "title": "Coordinare le politiche sociali",
        "starts_at": f"{DAY}T09:00:00",
        "ends_at": f"{DAY}T13:00:00",
        "doors_open_at": f"{DAY}T08:30:00",
        "venue": {"name": "Sala Pietro da Cemmo", "city": "Crema"},
        "capacity": 200,
        "programme": list(items),
    }
    return EventIn(**(values | overrides))


def warnings(payload: EventIn, names: dict[int, str] | None = None, **more: Any) -> list[str]:
    check_event(payload)  # a warning is never a refusal: the event can be saved
    frame, slots = from_input(payload, names or {})
    return [w.said("it") for w in event_warnings(frame, slots, **more)]


def codes(payload: EventIn, **more: Any) -> list[str]:
    frame, slots = from_input(payload, {})
    return [w.code for w in event_warnings(frame, slots, **more)]


def test_items_overlapping_in_one_room_warn_on_each_naming_the_other():
    payload = event(
        talk("Relazione", "09:30", "10:15", room="Sala grande"),
        talk("Intervento", "10:00", "10:30", room="sala grande "),
    )

    said = warnings(payload)

    assert said == [
        "«Relazione» si sovrappone a «Intervento» (10:00-10:30) nella stessa sala, Sala grande.",
        "«Intervento» si sovrappone a «Relazione» (09:30-10:15) nella stessa sala, sala grande.",
    ]


def test_items_at_once_in_parallel_rooms_give_no_warning():
    payload = event(
        talk("Laboratorio A", "10:00", "11:00", room="Sala A"),
        talk("Laboratorio B", "10:00", "11:00", room="Sala B"),
    )

    assert warnings(payload) == []


def test_items_with_no_room_are_in_the_one_room_of_the_event():
    payload = event(talk("Relazione", "09:30", "10:15"), talk("Pausa", "10:00", "10:20"))

    assert codes(payload) == ["room_overlap", "room_overlap"]


def test_one_item_ending_as_the_next_starts_is_no_overlap():
    payload = event(talk("Relazione", "09:30", "10:00"), talk("Dibattito", "10:00", "10:30"))

    assert warnings(payload) == []


def test_a_section_and_its_own_items_do_not_overlap():
    section = talk("Prima sessione", "09:30", "11:00", kind="section")
    section["items"] = [talk("Relazione", "09:30", "10:00"), talk("Dibattito", "10:00", "11:00")]

    assert warnings(event(section)) == []


def test_an_item_before_the_doors_open_warns_with_both_times():
    payload = event(talk("Allestimento", "08:00", "08:30"))

    said = warnings(payload)

    assert said == ["«Allestimento» alle 08:00 viene prima dell'inizio dell'evento (08:30)."]


def test_registration_when_the_doors_open_is_no_warning():
    payload = event(talk("Registrazione", "08:30", kind="registration"))

    assert warnings(payload) == []


def test_an_item_going_past_the_end_warns():
    payload = event(talk("Chiusura", "12:45", "13:30", kind="closing"))

    assert codes(payload) == ["after_end"]


def test_a_speaker_in_two_rooms_at_once_warns_on_both_items():
    payload = event(
        talk("Relazione", "10:00", "11:00", room="Sala A", speakers=[{"speaker_id": 7}]),
        talk("Tavola rotonda", "10:30", "11:30", room="Sala B", speakers=[{"speaker_id": 7}]),
    )

    said = warnings(payload, names={7: "Anna Bianchi"})

    assert said == [
        "Anna Bianchi è in «Relazione» e alla stessa ora in «Tavola rotonda» (10:30-11:30).",
        "Anna Bianchi è in «Tavola rotonda» e alla stessa ora in «Relazione» (10:00-11:00).",
    ]


def test_a_new_speaker_named_twice_is_the_same_person():
    payload = event(
        talk("Relazione", "10:00", "11:00", room="Sala A", speakers=[{"name": "Luca Verdi"}]),
        talk("Panel", "10:30", "11:30", room="Sala B", speakers=[{"name": "luca verdi"}]),
    )

    assert codes(payload) == ["speaker_elsewhere", "speaker_elsewhere"]


def test_a_speaker_on_two_items_one_after_the_other_is_fine():
    payload = event(
        talk("Relazione", "10:00", "11:00", speakers=[{"speaker_id": 7}]),
        talk("Dibattito", "11:00", "11:30", speakers=[{"speaker_id": 7}]),
    )

    assert warnings(payload) == []


def test_a_break_with_speakers_warns_naming_them():
    coffee = talk("Pausa caffè", "10:30", "11:00", kind="break", speakers=[{"name": "Anna"}])
    payload = event(coffee)

    said = warnings(payload)

    assert said == ["«Pausa caffè» è una pausa ma ha dei relatori: Anna."]


def test_an_event_wholly_in_the_past_warns_when_it_is_to_be_public():
    payload = event()

    found = codes(payload, now=datetime(2026, 12, 1, tzinfo=UTC))

    assert found == ["event_in_past"]


def test_an_event_still_to_come_is_not_in_the_past():
    payload = event()

    assert codes(payload, now=datetime(2026, 11, 1, tzinfo=UTC)) == []


def test_every_warning_is_said_in_english_too():
    payload = event(
        talk("Allestimento", "08:00", "08:20"),
        talk("Pausa", "10:00", "10:30", kind="lunch", speakers=[{"name": "Anna"}]),
        talk("Relazione", "10:15", "10:45", speakers=[{"name": "Anna"}]),
        talk("Chiusura", "12:45", "13:15"),
    )
    frame, slots = from_input(payload, {})
    later = datetime(2027, 1, 1, tzinfo=UTC)

    said = [w.said("en") for w in event_warnings(frame, slots, now=later)]

    assert said[0] == "The event is wholly in the past: it ended on 30/11 13:00."
    assert "'Allestimento' at 08:00 comes before the event starts (08:30)." in said
    assert "'Pausa' is a break but has speakers: Anna." in said
    assert all("%(" not in text and "warning_" not in text for text in said)
    assert len(said) == 8
