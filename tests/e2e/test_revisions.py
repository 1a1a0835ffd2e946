"""Changing a published event through the API: one revision at once that says what changed,
one message on the bus (announced to participants unless ?notify=false), calendars that
follow time and place but not wording."""

import asyncio

import httpx
import nats
import pytest
from icalendar import Calendar

from devstack.stack import Stack
from devstack.waiting import wait_until
from shared.contracts import Envelope
from tests.support.system import conference, organizer_headers, publish, running_stack

pytestmark = pytest.mark.e2e

GANDIOLI = "Roberto Gandioli"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with running_stack(tmp_path_factory.mktemp("revisions")) as running:
        yield running


def editable(client: httpx.Client, event_id: str) -> dict:
    """The event as the organizer sends it back: exactly the shape PUT takes."""
    answer = client.get(f"/api/organizer/events/{event_id}/input")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def ics_sequence(stack: Stack, slug: str) -> int:
    answer = httpx.get(f"{stack.url('events')}/events/{slug}.ics")
    return int(Calendar.from_ical(answer.content).walk("VEVENT")[0]["SEQUENCE"])


def updated_messages(stack: Stack, event_id: str) -> list[Envelope]:
    async def read() -> list[Envelope]:
        client = await nats.connect(stack.nats_url)
        try:
            js = client.jetstream()
            info = await js.stream_info("EVENTS")
            found = []
            for seq in range(info.state.first_seq, info.state.last_seq + 1):
                message = await js.get_msg("EVENTS", seq)
                envelope = Envelope.model_validate_json(message.data)
                if (
                    message.subject == "events.event.updated"
                    and envelope.data["event"]["id"] == event_id
                ):
                    found.append(envelope)
            return found
        finally:
            await client.close()

    return asyncio.run(read())


def updates_relayed(stack: Stack, event_id: str) -> list[Envelope]:
    """The event's updates on the bus, once the outbox relay has sent the first one."""
    return wait_until(
        lambda: updated_messages(stack, event_id), timeout=30, what="the update on the bus"
    )


def gandioli_id(client: httpx.Client) -> int:
    speakers = client.get("/api/organizer/speakers").json()
    return next(s["id"] for s in speakers if s["name"] == GANDIOLI)


def test_removing_a_speaker_and_moving_the_start_makes_one_revision(stack):
    event = publish(stack, conference())
    headers = organizer_headers(stack)
    with httpx.Client(base_url=stack.url("events"), headers=headers) as client:
        sequence_before = ics_sequence(stack, event["slug"])
        payload = editable(client, event["id"])
        removed = gandioli_id(client)
        for item in payload["programme"]:
            item["speakers"] = [s for s in item["speakers"] if s["speaker_id"] != removed]
        payload["starts_at"] = payload["starts_at"].replace("T09:00", "T09:30")

        answer = client.put(f"/api/organizer/events/{event['id']}", json=payload)
        revisions = client.get(f"/api/organizer/events/{event['id']}/revisions").json()

    assert answer.status_code == 200, answer.text
    assert [r["revision"] for r in revisions] == [2, 1]
    assert [c["en"] for c in revisions[0]["changes"]] == [
        "start 09:00 -> 09:30",
        "Roberto Gandioli removed from 'I sub-ambiti e le prospettive di sviluppo gestionale'",
    ]
    assert revisions[0]["calendar_relevant"] is True
    messages = updates_relayed(stack, event["id"])
    assert [m.data["event"]["revision"] for m in messages] == [2]
    assert ics_sequence(stack, event["slug"]) == sequence_before + 1


def test_changing_the_description_alone_keeps_the_sequence(stack):
    event = publish(stack, conference())
    with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as client:
        sequence_before = ics_sequence(stack, event["slug"])
        payload = editable(client, event["id"])
        payload["description"] = "Programma aggiornato: **nuovi** interventi."

        client.put(f"/api/organizer/events/{event['id']}", json=payload)
        revisions = client.get(f"/api/organizer/events/{event['id']}/revisions").json()

    assert [c["code"] for c in revisions[0]["changes"]] == ["description_changed"]
    assert revisions[0]["calendar_relevant"] is False
    assert ics_sequence(stack, event["slug"]) == sequence_before


def without_ids(items: list[dict]) -> list[dict]:
    """The programme as an integrator keeping no ids sends it."""
    return [
        {k: v for k, v in item.items() if k != "id"} | {"items": without_ids(item["items"])}
        for item in items
    ]


def test_the_whole_event_put_without_ids_with_one_item_moved_says_only_that(stack):
    event = publish(stack, conference())
    with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as client:
        payload = editable(client, event["id"])
        payload["programme"] = without_ids(payload["programme"])
        first = payload["programme"][0]
        first["starts_at"] = first["starts_at"].replace("T08:30", "T08:45")

        answer = client.put(f"/api/organizer/events/{event['id']}", json=payload)
        revisions = client.get(f"/api/organizer/events/{event['id']}/revisions").json()

    assert answer.status_code == 200, answer.text
    assert answer.json()["warnings"] == []
    assert [r["revision"] for r in revisions] == [2, 1]
    assert [c["en"] for c in revisions[0]["changes"]] == [
        "'Registrazione partecipanti e welcome coffee' 08:30 -> 08:45"
    ]


def test_notify_false_publishes_at_once_and_the_fact_says_no_one_is_told(stack):
    event = publish(stack, conference())
    with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as client:
        payload = editable(client, event["id"])
        payload["subtitle"] = "Refuso corretto"

        answer = client.put(f"/api/organizer/events/{event['id']}?notify=false", json=payload)
        revisions = client.get(f"/api/organizer/events/{event['id']}/revisions").json()

    assert answer.status_code == 200, answer.text
    assert [(r["revision"], r["notified"]) for r in revisions] == [(2, False), (1, True)]
    updated = updates_relayed(stack, event["id"])
    assert [m.data["notify"] for m in updated] == [False]


def test_notify_false_with_a_new_start_is_refused_and_changes_nothing(stack):
    event = publish(stack, conference())
    with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as client:
        payload = editable(client, event["id"])
        payload["starts_at"] = payload["starts_at"].replace("T09:00", "T09:30")

        answer = client.put(f"/api/organizer/events/{event['id']}?notify=false", json=payload)
        current = client.get(f"/api/organizer/events/{event['id']}").json()

    assert answer.status_code == 409
    assert "calendar invite" in answer.json()["detail"]
    assert current["starts_at"] == event["starts_at"]
    assert updated_messages(stack, event["id"]) == []


def test_saving_without_changes_makes_no_revision(stack):
    event = publish(stack, conference())
    with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as client:
        payload = editable(client, event["id"])

        answer = client.put(f"/api/organizer/events/{event['id']}", json=payload)
        revisions = client.get(f"/api/organizer/events/{event['id']}/revisions").json()

    assert answer.json()["revision"] == 1
    assert [r["revision"] for r in revisions] == [1]


def test_cancelling_makes_a_cancelled_revision_and_a_cancel_in_calendars(stack):
    event = publish(stack, conference())
    with httpx.Client(base_url=stack.url("events"), headers=organizer_headers(stack)) as client:
        answer = client.post(
            f"/api/organizer/events/{event['id']}/cancel", json={"reason": "maltempo"}
        )
        page = httpx.get(f"{stack.url('events')}/events/{event['slug']}")
        english = httpx.get(f"{stack.url('events')}/events/{event['slug']}?lang=en")
        ics = Calendar.from_ical(
            httpx.get(f"{stack.url('events')}/events/{event['slug']}.ics").content
        )

    vevent = ics.walk("VEVENT")[0]
    assert answer.json()["status"] == "cancelled"
    assert "Questo evento è stato annullato." in page.text
    assert "Motivo indicato dall&#39;organizzazione:" in page.text
    assert '<q lang="it">maltempo</q>' in page.text
    assert "The reason the organizers gave:" in english.text
    assert '<q lang="it">maltempo</q>' in english.text
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) >= 2
