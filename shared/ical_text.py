"""Public calendar files (METHOD:PUBLISH) written as RFC 5545 text, without icalendar.

The events service serves .ics files and feeds to anyone; icalendar with dateutil costs it
~3 MiB for good after the first one, for a format this small. What an entry says (times,
SEQUENCE, place, description, status) is decided here once (`entry_of`), and shared.ical
builds its invites (REQUEST/CANCEL, with ATTENDEE and VALARM) from the same `Entry`, so a
downloaded file and an emailed invite never disagree. VTIMEZONE is derived from zoneinfo
as icalendar's `add_missing_timezones` does, for the same span of years (ical_zones).
"""

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from shared.contracts import EventSnapshotV1
from shared.ical_zones import vtimezone
from shared.programme import outline

PRODID = "-//Convegni//convegni 0.1//IT"
FEED_REFRESH = "PT6H"  # how often a subscribed calendar should fetch a feed again
FOLD_OCTETS = 75  # RFC 5545 3.1: lines longer than this are folded
UTC_ZONES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Zulu", "Zulu", "UCT"})
UID_NAMESPACE = uuid.UUID("5d0f1b9e-2c1a-4f7e-8e55-3f1f0d9f6a21")


def invite_uid(event_id: str, attendee_email: str, domain: str) -> str:
    """Same event and same (normalized) address, same UID, on every revision."""
    key = f"{event_id}/{attendee_email.strip().lower()}"
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@{domain}"


def event_uid(event_id: str, domain: str) -> str:
    """The UID of the event itself, for public files and feeds."""
    return f"{event_id}@{domain}"


def invite_sequence(calendar_sequence: int, *, renewal: int = 0, withdrawn: bool = False) -> int:
    """The SEQUENCE of a person's entry. The UID stays the same when the person cancels and
    registers again, and RFC 5546 has calendars ignore a message whose SEQUENCE is below
    the one they hold: so each round of the registration (`renewal`, 0 for the first) has
    two numbers of its own above the event's, the invite's (2 * renewal) and its
    withdrawal's (one more). The event's calendar_sequence and the round only grow, so the
    next round's invite is always above the last withdrawal."""
    return calendar_sequence + 2 * renewal + (1 if withdrawn else 0)


@dataclass(frozen=True)
class Entry:
    """What a calendar entry of one event says, whoever it is for. `start` and `end` are
    aware datetimes in the event's zone, or dates (an all-day entry, `end` exclusive)."""

    sequence: int
    start: datetime | date
    end: datetime | date
    summary: str
    location: str
    url: str
    description: str
    status: str
    organizer_name: str


def entry_of(snapshot: EventSnapshotV1, *, cancelled: bool, renewal: int = 0) -> Entry:
    """The entry of `snapshot`: timed when its times are announced, all-day otherwise."""
    tz = ZoneInfo(snapshot.timezone)
    start: datetime | date = snapshot.starts_at.astimezone(tz)
    end: datetime | date = snapshot.ends_at.astimezone(tz)
    if not snapshot.times_announced:  # only the day is known: not an invented time
        start = snapshot.starts_at.astimezone(tz).date()
        end = snapshot.ends_at.astimezone(tz).date() + timedelta(days=1)
    return Entry(
        sequence=invite_sequence(snapshot.calendar_sequence, renewal=renewal, withdrawn=cancelled),
        start=start,
        end=end,
        summary=snapshot.title,
        location=snapshot.venue.one_line(),
        url=snapshot.page_url,
        description=description(snapshot),
        status="CANCELLED" if cancelled else "CONFIRMED",
        organizer_name=snapshot.organizer.name,
    )


def description(snapshot: EventSnapshotV1) -> str:
    """Subtitle, organizer, page, then the programme outline."""
    head = [line for line in (snapshot.subtitle, snapshot.organizer.name) if line]
    lines = outline(snapshot.programme, snapshot.timezone)
    return "\n".join([*head, snapshot.page_url, "", *lines])


@dataclass(frozen=True)
class PublicEntry:
    """One VEVENT of a public file: the entry, and whose copy it is."""

    entry: Entry
    uid: str
    now: datetime
    organizer_email: str


def publish_calendar(entries: list[PublicEntry], *, name: str | None = None) -> bytes:
    """A VCALENDAR with METHOD:PUBLISH, the VTIMEZONEs its entries use, and the entries;
    `name` for feeds (X-WR-CALNAME, NAME and REFRESH-INTERVAL)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines += [f"X-WR-CALNAME:{text(name)}", f"NAME:{text(name)}"]
        lines.append(f"REFRESH-INTERVAL;VALUE=DURATION:{FEED_REFRESH}")
    # Only the years the entries touch: a VTIMEZONE from 1970 to 2038 would triple the size.
    years = [e.entry.start.year for e in entries] or [date.today().year]
    span = (date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    for tzid in _zones_used(entries):
        lines += vtimezone(tzid, *span)
    for public in entries:
        lines += vevent_lines(public)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode()


def _zones_used(entries: Iterable[PublicEntry]) -> list[str]:
    zones = {_tzid(moment) for e in entries for moment in (e.entry.start, e.entry.end)}
    return sorted(z for z in zones if z is not None)


def _tzid(moment: datetime | date) -> str | None:
    """The TZID a moment is written with; None for dates and UTC (written with Z)."""
    if not isinstance(moment, datetime):
        return None
    key = str(moment.tzinfo)
    return None if key in UTC_ZONES else key


def vevent_lines(public: PublicEntry) -> list[str]:
    """The VEVENT of one public entry, unfolded, in icalendar's order of properties."""
    entry = public.entry
    return [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(entry.summary)}",
        moment_line("DTSTART", entry.start),
        moment_line("DTEND", entry.end),
        f"DTSTAMP:{_utc(public.now)}",
        f"UID:{text(public.uid)}",
        f"SEQUENCE:{entry.sequence}",
        f"DESCRIPTION:{text(entry.description)}",
        f"LOCATION:{text(entry.location)}",
        f"ORGANIZER;CN={param(entry.organizer_name)}:mailto:{public.organizer_email}",
        f"STATUS:{entry.status}",
        f"URL:{entry.url}",
        "END:VEVENT",
    ]


def moment_line(name: str, moment: datetime | date) -> str:
    """DTSTART/DTEND: a DATE, a UTC DATE-TIME (Z), or a local DATE-TIME with its TZID."""
    if not isinstance(moment, datetime):
        return f"{name};VALUE=DATE:{moment:%Y%m%d}"
    tzid = _tzid(moment)
    if tzid is None:
        return f"{name}:{_utc(moment)}"
    return f"{name};TZID={param(tzid)}:{moment:%Y%m%dT%H%M%S}"


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


_TEXT_ESCAPES = re.compile(r"\r\n|[\\;,\n\r]")
_TEXT_ESCAPED = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": "\\n", "\r\n": "\\n"}


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    return _TEXT_ESCAPES.sub(lambda m: _TEXT_ESCAPED[m.group()], value)


_PARAM_ESCAPES = re.compile(r"\r\n|[\^\n\r\"]")
_PARAM_ESCAPED = {"^": "^^", "\n": "^n", "\r": "^n", "\r\n": "^n", '"': "^'"}


_PARAM_SAFE = re.compile(r"[\w./+-]*", re.ASCII)


def param(value: str) -> str:
    """A parameter value; quoted unless plain (a TZID such as Europe/Rome), so , ; : and
    spaces may appear, with RFC 6868's escapes for what a quoted string cannot hold."""
    if _PARAM_SAFE.fullmatch(value):
        return value
    return '"' + _PARAM_ESCAPES.sub(lambda m: _PARAM_ESCAPED[m.group()], value) + '"'


def fold(line: str) -> str:
    """One content line with CRLF, folded at 75 octets without splitting a UTF-8 character:
    each continuation starts with a space, which counts towards its 75."""
    encoded = line.encode()
    if len(encoded) <= FOLD_OCTETS:
        return line + "\r\n"
    pieces, piece, room = [], "", FOLD_OCTETS
    for char in line:
        size = len(char.encode())
        if size > room:
            pieces.append(piece)
            piece, room = "", FOLD_OCTETS - 1
        piece += char
        room -= size
    pieces.append(piece)
    return "\r\n ".join(pieces) + "\r\n"
