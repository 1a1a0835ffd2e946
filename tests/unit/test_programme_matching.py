"""Honest change summaries: a programme sent again without item ids (every item a new row
with a new id) is matched by content, so the summary says only what really changed. The
programmes are the demo conferences' (devstack/demo_conferences.json)."""

import itertools
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from devstack.demo import DEMO_FILE
from services.events.domain.changes import describe_changes
from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SpeakerV1

pytestmark = pytest.mark.unit

WELFARE = "welfare-area-omogenea-cremasca"
SECTIONS = "area-omogenea-cremasca-territorio-piu-unito"


def demo(slug: str) -> dict[str, Any]:
    events = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["events"]
    return dict(next(event for event in events if event["slug"] == slug))


def stored(items: list[dict[str, Any]], ids: "itertools.count[int]") -> tuple[ProgrammeItemV1, ...]:
    """The programme as the database gives it back: every item and speaker with an id."""
    return tuple(
        ProgrammeItemV1(
            id=next(ids),
            kind=item["kind"],
            title=item["title"],
            room=item.get("room"),
            starts_at=rome(item.get("starts_at")),
            ends_at=rome(item.get("ends_at")),
            speakers=tuple(
                SpeakerV1(
                    id=sum(map(ord, s["name"])), name=s["name"], role=s.get("role", "speaker")
                )
                for s in item.get("speakers", [])
            ),
            items=stored(item.get("items", []), ids),
        )
        for item in items
    )


def rome(moment: str | None) -> datetime | None:
    return (
        datetime.fromisoformat(moment).replace(tzinfo=ZoneInfo("Europe/Rome")) if moment else None
    )


def revisions(slug: str, change=lambda programme: None) -> list[str]:
    """The summary (in Italian) between the demo event and the same event PUT again
    without ids (new ids for every item) after `change` edits its programme."""
    event = demo(slug)
    old = snapshot(event, stored(event["programme"], itertools.count(1)))
    programme = json.loads(json.dumps(event["programme"]))
    change(programme)
    new = snapshot(event, stored(programme, itertools.count(1000)))
    changes, _ = describe_changes(old, new)
    return [c.it for c in changes]


def snapshot(event: dict[str, Any], programme: tuple[ProgrammeItemV1, ...]) -> EventSnapshotV1:
    return EventSnapshotV1.model_validate(
        {
            "id": "7f1c1a52-0d59-4c1e-9a43-1a2b3c4d5e6f",
            "slug": event["slug"],
            "revision": 2,
            "calendar_sequence": 1,
            "language": "it",
            "status": "published",
            "title": event["title"],
            "organizer": {"slug": "area-omogenea-cremasca", "name": "Area Omogenea Cremasca"},
            "timezone": "Europe/Rome",
            "starts_at": rome(event["starts_at"]),
            "ends_at": rome(event["ends_at"]),
            "venue": {"name": event["venue"]["name"]},
            "capacity": event["capacity"],
            "programme": programme,
            "page_url": f"https://convegni.example.it/events/{event['slug']}",
        }
    )


def test_the_same_programme_sent_again_without_ids_is_no_change():
    assert revisions(WELFARE) == []
    assert revisions(SECTIONS) == []


def test_one_item_moved_is_one_line_about_that_item():
    def move(programme):
        programme[0]["starts_at"] = programme[0]["starts_at"].replace("T08:30", "T08:45")

    said = revisions(WELFARE, move)

    assert said == ["'Registrazione partecipanti e welcome coffee' 08:30 -> 08:45"]


def test_a_retitled_item_at_the_same_time_is_retitled_not_removed_and_added():
    def retitle(programme):
        programme[1]["title"] = "Introduzione ai lavori"

    said = revisions(WELFARE, retitle)

    assert said == [
        "'Introduzione: il ruolo politico e di coordinamento dei Sind…' ora è "
        "'Introduzione ai lavori'"
    ]


def test_an_item_inside_a_section_given_one_more_speaker_is_one_line():
    def add_speaker(programme):
        programme[2]["items"][1]["speakers"].append({"name": "Giulia Ferrari"})

    said = revisions(SECTIONS, add_speaker)

    assert len(said) == 1
    assert "Giulia Ferrari" in said[0]


def test_a_really_new_item_and_a_really_removed_one_are_said_as_such():
    def swap(programme):
        programme.pop(3)
        programme.append(
            {"kind": "other", "title": "Aperitivo", "starts_at": "2024-11-30T13:00:00"}
        )

    said = revisions(WELFARE, swap)

    assert said == [
        "rimosso 'Le potenzialità dei sub-ambiti come spazi di coordinamento…'",
        "aggiunto 'Aperitivo' alle 13:00",
    ]
