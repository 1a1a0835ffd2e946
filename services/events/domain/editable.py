"""An event as the organizer edits it: its snapshot turned back into the input schema.

The console changes one thing (an item, a field) on this and saves it whole, through the same
use case as the API, so both paths make the same revisions.
"""

from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from services.events.domain.inputs import (
    EventIn,
    ItemSpeakerIn,
    OrganizationRefIn,
    ProgrammeItemIn,
    TrackIn,
)
from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SpeakerV1


def to_event_in(snapshot: EventSnapshotV1, *, venue_id: int, with_offsets: bool = False) -> EventIn:
    """The snapshot as an EventIn: local times (naive for the console's forms, with their
    UTC offset for the API, whose schema says date-time), directory ids for speakers, item
    ids kept."""
    tz = Local(ZoneInfo(snapshot.timezone), with_offsets)
    return EventIn(
        slug=snapshot.slug,
        title=snapshot.title,
        subtitle=snapshot.subtitle,
        description=snapshot.description,
        co_organizers=[OrganizationRefIn(name=o.name, slug=o.slug) for o in snapshot.co_organizers],
        supporters=list(snapshot.supporters),
        audience=list(snapshot.audience),
        topics=list(snapshot.topics),
        timezone=snapshot.timezone,
        doors_open_at=_local(snapshot.doors_open_at, tz),
        doors_note=snapshot.doors_note,
        starts_at=_local(snapshot.starts_at, tz),
        ends_at=_local(snapshot.ends_at, tz),
        times_announced=snapshot.times_announced,
        end_note=snapshot.end_note,
        venue_id=venue_id,
        attendance_mode=snapshot.attendance_mode,
        capacity=snapshot.capacity,
        online_capacity=snapshot.online_capacity,
        online_url=snapshot.online_url,
        open_to_public=snapshot.open_to_public,
        registration_opens_at=_local(snapshot.registration_opens_at, tz),
        registration_closes_at=_local(snapshot.registration_closes_at, tz),
        language=snapshot.language,
        moderator=_speaker(snapshot.moderator) if snapshot.moderator else None,
        programme=[_item(item, tz) for item in snapshot.programme],
        tracks=[TrackIn(name=track.name, colour=track.colour) for track in snapshot.tracks],
        reminder_hours_before=snapshot.reminder_hours_before,
        still_coming_days_before=snapshot.still_coming_days_before,
        thanks_after=snapshot.thanks_after,
        notify_programme_changes=snapshot.notify_programme_changes,
    )


class Local(NamedTuple):
    zone: ZoneInfo
    with_offset: bool


def _local(moment: datetime | None, tz: Local) -> datetime | None:
    if moment is None:
        return None
    local = moment.astimezone(tz.zone)
    return local if tz.with_offset else local.replace(tzinfo=None)


def _speaker(speaker: SpeakerV1) -> ItemSpeakerIn:
    if speaker.id is not None:
        return ItemSpeakerIn(speaker_id=speaker.id, role=speaker.role)
    return ItemSpeakerIn(name=speaker.name, role=speaker.role)


def _item(item: ProgrammeItemV1, tz: Local) -> ProgrammeItemIn:
    return ProgrammeItemIn(
        id=item.id,
        kind=item.kind,
        title=item.title,
        description=item.description,
        room=item.room,
        starts_at=_local(item.starts_at, tz),
        ends_at=_local(item.ends_at, tz),
        speakers=[_speaker(s) for s in item.speakers],
        track=item.track,
        seats=item.seats,
        items=[_item(child, tz) for child in item.items],
    )
