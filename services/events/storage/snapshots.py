"""The event as one message, built from its stored rows: the same for the bus and the pages."""

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence

from services.events.domain.inputs import SpeakerIn, VenueIn
from services.events.storage.directory_rows import read_fields
from services.events.storage.tables import (
    Event,
    ItemSpeaker,
    Organization,
    ProgrammeItem,
    Speaker,
    Venue,
)
from shared.contracts import (
    EventSnapshotV1,
    MaterialV1,
    ProgrammeItemV1,
    SpeakerV1,
    TrackV1,
    VenueV1,
)
from shared.contracts.events import OrganizationV1


def speaker_part(speaker: Speaker, role: str) -> SpeakerV1:
    return SpeakerV1(id=speaker.id, role=role, **read_fields(speaker, SpeakerIn))


def build_snapshot(
    *,
    event: Event,
    organization: Organization,
    venue: Venue,
    items: Sequence[ProgrammeItem],
    links: Sequence[ItemSpeaker],
    speakers: dict[int, Speaker],
    page_url: str,
    materials: Mapping[int, Sequence[MaterialV1]] | None = None,
) -> EventSnapshotV1:
    """The whole event at its current revision, programme nested as organized, each item
    with its `materials` (by item id)."""
    people: dict[int, list[SpeakerV1]] = defaultdict(list)
    for link in sorted(links, key=lambda link: link.sort):
        people[link.item_id].append(speaker_part(speakers[link.speaker_id], link.role))
    moderator = speakers.get(event.moderator_id) if event.moderator_id else None
    return EventSnapshotV1(
        id=event.id,
        slug=event.slug,
        revision=event.revision,
        calendar_sequence=event.calendar_sequence,
        status=event.status,
        title=event.title,
        subtitle=event.subtitle,
        description=event.description,
        organizer=OrganizationV1(slug=organization.slug, name=organization.name),
        co_organizers=tuple(OrganizationV1(**o) for o in json.loads(event.co_organizers)),
        supporters=tuple(json.loads(event.supporters)),
        timezone=event.timezone,
        doors_open_at=event.doors_open_at,
        doors_note=event.doors_note,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        times_announced=event.times_announced,
        end_note=event.end_note,
        venue=VenueV1(**read_fields(venue, VenueIn)),
        attendance_mode=event.attendance_mode,
        capacity=event.capacity,
        online_capacity=event.online_capacity,
        online_url=event.online_url,
        open_to_public=event.open_to_public,
        registration_opens_at=event.registration_opens_at,
        registration_closes_at=event.registration_closes_at,
        language=event.language,
        audience=tuple(json.loads(event.audience)),
        topics=tuple(json.loads(event.topics)),
        moderator=speaker_part(moderator, "moderator") if moderator else None,
        programme=_nest(items, people, materials or {}),
        tracks=tuple(TrackV1(**track) for track in json.loads(event.tracks)),
        page_url=page_url,
        reminder_hours_before=event.reminder_hours_before,
        still_coming_days_before=event.still_coming_days_before,
        thanks_after=event.thanks_after,
        notify_programme_changes=event.notify_programme_changes,
    )


def _nest(
    items: Sequence[ProgrammeItem],
    people: dict[int, list[SpeakerV1]],
    materials: Mapping[int, Sequence[MaterialV1]],
) -> tuple[ProgrammeItemV1, ...]:
    children: dict[int | None, list[ProgrammeItem]] = defaultdict(list)
    for item in sorted(items, key=lambda item: item.sort):
        children[item.parent_id].append(item)

    def build(parent_id: int | None) -> tuple[ProgrammeItemV1, ...]:
        return tuple(
            ProgrammeItemV1(
                id=item.id,
                kind=item.kind,
                title=item.title,
                description=item.description,
                room=item.room,
                starts_at=item.starts_at,
                ends_at=item.ends_at,
                speakers=tuple(people.get(item.id or 0, ())),
                items=build(item.id),
                materials=tuple(materials.get(item.id or 0, ())),
                recording_url=item.recording_url,
                track=item.track,
                seats=item.seats,
            )
            for item in children[parent_id]
        )

    return build(None)
