"""Calendar files of the events service (METHOD:PUBLISH, the event's own UID)."""

from datetime import UTC, datetime

from shared.contracts import EventSnapshotV1
from shared.ical import build_vevent, event_uid, serialize_calendar


def public_ics(snapshot: EventSnapshotV1, *, domain: str) -> bytes:
    """The .ics a reader downloads from the event page."""
    vevent = build_vevent(
        snapshot,
        uid=event_uid(snapshot.id, domain),
        now=datetime.now(UTC),
        organizer_email=f"noreply@{domain}",
        cancelled=snapshot.status == "cancelled",
    )
    return serialize_calendar("PUBLISH", [vevent])
