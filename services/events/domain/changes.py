"""What changed between two revisions of a published event, said in Italian and English,
and whether calendars must hear of it.

A change matters to calendars when the invite people hold would be wrong: the time, the
place, the title (it is the invite's SUMMARY, see `_FIELDS`), or the event being cancelled.
Revision, calendar_sequence, page_url and slug are bookkeeping, never changes.
"""

from collections.abc import Callable, Iterator, Mapping
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
from shared.contracts import ChangeV1, EventSnapshotV1, VenueV1

# Template key -> (Italian, English). The code is the key up to ':'.
TEXTS: dict[str, tuple[str, str]] = {
    "cancelled": ("evento annullato", "event cancelled"),
    "reinstated": ("evento di nuovo in programma", "event back on schedule"),
    "status_changed": ("stato {old} -> {new}", "status {old} -> {new}"),
    "times_announced": ("orari annunciati: {new}", "times announced: {new}"),
    "times_withdrawn": ("orari da definire ({new})", "times to be announced ({new})"),
    "day_moved": ("cambio di giorno: {old} -> {new}", "moved to another day: {old} -> {new}"),
    "start_moved": ("inizio {old} -> {new}", "start {old} -> {new}"),
    "end_moved": ("fine {old} -> {new}", "end {old} -> {new}"),
    "doors_changed": ("apertura porte {old} -> {new}", "doors open {old} -> {new}"),
    "venue_changed": ("sede cambiata: {old} -> {new}", "venue changed: {old} -> {new}"),
    "venue_address_changed": (
        "indirizzo di {name}: {old} -> {new}",
        "address of {name}: {old} -> {new}",
    ),
    "venue_map_changed": ("mappa della sede aggiornata", "venue map updated"),
    "attendance_changed": ("partecipazione {old} -> {new}", "attendance {old} -> {new}"),
    "title_changed": ("titolo '{old}' -> '{new}'", "title '{old}' -> '{new}'"),
    "subtitle_changed": ("sottotitolo '{old}' -> '{new}'", "subtitle '{old}' -> '{new}'"),
    "description_changed": ("descrizione aggiornata", "description updated"),
    "notes_changed": ("note sugli orari aggiornate", "notes on times updated"),
    "online_link_changed": ("collegamento online aggiornato", "online link updated"),
    "capacity_changed": ("posti {old} -> {new}", "seats {old} -> {new}"),
    "online_capacity_changed": ("posti online {old} -> {new}", "online seats {old} -> {new}"),
    "open_to_public_changed": (
        "aperto al pubblico: {old} -> {new}",
        "open to the public: {old} -> {new}",
    ),
    "registration_opens_moved": (
        "apertura iscrizioni {old} -> {new}",
        "registration opens {old} -> {new}",
    ),
    "registration_closes_moved": (
        "chiusura iscrizioni {old} -> {new}",
        "registration closes {old} -> {new}",
    ),
    "language_changed": ("lingua {old} -> {new}", "language {old} -> {new}"),
    "timezone_changed": ("fuso orario {old} -> {new}", "timezone {old} -> {new}"),
    "moderator_changed": ("moderatore {old} -> {new}", "moderator {old} -> {new}"),
    "organizer_changed": ("organizzatore {old} -> {new}", "organizer {old} -> {new}"),
    "co_organizers_changed": ("co-organizzatori {old} -> {new}", "co-organizers {old} -> {new}"),
    "supporters_changed": ("con il sostegno di {old} -> {new}", "supporters {old} -> {new}"),
    "audience_changed": ("destinatari {old} -> {new}", "audience {old} -> {new}"),
    "topics_changed": ("temi {old} -> {new}", "topics {old} -> {new}"),
    "mailing_changed": (
        "promemoria e comunicazioni ai partecipanti aggiornati",
        "reminders and messages to participants updated",
    ),
    "programme_reordered": ("ordine del programma cambiato", "programme reordered"),
    "programme_reordered:within": ("ordine cambiato in '{title}'", "order changed in '{title}'"),
    "item_added": ("aggiunto '{title}' alle {at}", "added '{title}' at {at}"),
    "item_added:untimed": ("aggiunto '{title}'", "added '{title}'"),
    "item_removed": ("rimosso '{title}'", "removed '{title}'"),
    "item_retitled": ("'{old}' ora è '{new}'", "'{old}' renamed '{new}'"),
    "item_moved": ("'{title}' {old} -> {new}", "'{title}' {old} -> {new}"),
    "item_room_changed": ("'{title}': sala {old} -> {new}", "'{title}': room {old} -> {new}"),
    "item_description_changed": (
        "'{title}': descrizione aggiornata",
        "'{title}': description updated",
    ),
    "speaker_added": ("{name} aggiunto a '{title}'", "{name} added to '{title}'"),
    "speaker_removed": ("{name} rimosso da '{title}'", "{name} removed from '{title}'"),
    "speaker_role_changed": (
        "{name} in '{title}': {old} -> {new}",
        "{name} in '{title}': {old} -> {new}",
    ),
    "speakers_reordered": (
        "ordine dei relatori cambiato in '{title}'",
        "speakers reordered in '{title}'",
    ),
}

# Term -> (Italian, English).
WORDS: dict[str, tuple[str, str]] = {
    "published": ("pubblicato", "published"),
    "completed": ("concluso", "completed"),
    "in_person": ("in presenza", "in person"),
    "online": ("online", "online"),
    "hybrid": ("in presenza e online", "in person and online"),
    "yes": ("sì", "yes"),
    "no": ("no", "no"),
    "untimed": ("senza orario", "no time"),
    "speaker": ("relatore", "speaker"),
    "moderator": ("moderatore", "moderator"),
    "chair": ("presidente", "chair"),
}

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


def _said(difference: Difference) -> ChangeV1:
    it, en = TEXTS[difference.key]
    return ChangeV1(
        code=difference.key.partition(":")[0],
        it=it.format_map(_words(difference.values, 0)),
        en=en.format_map(_words(difference.values, 1)),
    )


def _words(values: Mapping[str, str], language: int) -> dict[str, str]:
    return {
        name: WORDS.get(value, (value, value))[language] if isinstance(value, Term) else value
        for name, value in values.items()
    }


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
