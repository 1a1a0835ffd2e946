"""Bad input from organizers: a clear 4xx, and descriptions that never render active HTML."""

import httpx
import pytest

from tests.support.system import conference, organizer_headers, publish, running_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("input")) as running:
        yield running


@pytest.fixture
def organizer(stack):
    with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as client:
        yield client


def timed(title: str, start: str, end: str, room: str | None = None) -> dict:
    day = conference()["starts_at"][:10]
    return {
        "kind": "talk",
        "title": title,
        "room": room,
        "starts_at": f"{day}T{start}:00",
        "ends_at": f"{day}T{end}:00",
    }


def test_overlapping_items_in_one_room_are_saved_with_a_warning_on_each(organizer):
    payload = conference(
        programme=[timed("Relazione A", "10:00", "11:00"), timed("Relazione B", "10:30", "11:30")]
    )

    answer = organizer.post("/api/organizer/events", json=payload)
    items = organizer.get(f"/api/organizer/events/{answer.json()['id']}").json()["programme"]

    assert answer.status_code == 201
    assert answer.json()["warnings"] == [
        {
            "code": "room_overlap",
            "item": items[0]["id"],
            "it": "«Relazione A» si sovrappone a «Relazione B» (10:30-11:30) e nessuno dei due "
            "ha una sala: sono nella stessa.",
            "en": "'Relazione A' overlaps 'Relazione B' (10:30-11:30) and neither has a room: "
            "they are in the same one.",
        },
        {
            "code": "room_overlap",
            "item": items[1]["id"],
            "it": "«Relazione B» si sovrappone a «Relazione A» (10:00-11:00) e nessuno dei due "
            "ha una sala: sono nella stessa.",
            "en": "'Relazione B' overlaps 'Relazione A' (10:00-11:00) and neither has a room: "
            "they are in the same one.",
        },
    ]


def test_same_times_in_different_rooms_are_fine(organizer):
    payload = conference(
        programme=[
            timed("Laboratorio A", "10:00", "11:00", room="Sala A"),
            timed("Laboratorio B", "10:00", "11:00", room="Sala B"),
        ]
    )

    answer = organizer.post("/api/organizer/events", json=payload)

    assert answer.status_code == 201
    assert answer.json()["warnings"] == []


def test_unknown_speaker_is_refused(organizer):
    payload = conference(
        programme=[{"kind": "talk", "title": "Relazione", "speakers": [{"speaker_id": 999999}]}]
    )

    answer = organizer.post("/api/organizer/events", json=payload)

    assert answer.status_code == 422
    assert answer.json()["detail"] == "Unknown speaker 999999: not in your directory"


def test_ten_thousand_character_title_is_refused(organizer):
    answer = organizer.post("/api/organizer/events", json=conference(title="T" * 10_000))

    assert answer.status_code == 422
    assert "title" in str(answer.json()["detail"])


def test_item_on_another_day_is_refused(organizer):
    payload = conference(
        programme=[{"kind": "talk", "title": "Fuori data", "starts_at": "2001-01-01T10:00:00"}]
    )

    answer = organizer.post("/api/organizer/events", json=payload)

    assert answer.status_code == 422
    assert "outside the event's day" in answer.json()["errors"][0]


def test_script_in_a_description_is_shown_as_text_never_run(stack):
    hostile = (
        "Benvenuti <script>alert('x')</script> [clic](javascript:alert(1)) "
        '<img src=x onerror="alert(1)">'
    )
    event = publish(stack, conference(description=hostile))

    page = httpx.get(f"{stack.url('events')}/events/{event['slug']}").text

    description = page.split('class="mb-4 event-description">')[1].split("</div>")[0]
    assert "<script" not in description
    assert 'href="javascript:' not in description
    assert "<img" not in description
    assert "&lt;script&gt;" in description


def test_programme_item_of_another_event_is_refused(organizer, stack):
    first = publish(stack, conference())
    other_item = first["programme"][0]["id"]
    payload = conference(programme=[{"id": other_item, "kind": "talk", "title": "Rubato"}])
    created = organizer.post("/api/organizer/events", json=conference()).json()

    answer = organizer.put(f"/api/organizer/events/{created['id']}", json=payload)

    assert answer.status_code == 422
    assert answer.json()["detail"] == f"Programme items [{other_item}] do not belong to this event"


def test_new_item_before_kept_items_keeps_every_id(organizer, stack):
    event = organizer.post("/api/organizer/events", json=conference()).json()
    payload = organizer.get(f"/api/organizer/events/{event['id']}/input").json()
    kept = [item["id"] for item in payload["programme"]]
    payload["programme"].insert(0, {"kind": "welcome_coffee", "title": "Caffè di benvenuto"})

    answer = organizer.put(f"/api/organizer/events/{event['id']}", json=payload)
    saved = organizer.get(f"/api/organizer/events/{event['id']}/input").json()

    assert answer.status_code == 200, answer.text
    assert [item["id"] for item in saved["programme"]][1:] == kept
    assert saved["programme"][0]["title"] == "Caffè di benvenuto"
