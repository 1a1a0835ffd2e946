"""Calendar files of the events service: METHOD:PUBLISH, the event's own UID, for pages and
feeds. SEQUENCE is the event's calendar_sequence, so subscribed calendars follow changes."""

from datetime import datetime

from icalendar import Event

from shared.contracts import EventSnapshotV1
from shared.ical import build_vevent, event_uid, serialize_calendar


def public_vevent(snapshot: EventSnapshotV1, *, domain: str, now: datetime) -> Event:
    return build_vevent(
        snapshot,
        uid=event_uid(snapshot.id, domain),
        now=now,
        organizer_email=f"noreply@{domain}",
        cancelled=snapshot.status == "cancelled",
    )


def public_ics(snapshot: EventSnapshotV1, *, domain: str, now: datetime) -> bytes:
    """The .ics a reader downloads from the event page."""
    return serialize_calendar("PUBLISH", [public_vevent(snapshot, domain=domain, now=now)])


def feed_ics(snapshots: list[EventSnapshotV1], *, name: str, domain: str, now: datetime) -> bytes:
    """A subscribable calendar of several events (an organizer's, or a topic's)."""
    vevents = [public_vevent(s, domain=domain, now=now) for s in snapshots]
    return serialize_calendar("PUBLISH", vevents, name=name)
