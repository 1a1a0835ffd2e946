"""What changed between two revisions of a published event, said in Italian and English
(the catalog's `change_<key>` texts, its terms under `change_term_<term>`), and whether
calendars must hear of it.

A change matters to calendars when the invite people hold would be wrong: the time, the
place, the title (it is the invite's SUMMARY, see `_FIELDS`), or the event being cancelled.
Revision, calendar_sequence, page_url and slug are bookkeeping, never changes.
"""

from collections.abc import Callable, Iterator
from datetime import timedelta

from services.events.domain.programme_changes import (
    NOTHING,
    Clocks,
    Difference,
    Term,
    clocks,
    hhmm,
    local,
    moved,
    other_day,
    programme_changes,
    short,
)
from services.events.texts import CATALOGS
from shared.contracts import ChangeV1, EventSnapshotV1, VenueV1

# Fields compared as they are shown: code, value, whether calendars care. Only the title
# does: it is the invite's SUMMARY, and an invite under the old title would be wrong.
# Description and notes are not shown (too long), nor the online link (not public).
_FIELDS: tuple[tuple[str, Callable[[EventSnapshotV1], object], bool], ...] = (
    ("title_changed", lambda e: e.title, True),
    ("subtitle_changed", lambda e: e.subtitle, False),
    ("description_changed", lambda e: e.description, False),
    ("notes_changed", lambda e: (e.doors_note, e.end_note), False),
    ("online_link_changed", lambda e: e.online_url, False),
    ("capacity_changed", lambda e: e.capacity, False),
    ("online_capacity_changed", lambda e: e.online_capacity, False),
    ("open_to_public_changed", lambda e: Term("yes" if e.open_to_public else "no"), False),
    ("language_changed", lambda e: e.language, False),
    ("timezone_changed", lambda e: e.timezone, False),  # the same instants, said elsewhere
    ("moderator_changed", lambda e: e.moderator.name if e.moderator else None, False),
    ("organizer_changed", lambda e: e.organizer.name, False),
    ("co_organizers_changed", lambda e: tuple(o.name for o in e.co_organizers), False),
    ("supporters_changed", lambda e: e.supporters, False),
    ("audience_changed", lambda e: e.audience, False),
    ("topics_changed", lambda e: e.topics, False),
    # What participants are sent: no one is told, but notifications must hear of it.
    (
        "mailing_changed",
        lambda e: (
            e.reminder_hours_before,
            e.still_coming_days_before,
            e.thanks_after,
            e.notify_programme_changes,
        ),
        False,
    ),
)


def describe_changes(
    old: EventSnapshotV1, new: EventSnapshotV1
) -> tuple[tuple[ChangeV1, ...], bool]:
    """The changes from `old` to `new` in words, event first then programme, and whether
    any of them matters to calendars (time or place)."""
    differences = [*_event_changes(old, new), *programme_changes(old, new)]
    return tuple(map(_said, differences)), any(d.relevant for d in differences)


def said(key: str) -> ChangeV1:
    """A change that has no values ("completed"), put into words."""
    return _said(Difference(key, {}))


def _said(difference: Difference) -> ChangeV1:
    return ChangeV1(
        code=difference.key.partition(":")[0],
        it=_in("it", difference),
        en=_in("en", difference),
    )


def _in(language: str, difference: Difference) -> str:
    values = {name: _word(value, language) for name, value in difference.values.items()}
    return CATALOGS.text(language, f"change_{difference.key}", **values)


def _word(value: str, language: str) -> str:
    """A term in `language` ("in presenza"); other values, and unknown terms, as they are."""
    key = f"change_term_{value}"
    known = isinstance(value, Term) and CATALOGS.knows(key)
    return CATALOGS.text(language, key) if known else value


def _event_changes(old: EventSnapshotV1, new: EventSnapshotV1) -> Iterator[Difference]:
    yield from _status(old, new)
    yield from _times(old, new, clocks(old, new))
    yield from _venue(old.venue, new.venue)
    yield from _attendance(old, new)
    for code, value, relevant in _FIELDS:
        if value(old) != value(new):
            yield Difference(code, {"old": _shown(value(old)), "new": _shown(value(new))}, relevant)
    yield from _registration(old, new, clocks(old, new))


def _shown(value: object) -> str:
    if isinstance(value, Term):
        return value
    if isinstance(value, tuple):
        value = ", ".join(str(part) for part in value if part)
    return short(str(value)) if value or value == 0 else NOTHING


def _status(old: EventSnapshotV1, new: EventSnapshotV1) -> Iterator[Difference]:
    if old.status == new.status:
        return
    if new.status == "cancelled":
        yield Difference("cancelled", {}, relevant=True)
    elif old.status == "cancelled":
        yield Difference("reinstated", {}, relevant=True)
    else:
        yield Difference("status_changed", {"old": Term(old.status), "new": Term(new.status)})


def _times(old: EventSnapshotV1, new: EventSnapshotV1, on: Clocks) -> Iterator[Difference]:
    """Start and end (relevant), then doors (not: the invite holds no doors time)."""
    if old.times_announced != new.times_announced:
        key = "times_announced" if new.times_announced else "times_withdrawn"
        yield Difference(key, {"new": _when(new)}, relevant=True)
    elif not new.times_announced:
        if _when(old) != _when(new):
            yield Difference("day_moved", {"old": _when(old), "new": _when(new)}, relevant=True)
    else:
        if old.starts_at != new.starts_at:
            day_moved = other_day(old.starts_at, new.starts_at, on)
            key = "day_moved" if day_moved else "start_moved"
            yield Difference(key, moved(old.starts_at, new.starts_at, on), relevant=True)
        if old.ends_at != new.ends_at:
            yield Difference("end_moved", moved(old.ends_at, new.ends_at, on), relevant=True)
    if old.doors_open_at != new.doors_open_at:
        yield Difference("doors_changed", moved(old.doors_open_at, new.doors_open_at, on))


def _when(event: EventSnapshotV1) -> str:
    """'30/11 09:00-13:00' when the times are known, else the day(s): '30/11', '30/11-01/12'."""
    tz = event.timezone
    if event.times_announced:
        return f"{hhmm(event.starts_at, tz, dated=True)}-{hhmm(event.ends_at, tz)}"
    # Unannounced times span whole days: the last one is the day before ends_at's midnight.
    first = local(event.starts_at, tz).strftime("%d/%m")
    last = local(event.ends_at - timedelta(microseconds=1), tz).strftime("%d/%m")
    return first if first == last else f"{first}-{last}"


def _venue(old: VenueV1, new: VenueV1) -> Iterator[Difference]:
    """Another venue, or the same one somewhere else: both move the invite's LOCATION."""
    if old.name != new.name:
        yield Difference("venue_changed", {"old": old.name, "new": new.name}, relevant=True)
    elif _address(old) != _address(new):
        values = {"name": new.name, "old": _address(old), "new": _address(new)}
        yield Difference("venue_address_changed", values, relevant=True)
    elif old.map_url != new.map_url:
        yield Difference("venue_map_changed", {})


def _address(venue: VenueV1) -> str:
    return ", ".join(part for part in (venue.building, venue.address, venue.city) if part)


def _attendance(old: EventSnapshotV1, new: EventSnapshotV1) -> Iterator[Difference]:
    """Relevant when people stop or start coming in person (the invite's place changes)."""
    if old.attendance_mode == new.attendance_mode:
        return
    in_person = {"in_person", "hybrid"}
    relevant = (old.attendance_mode in in_person) != (new.attendance_mode in in_person)
    values = {"old": Term(old.attendance_mode), "new": Term(new.attendance_mode)}
    yield Difference("attendance_changed", values, relevant)


def _registration(old: EventSnapshotV1, new: EventSnapshotV1, on: Clocks) -> Iterator[Difference]:
    """When registration opens and closes, always with the date: it is not the event's day."""
    if old.registration_opens_at != new.registration_opens_at:
        values = moved(old.registration_opens_at, new.registration_opens_at, on, dated=True)
        yield Difference("registration_opens_moved", values)
    if old.registration_closes_at != new.registration_closes_at:
        values = moved(old.registration_closes_at, new.registration_closes_at, on, dated=True)
        yield Difference("registration_closes_moved", values)
