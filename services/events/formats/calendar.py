"""Calendar files of the events service: METHOD:PUBLISH, the event's own UID, for pages and
feeds. SEQUENCE is the event's calendar_sequence, so subscribed calendars follow changes.
Written by shared.ical_text, not icalendar (~3 MiB with dateutil, kept for good)."""

from datetime import datetime

from shared.contracts import EventSnapshotV1
from shared.ical_text import PublicEntry, entry_of, event_uid, publish_calendar


def public_entry(snapshot: EventSnapshotV1, *, domain: str, now: datetime) -> PublicEntry:
    return PublicEntry(
        entry=entry_of(snapshot, cancelled=snapshot.status == "cancelled"),
        uid=event_uid(snapshot.id, domain),
        now=now,
        organizer_email=f"noreply@{domain}",
    )


def public_ics(snapshot: EventSnapshotV1, *, domain: str, now: datetime) -> bytes:
    """The .ics a reader downloads from the event page."""
    return publish_calendar([public_entry(snapshot, domain=domain, now=now)])


def feed_ics(snapshots: list[EventSnapshotV1], *, name: str, domain: str, now: datetime) -> bytes:
    """A subscribable calendar of several events (an organizer's, or a topic's)."""
    entries = [public_entry(s, domain=domain, now=now) for s in snapshots]
    return publish_calendar(entries, name=name)
