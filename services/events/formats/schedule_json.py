"""The programme as C3VOC schedule.json: the same talks as schedule.xml, in JSON."""

from typing import Any

from services.events.formats.schedule import (
    TIMESLOT_DURATION,
    Day,
    Talk,
    build_schedule,
    hours_minutes,
    person_id,
    room_guid,
)
from shared.contracts import EventSnapshotV1, SpeakerV1

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "convegni"}


def schedule_json(snapshot: EventSnapshotV1, *, base_url: str) -> dict[str, Any]:
    """schedule.json of the event, ready for json.dumps."""
    schedule = build_schedule(snapshot)
    conference = {
        "acronym": snapshot.slug,
        "title": snapshot.title,
        "start": schedule.start.isoformat(),
        "end": schedule.end.isoformat(),
        "daysCount": len(schedule.days),
        "timeslot_duration": TIMESLOT_DURATION,
        "time_zone_name": snapshot.timezone,
        "url": snapshot.page_url,
        "rooms": [
            {"name": room, "guid": str(room_guid(snapshot.id, room))} for room in schedule.rooms
        ],
        "tracks": [{"name": track.name, "color": track.colour} for track in snapshot.tracks],
        "days": [_day(snapshot, day) for day in schedule.days],
    }
    return {
        "$schema": SCHEMA_URL,
        "generator": dict(GENERATOR),
        "schedule": {
            "version": str(snapshot.revision),
            "base_url": base_url,
            "conference": conference,
        },
    }


def _day(snapshot: EventSnapshotV1, day: Day) -> dict[str, Any]:
    return {
        "index": day.index,
        "date": day.date.isoformat(),
        "day_start": day.start.isoformat(),
        "day_end": day.end.isoformat(),
        "rooms": {name: [_talk(snapshot, talk) for talk in talks] for name, talks in day.rooms},
    }


def _talk(snapshot: EventSnapshotV1, talk: Talk) -> dict[str, Any]:
    return {
        "guid": str(talk.guid),
        "id": talk.id,
        "date": talk.start.isoformat(),
        "start": talk.start.strftime("%H:%M"),
        "duration": hours_minutes(talk.duration),
        "room": talk.room,
        "slug": talk.slug,
        "url": talk.url,
        "title": talk.title,
        "subtitle": "",
        "track": talk.track,
        "type": talk.kind,
        "language": snapshot.language,
        "abstract": talk.abstract,
        "description": talk.description,
        "persons": [_person(speaker) for speaker in talk.speakers],
        "links": [{"url": talk.url, "title": snapshot.title}],
        "attachments": [],
    }


def _person(speaker: SpeakerV1) -> dict[str, Any]:
    # frab's shape (id and public_name) without pretalx's "name": the C3VOC schema wants a
    # person to match exactly one of the two.
    return {
        "id": person_id(speaker),
        "public_name": speaker.display_name(),
        "biography": speaker.bio,
    }
