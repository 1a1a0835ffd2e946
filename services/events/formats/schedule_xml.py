"""The programme as frab/pentabarf schedule.xml, as the C3VOC schema validates it.

The schema lists every element an event and the conference may hold, so what it has no place
for (url, logo, attachments, base_url, time_zone_name) stays out; the item's page is a link.
"""

import re
import xml.etree.ElementTree as ET

from services.events.formats.schedule import (
    TIMESLOT_DURATION,
    Day,
    Schedule,
    Talk,
    build_schedule,
    hours_minutes,
    person_id,
)
from shared.contracts import EventSnapshotV1

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
# Characters XML 1.0 cannot carry at all; pasted office text sometimes holds them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def schedule_xml(snapshot: EventSnapshotV1, *, base_url: str) -> bytes:
    """schedule.xml of the event (base_url is accepted for symmetry: the schema has no place)."""
    schedule = build_schedule(snapshot)
    root = ET.Element("schedule")
    _text(root, "version", str(snapshot.revision))
    root.append(_conference(snapshot, schedule))
    for day in schedule.days:
        root.append(_day(snapshot, day))
    ET.indent(root)
    return XML_DECLARATION + bytes(ET.tostring(root, encoding="utf-8", xml_declaration=False))


def _text(parent: ET.Element, tag: str, value: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = _NOT_XML.sub("", value)
    return element


def _conference(snapshot: EventSnapshotV1, schedule: Schedule) -> ET.Element:
    conference = ET.Element("conference")
    _text(conference, "acronym", snapshot.slug)
    _text(conference, "title", snapshot.title)
    _text(conference, "start", schedule.start.isoformat())
    _text(conference, "end", schedule.end.isoformat())
    _text(conference, "days", str(len(schedule.days)))
    _text(conference, "timeslot_duration", TIMESLOT_DURATION)
    return conference


def _day(snapshot: EventSnapshotV1, day: Day) -> ET.Element:
    element = ET.Element(
        "day",
        index=str(day.index),
        date=day.date.isoformat(),
        start=day.start.isoformat(),
        end=day.end.isoformat(),
    )
    for name, talks in day.rooms:
        room = ET.SubElement(element, "room", name=name)
        for talk in talks:
            room.append(_event(snapshot, talk))
    return element


def _event(snapshot: EventSnapshotV1, talk: Talk) -> ET.Element:
    event = ET.Element("event", id=str(talk.id), guid=str(talk.guid))
    _text(event, "date", talk.start.isoformat())
    _text(event, "start", talk.start.strftime("%H:%M"))
    _text(event, "duration", hours_minutes(talk.duration))
    _text(event, "room", talk.room)
    _text(event, "slug", talk.slug)
    _text(event, "title", talk.title)
    _text(event, "subtitle", "")
    _text(event, "track", talk.track or "")
    _text(event, "type", talk.kind)
    _text(event, "language", snapshot.language)
    _text(event, "abstract", talk.abstract)
    _text(event, "description", talk.description)
    persons = ET.SubElement(event, "persons")
    for speaker in talk.speakers:
        _text(persons, "person", speaker.display_name(), id=str(person_id(speaker)))
    links = ET.SubElement(event, "links")
    _text(links, "link", snapshot.title, href=talk.url)
    return event
