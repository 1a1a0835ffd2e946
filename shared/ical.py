"""The builder of invites (iMIP REQUEST/CANCEL), with icalendar. What an entry says is
decided by shared.ical_text.entry_of, which also writes the public files (PUBLISH) as plain
text: the services that only publish (events) never load icalendar.

Invites carry a UID stable for (event, attendee) and a SEQUENCE that never goes down for
that UID (`invite_sequence`), so a calendar updates its entry in place when time or place
move, and takes a new invite after a cancellation for news, not for a stale copy.

ORGANIZER is a no-reply address (settings.organizer_email) and every ATTENDEE has RSVP=FALSE:
calendar clients send their "accepted"/"declined" REPLY to ORGANIZER by themselves, and no one
reads those; registration and cancellation go through the manage page, not through replies.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from shared.contracts import EventSnapshotV1
from shared.ical_text import PRODID as PRODID
from shared.ical_text import Entry, entry_of
from shared.ical_text import event_uid as event_uid
from shared.ical_text import invite_sequence as invite_sequence
from shared.ical_text import invite_uid as invite_uid

Method = Literal["REQUEST", "CANCEL", "PUBLISH"]

# The alarm of an invite: a "time to go" nudge an hour before. Not the organizer's reminder
# setting: that is when the reminder email arrives, and a pop-up at the same moment would
# say the same thing twice. Feeds and downloads (PUBLISH) carry no alarm: a subscriber gets
# every event of the feed, and alarms they never asked for on all of them annoy; their
# calendar's own default alarm applies instead.
INVITE_ALARM = timedelta(hours=1)


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str


def build_vevent(
    snapshot: EventSnapshotV1,
    *,
    uid: str,
    now: datetime,
    organizer_email: str,
    attendee: Attendee | None = None,
    cancelled: bool = False,
    alarm: timedelta | None = None,
    renewal: int = 0,
) -> Event:
    """One VEVENT of `snapshot`; `alarm` (how long before the start) adds a DISPLAY VALARM,
    for invites whose times are known (an all-day entry's alarm would ring the night before);
    `renewal` is the round of a person's registration (`invite_sequence`)."""
    vevent = _shared_vevent(snapshot, organizer_email, cancelled, alarm, renewal)
    _add_personal(vevent, uid=uid, now=now, attendee=attendee, cancelled=cancelled)
    return vevent


def _shared_vevent(
    snapshot: EventSnapshotV1,
    organizer_email: str,
    cancelled: bool,
    alarm: timedelta | None,
    renewal: int,
) -> Event:
    """The VEVENT's properties that are the same for every attendee of one round."""
    vevent = entry_vevent(entry_of(snapshot, cancelled=cancelled, renewal=renewal), organizer_email)
    if alarm is not None and snapshot.times_announced and not cancelled:
        vevent.add_component(_alarm(snapshot.title, alarm))
    return vevent


def entry_vevent(entry: Entry, organizer_email: str) -> Event:
    """A VEVENT saying what `entry` says, without the properties of one attendee."""
    vevent = Event()
    vevent.add("sequence", entry.sequence)
    vevent.add("dtstart", entry.start)
    vevent.add("dtend", entry.end)
    vevent.add("summary", entry.summary)
    vevent.add("location", entry.location)
    vevent.add("url", entry.url)
    vevent.add("description", entry.description)
    vevent.add("status", entry.status)
    vevent.add("organizer", _organizer(entry.organizer_name, organizer_email))
    return vevent


def _add_personal(
    vevent: Event, *, uid: str, now: datetime, attendee: Attendee | None, cancelled: bool
) -> None:
    """The properties of one attendee's entry: its UID, its DTSTAMP, and who they are."""
    vevent.add("uid", uid)
    vevent.add("dtstamp", now)
    if attendee is not None:
        vevent.add("attendee", _attendee(attendee, cancelled))


def serialize_invite(
    method: Literal["REQUEST", "CANCEL"],
    snapshot: EventSnapshotV1,
    *,
    uid: str,
    now: datetime,
    organizer_email: str,
    attendee: Attendee,
    alarm: timedelta | None = None,
    renewal: int = 0,
) -> bytes:
    """The iMIP invite of one attendee, as serialize_calendar(method, [build_vevent(...)])
    would write it but for the order of the VEVENT's properties. What every attendee of one
    round of this snapshot shares (VTIMEZONE, programme, times, organizer) is serialized
    once and kept; each invite adds only its UID, DTSTAMP and ATTENDEE lines."""
    cancelled = method == "CANCEL"
    head, tail = _invite_frame(method, snapshot, organizer_email, alarm, renewal)
    personal = Event()
    _add_personal(personal, uid=uid, now=now, attendee=attendee, cancelled=cancelled)
    lines: bytes = personal.to_ical()  # BEGIN:VEVENT ... END:VEVENT around the three lines
    return head + lines[len(_VEVENT_BEGIN) : -len(_VEVENT_END)] + tail


def serialize_entry_invite(
    method: Literal["REQUEST", "CANCEL"],
    entry: Entry,
    *,
    uid: str,
    now: datetime,
    organizer_email: str,
    attendee: Attendee,
) -> bytes:
    """The iMIP invite of one attendee to an entry of their own (a session they chose,
    shared.ical_sessions), with the invites' alarm when it is a REQUEST."""
    vevent = entry_vevent(entry, organizer_email)
    if method == "REQUEST":
        vevent.add_component(_alarm(entry.summary, INVITE_ALARM))
    _add_personal(vevent, uid=uid, now=now, attendee=attendee, cancelled=method == "CANCEL")
    return serialize_calendar(method, [vevent])


_VEVENT_BEGIN = b"BEGIN:VEVENT\r\n"
_VEVENT_END = b"END:VEVENT\r\n"


# Snapshots are frozen and hashable, so a changed event (even at the same revision) is
# another key; a batch of one event's emails uses one entry, a few events' rounds fit.
@lru_cache(maxsize=64)
def _invite_frame(
    method: Method,
    snapshot: EventSnapshotV1,
    organizer_email: str,
    alarm: timedelta | None,
    renewal: int,
) -> tuple[bytes, bytes]:
    """An invite without its attendee, split just after its VEVENT begins."""
    vevent = _shared_vevent(snapshot, organizer_email, method == "CANCEL", alarm, renewal)
    calendar = serialize_calendar(method, [vevent])
    head, begin, tail = calendar.partition(_VEVENT_BEGIN)
    assert begin, "a calendar of one event holds its VEVENT"
    return head + begin, tail


def _alarm(title: str, before: timedelta) -> Alarm:
    """A DISPLAY alarm `before` the start (RFC 5545 wants its DESCRIPTION)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", -before)
    return alarm


def _organizer(name: str, organizer_email: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{organizer_email}")
    address.params["CN"] = vText(name)
    return address


def _attendee(attendee: Attendee, cancelled: bool) -> vCalAddress:
    address = vCalAddress(f"mailto:{attendee.email}")
    address.params["CN"] = vText(attendee.name)
    address.params["ROLE"] = vText("REQ-PARTICIPANT")
    address.params["PARTSTAT"] = vText("DECLINED" if cancelled else "ACCEPTED")
    address.params["RSVP"] = vText("FALSE")
    return address


def serialize_calendar(method: Method, vevents: list[Event], *, name: str | None = None) -> bytes:
    """A VCALENDAR with METHOD, the events, and the VTIMEZONEs they use; `name` for feeds."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
        calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for vevent in vevents:
        calendar.add_component(vevent)
    # Only the years the events touch: a VTIMEZONE from 1970 to 2038 would triple the size.
    years = [vevent.decoded("dtstart").year for vevent in vevents] or [date.today().year]
    calendar.add_missing_timezones(
        first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
    )
    serialized: bytes = calendar.to_ical()
    return serialized
