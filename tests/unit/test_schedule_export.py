"""The programme exported as schedule.xml and schedule.json, read back as conference apps would."""

import itertools
import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import xmlschema

from services.events.formats.schedule import (
    build_schedule,
    calendar_days,
    durations,
    fill_starts,
    hours_minutes,
    leaves,
    person_id,
    room_of,
    split_abstract,
    talk_ids,
)
from services.events.formats.schedule_json import schedule_json
from services.events.formats.schedule_xml import schedule_xml
from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SpeakerV1, VenueV1
from shared.contracts.events import OrganizationV1

pytestmark = pytest.mark.unit

XSD = Path(__file__).parents[1] / "fixtures" / "schedule.xml.xsd"
DEMO_FILE = Path(__file__).parents[2] / "devstack" / "demo_conferences.json"
BASE_URL = "https://convegni.example.it/"
ROME = ZoneInfo("Europe/Rome")
DEMO_PAYLOADS = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["events"]


def rome(hour: int, minute: int = 0, day: int = 30) -> datetime:
    """A wall-clock time in Crema in November 2026, as the UTC instant a snapshot carries."""
    return datetime(2026, 11, day, hour, minute, tzinfo=ROME).astimezone(UTC)


def welfare_programme() -> tuple[ProgrammeItemV1, ...]:
    """Registration and opening with times, untimed greetings, a section, a panel elsewhere."""
    return (
        ProgrammeItemV1(
            id=101,
            kind="registration",
            title="Registrazione partecipanti e welcome coffee",
            starts_at=rome(8, 30),
        ),
        ProgrammeItemV1(
            id=102,
            kind="opening",
            title="Introduzione: il ruolo politico e di coordinamento dei Sindaci",
            starts_at=rome(9),
            speakers=(
                SpeakerV1(
                    name="Giovanni (Gianni) Rossoni",
                    position="Presidente dell'Area Omogenea Cremasca",
                ),
            ),
        ),
        ProgrammeItemV1(
            id=103,
            kind="greetings",
            title="Saluti e interventi",
            speakers=(
                SpeakerV1(name="Alessandro Cominelli", position="Direttore Generale ASST Crema"),
                SpeakerV1(
                    name="Diego Maltagliati",
                    position="Direttore Socio-Sanitario ATS Cremona e Mantova",
                ),
            ),
        ),
        ProgrammeItemV1(
            id=104,
            kind="section",
            title="Relazioni",
            starts_at=rome(9, 45),
            items=(
                ProgrammeItemV1(
                    id=105,
                    kind="talk",
                    title="Le potenzialità dei sub-ambiti come spazi di coordinamento e gestione",
                    description=(
                        "I sub-ambiti come luogo d'incontro tra Comuni.\n\n"
                        "Esperienze a confronto: **Crema**, Pandino e Soresina."
                    ),
                    speakers=(
                        SpeakerV1(
                            id=42,
                            honorific="Dott.",
                            name="Fabio Bergamaschi",
                            position="Sindaco di Crema",
                        ),
                        SpeakerV1(name="Nicola Basile"),
                    ),
                ),
                ProgrammeItemV1(
                    id=106,
                    kind="talk",
                    title="I sub-ambiti e le prospettive di sviluppo dell'integrazione",
                    starts_at=rome(10, 30),
                    ends_at=rome(11),
                    speakers=(SpeakerV1(name="Roberto Gandioli"),),
                ),
            ),
        ),
        ProgrammeItemV1(
            id=107,
            kind="panel",
            title="Cooperazione e co-programmazione: il punto di vista del Terzo Settore",
            room="Sala Cremonesi",
            starts_at=rome(11),
            ends_at=rome(12, 15),
            speakers=(
                SpeakerV1(
                    honorific="Dott.ssa",
                    name="Carolina Maffezzoni",
                    organization="Confcooperative",
                ),
                SpeakerV1(name="Davide Vighi", organization="Forum del Terzo Settore"),
            ),
        ),
        ProgrammeItemV1(
            id=108,
            kind="closing",
            title="Chiusura dei lavori",
            speakers=(SpeakerV1(name="Anna Meraviglia"), SpeakerV1(name="Davide Sironi")),
        ),
    )


def welfare_snapshot(**overrides: Any) -> EventSnapshotV1:
    """The welfare convegno of 30 November 2026: doors at 08:30, start at 09:00, end at 13:00."""
    values: dict[str, Any] = {
        "id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
        "slug": "welfare-area-omogenea-cremasca",
        "revision": 3,
        "calendar_sequence": 2,
        "status": "published",
        "title": "Coordinare le politiche sociali e socio-sanitarie all'interno dell'Area Omogenea",
        "subtitle": "Valorizzare il modello dei Sub Ambiti per un nuovo protagonismo dei Sindaci",
        "organizer": OrganizationV1(slug="area-omogenea-cremasca", name="Area Omogenea Cremasca"),
        "timezone": "Europe/Rome",
        "doors_open_at": rome(8, 30),
        "starts_at": rome(9),
        "ends_at": rome(13),
        "venue": VenueV1(
            name="Sala Pietro da Cemmo",
            building="Centro Culturale Sant'Agostino",
            address="Piazza Terni de' Gregorj 5",
            city="Crema",
        ),
        "capacity": 200,
        "language": "it",
        "programme": welfare_programme(),
        "page_url": "https://convegni.example.it/eventi/welfare-area-omogenea-cremasca",
    }
    values.update(overrides)
    return EventSnapshotV1(**values)


def local_to_utc(text: str | None, timezone: str) -> datetime | None:
    """A naive ISO time of the demo file, read on the event's wall clock."""
    if text is None:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def demo_items(
    payloads: list[dict[str, Any]], timezone: str, numbers: Iterator[int]
) -> tuple[ProgrammeItemV1, ...]:
    """Programme items of the demo file, numbered depth-first as the ids they lack."""
    items = []
    for payload in payloads:
        number = next(numbers)
        items.append(
            ProgrammeItemV1(
                id=number,
                kind=payload["kind"],
                title=payload["title"],
                description=payload.get("description"),
                room=payload.get("room"),
                starts_at=local_to_utc(payload.get("starts_at"), timezone),
                ends_at=local_to_utc(payload.get("ends_at"), timezone),
                speakers=tuple(SpeakerV1(**s) for s in payload.get("speakers", [])),
                items=demo_items(payload.get("items", []), timezone, numbers),
            )
        )
    return tuple(items)


def demo_snapshot(payload: dict[str, Any]) -> EventSnapshotV1:
    """One event of devstack/demo_conferences.json as the events service would publish it."""
    timezone = payload.get("timezone", "Europe/Rome")
    moderator = payload.get("moderator")
    return EventSnapshotV1(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, payload["slug"])),
        slug=payload["slug"],
        revision=1,
        calendar_sequence=0,
        status="published",
        title=payload["title"],
        subtitle=payload.get("subtitle"),
        description=payload.get("description"),
        organizer=OrganizationV1(**payload["organization"]),
        supporters=tuple(payload.get("supporters", [])),
        timezone=timezone,
        doors_open_at=local_to_utc(payload.get("doors_open_at"), timezone),
        doors_note=payload.get("doors_note"),
        starts_at=local_to_utc(payload["starts_at"], timezone),
        ends_at=local_to_utc(payload["ends_at"], timezone),
        venue=VenueV1(**payload["venue"]),
        capacity=payload["capacity"],
        language=payload.get("language", "it"),
        moderator=SpeakerV1(**moderator) if moderator else None,
        programme=demo_items(payload["programme"], timezone, itertools.count(1)),
        page_url=f"https://convegni.example.it/eventi/{payload['slug']}",
    )


def every_snapshot() -> list[EventSnapshotV1]:
    return [welfare_snapshot(), *(demo_snapshot(payload) for payload in DEMO_PAYLOADS)]


def leaf_count(items: tuple[ProgrammeItemV1, ...]) -> int:
    return sum(leaf_count(item.items) if item.items else 1 for item in items)


def xml_events(snapshot: EventSnapshotV1) -> list[ET.Element]:
    root = ET.fromstring(schedule_xml(snapshot, base_url=BASE_URL))
    return list(root.iter("event"))


def xml_event(snapshot: EventSnapshotV1, talk_id: int) -> ET.Element:
    (event,) = [e for e in xml_events(snapshot) if e.get("id") == str(talk_id)]
    return event


def json_talks(snapshot: EventSnapshotV1) -> list[dict[str, Any]]:
    days = schedule_json(snapshot, base_url=BASE_URL)["schedule"]["conference"]["days"]
    return [talk for day in days for talks in day["rooms"].values() for talk in talks]


@pytest.fixture(scope="module")
def xsd() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture(params=every_snapshot(), ids=lambda snapshot: snapshot.slug)
def any_snapshot(request: pytest.FixtureRequest) -> EventSnapshotV1:
    return request.param


# schedule.xml


def test_schedule_xml_validates_against_xsd(xsd, any_snapshot):
    document = schedule_xml(any_snapshot, base_url=BASE_URL)

    xsd.validate(document)


def test_schedule_xml_starts_with_utf8_declaration():
    document = schedule_xml(welfare_snapshot(), base_url=BASE_URL)

    assert document.splitlines()[0] == b'<?xml version="1.0" encoding="UTF-8"?>'


def test_schedule_xml_talk_count_equals_leaf_items(any_snapshot):
    expected = leaf_count(any_snapshot.programme)

    events = xml_events(any_snapshot)

    assert len(events) == expected


def test_schedule_xml_first_welfare_talk_starts_at_registration():
    snapshot = welfare_snapshot()

    event = xml_event(snapshot, 101)

    assert (event.findtext("date"), event.findtext("start"), event.findtext("duration")) == (
        "2026-11-30T08:30:00+01:00",
        "08:30",
        "00:30",
    )


def test_schedule_xml_untimed_talks_follow_the_data():
    snapshot = welfare_snapshot()

    starts = {
        e.get("id"): (e.findtext("start"), e.findtext("duration")) for e in xml_events(snapshot)
    }

    assert starts == {
        "101": ("08:30", "00:30"),
        "102": ("09:00", "00:05"),  # the untimed greetings start with it: nothing to say better
        "103": ("09:00", "00:45"),
        "105": ("09:45", "00:45"),  # the section's start opens its first item
        "106": ("10:30", "00:30"),
        "107": ("11:00", "01:15"),
        "108": ("12:15", "00:45"),  # after the panel's end, until the event's end
    }


def test_schedule_xml_one_day_event_has_one_day():
    snapshot = welfare_snapshot()

    root = ET.fromstring(schedule_xml(snapshot, base_url=BASE_URL))

    assert [day.attrib for day in root.findall("day")] == [
        {
            "index": "1",
            "date": "2026-11-30",
            "start": "2026-11-30T08:30:00+01:00",
            "end": "2026-11-30T13:00:00+01:00",
        }
    ]


def test_schedule_xml_conference_carries_slug_title_and_dates():
    snapshot = welfare_snapshot()

    conference = ET.fromstring(schedule_xml(snapshot, base_url=BASE_URL)).find("conference")

    assert {child.tag: child.text for child in conference} == {
        "acronym": "welfare-area-omogenea-cremasca",
        "title": "Coordinare le politiche sociali e socio-sanitarie all'interno dell'Area Omogenea",
        "start": "2026-11-30",
        "end": "2026-11-30",
        "days": "1",
        "timeslot_duration": "00:05",
    }


def test_schedule_xml_version_is_the_revision():
    snapshot = welfare_snapshot(revision=7)

    root = ET.fromstring(schedule_xml(snapshot, base_url=BASE_URL))

    assert root.findtext("version") == "7"


def test_schedule_xml_rooms_default_to_the_venue():
    snapshot = welfare_snapshot()

    root = ET.fromstring(schedule_xml(snapshot, base_url=BASE_URL))

    rooms = {room.get("name"): [e.get("id") for e in room] for room in root.findall("day/room")}
    assert rooms == {
        "Sala Pietro da Cemmo": ["101", "102", "103", "105", "106", "108"],
        "Sala Cremonesi": ["107"],
    }


def test_schedule_xml_section_title_is_the_track_of_its_items():
    snapshot = welfare_snapshot()

    tracks = {e.get("id"): e.findtext("track") for e in xml_events(snapshot)}

    assert tracks == {
        "101": "",
        "102": "",
        "103": "",
        "105": "Relazioni",
        "106": "Relazioni",
        "107": "",
        "108": "",
    }


def test_schedule_xml_keeps_accents_and_apostrophes():
    snapshot = welfare_snapshot()

    titles = [e.findtext("title") for e in xml_events(snapshot)]

    assert titles[3:5] == [
        "Le potenzialità dei sub-ambiti come spazi di coordinamento e gestione",
        "I sub-ambiti e le prospettive di sviluppo dell'integrazione",
    ]


def test_schedule_xml_persons_show_honorifics():
    snapshot = welfare_snapshot()

    persons = xml_event(snapshot, 105).findall("persons/person")

    assert [(p.get("id"), p.text) for p in persons] == [
        ("42", "Dott. Fabio Bergamaschi"),
        (str(person_id(SpeakerV1(name="Nicola Basile"))), "Nicola Basile"),
    ]


def test_schedule_xml_abstract_is_first_paragraph_of_description():
    snapshot = welfare_snapshot()

    event = xml_event(snapshot, 105)

    assert (event.findtext("abstract"), event.findtext("description")) == (
        "I sub-ambiti come luogo d'incontro tra Comuni.",
        "Esperienze a confronto: **Crema**, Pandino e Soresina.",
    )


def test_schedule_xml_links_to_the_item_on_the_event_page():
    snapshot = welfare_snapshot()

    links = xml_event(snapshot, 105).findall("links/link")

    assert [link.get("href") for link in links] == [
        "https://convegni.example.it/eventi/welfare-area-omogenea-cremasca#item-105"
    ]


def test_schedule_xml_control_characters_dropped_and_still_valid(xsd):
    item = ProgrammeItemV1(id=1, kind="talk", title="Bilancio\x0b partecipato", starts_at=rome(9))
    snapshot = welfare_snapshot(programme=(item,))

    document = schedule_xml(snapshot, base_url=BASE_URL)

    xsd.validate(document)
    assert xml_event(snapshot, 1).findtext("title") == "Bilancio partecipato"


def test_schedule_xml_guids_same_when_revision_changes():
    before = welfare_snapshot(revision=3)
    after = welfare_snapshot(revision=4)

    guids_before = {e.get("id"): e.get("guid") for e in xml_events(before)}
    guids_after = {e.get("id"): e.get("guid") for e in xml_events(after)}

    assert guids_after == guids_before


def test_schedule_xml_guids_differ_between_items(any_snapshot):
    events = xml_events(any_snapshot)

    guids = [e.get("guid") for e in events]

    assert len(set(guids)) == len(guids)


def test_schedule_xml_guids_differ_between_events():
    one = welfare_snapshot()
    other = welfare_snapshot(id="0a9e2d41-7d2b-4c7a-8f00-6b5a4c3d2e1f")

    guid_one = xml_event(one, 101).get("guid")
    guid_other = xml_event(other, 101).get("guid")

    assert guid_one != guid_other


def test_schedule_xml_multi_day_event_has_a_day_each(xsd):
    snapshot = welfare_snapshot(
        ends_at=rome(13) + timedelta(days=1),
        programme=(
            ProgrammeItemV1(id=1, kind="talk", title="Primo giorno", starts_at=rome(9)),
            ProgrammeItemV1(
                id=2, kind="talk", title="Secondo giorno", starts_at=rome(9) + timedelta(days=1)
            ),
        ),
    )

    document = schedule_xml(snapshot, base_url=BASE_URL)

    xsd.validate(document)
    root = ET.fromstring(document)
    assert [
        (d.get("date"), [e.get("id") for e in d.iter("event")]) for d in root.findall("day")
    ] == [
        ("2026-11-30", ["1"]),
        ("2026-12-01", ["2"]),
    ]


# schedule.json


def test_schedule_json_has_the_same_talks_as_the_xml(any_snapshot):
    events = xml_events(any_snapshot)

    talks = json_talks(any_snapshot)

    from_xml = [
        (e.findtext("title"), e.findtext("date"), e.findtext("duration"), e.findtext("room"))
        for e in events
    ]
    from_json = [(t["title"], t["date"], t["duration"], t["room"]) for t in talks]
    assert from_json == from_xml


def test_schedule_json_talks_share_ids_guids_and_starts_with_the_xml(any_snapshot):
    events = xml_events(any_snapshot)

    talks = json_talks(any_snapshot)

    from_xml = [(e.get("id"), e.get("guid"), e.findtext("start")) for e in events]
    from_json = [(str(t["id"]), t["guid"], t["start"]) for t in talks]
    assert from_json == from_xml


def test_schedule_json_conference_header_describes_the_event():
    snapshot = welfare_snapshot()

    document = schedule_json(snapshot, base_url=BASE_URL)

    conference = document["schedule"]["conference"]
    assert (
        document["$schema"],
        document["schedule"]["version"],
        document["schedule"]["base_url"],
        conference["acronym"],
        conference["start"],
        conference["end"],
        conference["daysCount"],
        conference["time_zone_name"],
        [room["name"] for room in conference["rooms"]],
    ) == (
        "https://c3voc.de/schedule/schema.json",
        "3",
        BASE_URL,
        "welfare-area-omogenea-cremasca",
        "2026-11-30",
        "2026-11-30",
        1,
        "Europe/Rome",
        ["Sala Pietro da Cemmo", "Sala Cremonesi"],
    )


def test_schedule_json_day_has_index_date_and_window():
    snapshot = welfare_snapshot()

    (day,) = schedule_json(snapshot, base_url=BASE_URL)["schedule"]["conference"]["days"]

    assert (day["index"], day["date"], day["day_start"], day["day_end"]) == (
        1,
        "2026-11-30",
        "2026-11-30T08:30:00+01:00",
        "2026-11-30T13:00:00+01:00",
    )


def test_schedule_json_persons_show_honorifics():
    snapshot = welfare_snapshot()

    (panel,) = [t for t in json_talks(snapshot) if t["id"] == 107]

    assert [p["public_name"] for p in panel["persons"]] == [
        "Dott.ssa Carolina Maffezzoni",
        "Davide Vighi",
    ]


def test_schedule_json_serializes_with_accents():
    snapshot = welfare_snapshot()

    text = json.dumps(schedule_json(snapshot, base_url=BASE_URL), ensure_ascii=False)

    assert json.loads(text)["schedule"]["conference"]["title"] == snapshot.title


# schedule.py


def test_leaves_section_title_becomes_track():
    snapshot = demo_snapshot(DEMO_PAYLOADS[1])

    found = leaves(snapshot.programme)

    assert [leaf.track for leaf in found] == [
        None,
        "Area Omogenea Cremasca - Un territorio più unito per una provincia più forte",
        "Area Omogenea Cremasca - Un territorio più unito per una provincia più forte",
        "Area Omogenea Cremasca - Un territorio più unito per una provincia più forte",
        "Area Omogenea Cremasca - Servizi più efficienti per tutti",
        "Area Omogenea Cremasca - Servizi più efficienti per tutti",
        None,
    ]


def test_leaves_first_child_inherits_section_start():
    snapshot = demo_snapshot(DEMO_PAYLOADS[1])

    found = leaves(snapshot.programme)

    assert [(leaf.item.title, leaf.starts_at) for leaf in found[1:3]] == [
        ("Introduzione", local_to_utc("2024-02-24T10:00:00", "Europe/Rome")),
        ("Saluto", None),
    ]


def test_leaves_positions_count_sections_too():
    snapshot = demo_snapshot(DEMO_PAYLOADS[1])

    found = leaves(snapshot.programme)

    assert [leaf.position for leaf in found] == [1, 3, 4, 5, 7, 8, 9]


def test_fill_starts_untimed_item_takes_previous_end():
    starts = [rome(9), None]
    ends = [rome(9, 40), None]

    filled = fill_starts(starts, ends, rome(8))

    assert filled == [rome(9), rome(9, 40)]


def test_fill_starts_untimed_item_takes_previous_start_without_end():
    starts = [rome(9), None, None]
    ends = [None, None, None]

    filled = fill_starts(starts, ends, rome(8))

    assert filled == [rome(9), rome(9), rome(9)]


def test_fill_starts_first_untimed_item_takes_event_start():
    starts = [None, rome(10)]
    ends = [None, None]

    filled = fill_starts(starts, ends, rome(9, 30))

    assert filled == [rome(9, 30), rome(10)]


def test_durations_own_end_wins():
    starts = [rome(9), rome(10)]
    ends = [rome(9, 20), None]

    lengths = durations(starts, ends, rome(13))

    assert lengths == [timedelta(minutes=20), timedelta(hours=3)]


def test_durations_without_end_run_until_next_start():
    starts = [rome(9), rome(9, 50)]
    ends = [None, None]

    lengths = durations(starts, ends, rome(13))

    assert lengths[0] == timedelta(minutes=50)


def test_durations_never_under_five_minutes():
    starts = [rome(9), rome(9), rome(9, 10)]
    ends = [None, rome(8), None]

    lengths = durations(starts, ends, rome(9, 11))

    assert lengths == [timedelta(minutes=5)] * 3


def test_hours_minutes_zero_padded():
    duration = timedelta(hours=1, minutes=5)

    text = hours_minutes(duration)

    assert text == "01:05"


def test_hours_minutes_capped_at_two_digits_of_hours():
    duration = timedelta(days=5)

    text = hours_minutes(duration)

    assert text == "99:59"


def test_talk_ids_fall_back_to_position():
    item_ids = [None, None, None]

    ids = talk_ids(item_ids, [1, 3, 4])

    assert ids == [1, 3, 4]


def test_talk_ids_skip_positions_taken_by_item_ids():
    item_ids = [3, None, 3]

    ids = talk_ids(item_ids, [1, 3, 4])

    assert ids == [3, 4, 5]


def test_room_of_defaults_to_venue_name():
    item = ProgrammeItemV1(kind="talk", title="Saluti", room="  ")

    room = room_of(item, "Teatro San Domenico")

    assert room == "Teatro San Domenico"


def test_split_abstract_without_description_is_empty():
    markdown = None

    parts = split_abstract(markdown)

    assert parts == ("", "")


def test_person_id_same_for_same_name_in_any_event():
    first = SpeakerV1(name="Gianni  Rossoni", position="Presidente")
    second = SpeakerV1(honorific="On.", name="gianni rossoni")

    ids = (person_id(first), person_id(second))

    assert ids[0] == ids[1]


def test_person_id_derived_ids_stay_in_32_bits():
    speaker = SpeakerV1(name="Elena di Carpegna Brivio")

    number = person_id(speaker)

    assert 1_000_000_000 <= number < 2**31


def test_calendar_days_end_at_midnight_opens_no_day():
    snapshot = welfare_snapshot(
        starts_at=rome(0), ends_at=rome(0) + timedelta(days=1), times_announced=False
    )

    days = calendar_days(snapshot, [])

    assert days == [date(2026, 11, 30)]


def test_build_schedule_talks_in_event_timezone():
    snapshot = welfare_snapshot()

    schedule = build_schedule(snapshot)

    assert [talk.start.utcoffset() for talk in schedule.talks] == [timedelta(hours=1)] * 7
