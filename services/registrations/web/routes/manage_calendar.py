"""A person's calendar entries: the .ics download, the private feed, and the web calendars'
"add event" links. Every entry carries the emailed invite's UID, so calendars merge them;
each session the person holds a seat in is an entry of its own beside the event's."""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from services.registrations.domain.registration_life import HOLDS_SEAT
from services.registrations.storage.tables import EventCopy, Registration
from services.registrations.usecases.agendas import Standing
from shared.contracts import EventSnapshotV1
from shared.ical_sessions import session_entry, session_item, session_uid
from shared.ical_text import PublicEntry, entry_of, invite_uid, publish_calendar
from shared.settings import ServiceSettings

# Calendar files are written by shared.ical_text, not icalendar (~3 MiB with dateutil): a
# download says what the emailed invite says (same UID, SEQUENCE, entry), without ATTENDEE.

CALENDAR = "text/calendar; charset=utf-8"
GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"


def snapshot_of(event: EventCopy) -> EventSnapshotV1:
    return EventSnapshotV1.model_validate_json(event.snapshot)


def person_entry(
    registration: Registration, event: EventCopy, *, domain: str, now: datetime
) -> PublicEntry:
    """The person's entry for one event; withdrawn when either of them is cancelled. Its
    SEQUENCE is the one of the last invite or withdrawal emailed for this round of the
    registration, so a calendar holding both never takes one for older than the other."""
    cancelled = registration.status not in HOLDS_SEAT or event.status == "cancelled"
    entry = entry_of(snapshot_of(event), cancelled=cancelled, renewal=registration.renewals)
    return PublicEntry(
        entry=entry,
        uid=invite_uid(event.event_id, registration.email, domain),
        now=now,
        organizer_email=f"noreply@{domain}",
    )


def session_entries(
    registration: Registration,
    event: EventCopy,
    standing: Standing | None,
    *,
    domain: str,
    now: datetime,
) -> list[PublicEntry]:
    """The person's sessions with a seat, each its own entry with the UID and SEQUENCE of
    the invite mailed for it (shared.ical_sessions), while the registration and the event
    hold; the sessions of an ended one are left with their seats."""
    if standing is None or registration.status not in HOLDS_SEAT or event.status == "cancelled":
        return []
    snapshot = snapshot_of(event)
    items = (session_item(snapshot, item_id) for item_id in standing.seated)
    return [
        PublicEntry(
            entry=session_entry(snapshot, item, version=standing.version, cancelled=False),
            uid=session_uid(event.event_id, item.id or 0, registration.email, domain),
            now=now,
            organizer_email=f"noreply@{domain}",
        )
        for item in items
        if item is not None
    ]


def registration_ics(
    registration: Registration,
    event: EventCopy,
    standing: Standing | None,
    *,
    domain: str,
    now: datetime,
) -> bytes:
    """The .ics download of one registration, its sessions with it (PUBLISH: a file, not
    an invitation)."""
    entries = [person_entry(registration, event, domain=domain, now=now)]
    entries += session_entries(registration, event, standing, domain=domain, now=now)
    return publish_calendar(entries)


def feed_ics(
    found: list[tuple[Registration, EventCopy]],
    standings: dict[str, Standing],
    *,
    name: str,
    domain: str,
    now: datetime,
) -> bytes:
    entries = []
    for registration, event in found:
        entries.append(person_entry(registration, event, domain=domain, now=now))
        standing = standings.get(registration.id)
        entries += session_entries(registration, event, standing, domain=domain, now=now)
    return publish_calendar(entries, name=name)


def feed_url(settings: ServiceSettings, feed_id: str) -> str:
    """The https address of a person's private feed: their random feed id, nothing more."""
    return f"{settings.registrations_public_url}/feeds/people/{feed_id}.ics"


def webcal(url: str) -> str:
    """The same feed address for calendar apps to subscribe to."""
    return "webcal://" + url.split("://", 1)[1]


def _details(snapshot: EventSnapshotV1) -> str:
    return "\n".join(line for line in (snapshot.subtitle, snapshot.page_url) if line)


def _all_day(snapshot: EventSnapshotV1) -> tuple[str, str]:
    """First day and the day after the last, in the event's zone: the day is all we know."""
    tz = ZoneInfo(snapshot.timezone)
    first = snapshot.starts_at.astimezone(tz).date()
    after = snapshot.ends_at.astimezone(tz).date() + timedelta(days=1)
    return first.isoformat(), after.isoformat()


def google_url(snapshot: EventSnapshotV1) -> str:
    """Google Calendar's "add event" form, filled in."""
    if snapshot.times_announced:
        dates = "/".join(
            moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
            for moment in (snapshot.starts_at, snapshot.ends_at)
        )
    else:
        dates = "/".join(day.replace("-", "") for day in _all_day(snapshot))
    query = {
        "action": "TEMPLATE",
        "text": snapshot.title,
        "dates": dates,
        "details": _details(snapshot),
        "location": snapshot.venue.one_line(),
    }
    return f"{GOOGLE}?{urlencode(query, quote_via=quote)}"


def outlook_url(snapshot: EventSnapshotV1) -> str:
    """Outlook.com's "new event" form, filled in."""
    query = {"subject": snapshot.title}
    if snapshot.times_announced:
        query["startdt"] = snapshot.starts_at.astimezone(UTC).isoformat()
        query["enddt"] = snapshot.ends_at.astimezone(UTC).isoformat()
    else:
        query["startdt"], query["enddt"] = _all_day(snapshot)
        query["allday"] = "true"
    query.update(location=snapshot.venue.one_line(), body=_details(snapshot))
    return f"{OUTLOOK}?{urlencode(query, quote_via=quote)}"
