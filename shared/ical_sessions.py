"""A person's sessions in their calendar (issue 17's personal agenda): each session they hold
a seat in is an entry of its own, beside the event's.

One entry per session, each with a UID of its own, mailed one invite per email: Outlook reads
only the first VEVENT of an iMIP message and ignores the rest ([MS-STANOICAL] 2.2.175), and
Gmail shows one event per invitation, so an email holding all of a person's sessions would
show one of them. The event's own invite stays as it is (the day, with the whole programme
in its description); the private feed, a PUBLISH file every client reads whole, holds the
event and each session.

SEQUENCE: the event's revision plus the person's agenda version (registrations counts each
change of a person's sessions). Both only grow, and every message about a session follows a
new revision (the organizer moved it) or a new version (the person took or left it), so a
calendar never takes a later message for an older one."""

import uuid
from collections.abc import Iterator, Sequence
from zoneinfo import ZoneInfo

from shared.contracts import EventSnapshotV1, ProgrammeItemV1
from shared.ical_text import UID_NAMESPACE, Entry


def session_uid(event_id: str, item_id: int, attendee_email: str, domain: str) -> str:
    """Same session of the same event and same (normalized) address, same UID."""
    key = f"{event_id}/session/{item_id}/{attendee_email.strip().lower()}"
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@{domain}"


def sessions_of(snapshot: EventSnapshotV1) -> list[ProgrammeItemV1]:
    """The items people sign up for: timed, with seats."""
    return [
        item
        for item in _every(snapshot.programme)
        if item.id is not None and item.seats and item.starts_at and item.ends_at
    ]


def session_item(snapshot: EventSnapshotV1, item_id: int) -> ProgrammeItemV1 | None:
    """The programme item `item_id` if it is still a timed session; None once gone."""
    for item in _every(snapshot.programme):
        if item.id == item_id and item.starts_at and item.ends_at:
            return item
    return None


def session_entry(
    snapshot: EventSnapshotV1, item: ProgrammeItemV1, *, version: int, cancelled: bool
) -> Entry:
    """The entry of one session: its own time and room, within the event."""
    assert item.starts_at and item.ends_at, "a session has its times"
    tz = ZoneInfo(snapshot.timezone)
    place = [part for part in (item.room, snapshot.venue.one_line()) if part]
    speakers = ", ".join(speaker.name for speaker in item.speakers)
    about = [snapshot.title, speakers, item.description or "", snapshot.page_url]
    return Entry(
        sequence=snapshot.revision + version,
        start=item.starts_at.astimezone(tz),
        end=item.ends_at.astimezone(tz),
        summary=item.title,
        location=", ".join(place),
        url=snapshot.page_url,
        description="\n".join(line for line in about if line),
        status="CANCELLED" if cancelled else "CONFIRMED",
        organizer_name=snapshot.organizer.name,
    )


def _every(items: Sequence[ProgrammeItemV1]) -> Iterator[ProgrammeItemV1]:
    for item in items:
        yield item
        yield from _every(item.items)
