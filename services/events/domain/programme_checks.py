"""Warnings about an event that may be right on purpose, so the organizer decides: items in
one room at once, items outside the event's time, a person in two places, a break with
speakers, an event wholly in the past. What cannot be right is refused by validation.py.

The checks read `Slot`s (one per programme item, times in UTC) and a `Frame` (the event's
own times), built from what the organizer typed (`from_input`, before saving) or from the
stored event (`from_snapshot`). Each warning belongs to one item (`item`, its id, None for
an item not saved yet or for the event itself) and is said through the catalogs'
`warning_<key>` texts.
"""

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from itertools import combinations
from typing import NamedTuple

from services.events.domain.inputs import EventIn, ProgrammeItemIn
from services.events.domain.programme_changes import hhmm, local, short
from services.events.domain.times import maybe_utc, to_utc
from services.events.texts import CATALOGS
from shared.contracts import EventSnapshotV1, ProgrammeItemV1

# Kinds with no one on stage: people on them are usually a slip of the form.
BREAKS = frozenset({"break", "lunch", "welcome_coffee"})
# A section frames its items: it overlaps them on purpose, in their rooms and with their people.
FRAMES = frozenset({"section"})


class Person(NamedTuple):
    key: str  # the directory entry ("#12"), or the name as typed for someone new
    name: str


class Slot(NamedTuple):
    item: int | None
    kind: str
    title: str
    room: str | None
    starts: datetime | None
    ends: datetime | None
    people: tuple[Person, ...]


class Frame(NamedTuple):
    timezone: str
    starts: datetime
    ends: datetime
    doors: datetime | None


class EventWarning(NamedTuple):
    """One thing the organizer may want to fix. `key` names the text ("room_overlap", or
    "room_overlap:unnamed"); the code is the part before ':'."""

    key: str
    item: int | None
    values: Mapping[str, str]

    @property
    def code(self) -> str:
        return self.key.partition(":")[0]

    def said(self, language: str) -> str:
        return CATALOGS.text(language, f"warning_{self.key}", **self.values)

    def same_as(self, other: "EventWarning") -> bool:
        """The same warning, whatever the items' ids (a new item has none yet)."""
        return (self.key, dict(self.values)) == (other.key, dict(other.values))


def event_warnings(
    frame: Frame, slots: Sequence[Slot], *, now: datetime | None = None
) -> list[EventWarning]:
    """Every warning, the event's first then the items' in programme order; `now` given
    (an event to be published or already public), an event wholly past is one too."""
    found = [*(_in_the_past(frame, now) if now else ())]
    found += [*_outside_event(frame, slots), *_room_overlaps(frame, slots)]
    found += [*_people_in_two_places(frame, slots), *_breaks_with_speakers(slots)]
    order = {slot.item: index for index, slot in enumerate(slots)}
    return sorted(found, key=lambda w: -1 if w.item is None else order.get(w.item, len(order)))


def stored_warnings(snapshot: EventSnapshotV1, now: datetime) -> list[EventWarning]:
    """The warnings of the event as it is stored; wholly past counts for an event still to
    be public (a draft, a published one), not for one completed or cancelled."""
    frame, slots = from_snapshot(snapshot)
    to_be_public = snapshot.status in ("draft", "published")
    return event_warnings(frame, slots, now=now if to_be_public else None)


def _in_the_past(frame: Frame, now: datetime) -> Iterator[EventWarning]:
    if frame.ends <= now:
        yield EventWarning(
            "event_in_past", None, {"end": hhmm(frame.ends, frame.timezone, dated=True)}
        )


def _outside_event(frame: Frame, slots: Sequence[Slot]) -> Iterator[EventWarning]:
    """Before the doors open (or the start, with no doors), or after the end."""
    earliest = min(frame.doors or frame.starts, frame.starts)
    for slot in slots:
        if slot.starts and slot.starts < earliest:
            values = {"title": short(slot.title), "at": _at(frame, slot.starts)}
            yield EventWarning("before_start", slot.item, values | {"start": _at(frame, earliest)})
        last = slot.ends or slot.starts
        if last and last > frame.ends:
            values = {"title": short(slot.title), "at": _at(frame, last)}
            yield EventWarning("after_end", slot.item, values | {"end": _at(frame, frame.ends)})


def _room_overlaps(frame: Frame, slots: Sequence[Slot]) -> Iterator[EventWarning]:
    """Two items at once in one room; items with no room are in the event's one room."""
    for one, other in _overlapping(slots):
        if _room(one) == _room(other):
            for this, that in ((one, other), (other, one)):
                key = "room_overlap" if this.room else "room_overlap:unnamed"
                values = {"title": short(this.title), "other": short(that.title)}
                values |= {"span": _span(frame, that), "room": this.room or ""}
                yield EventWarning(key, this.item, values)


def _people_in_two_places(frame: Frame, slots: Sequence[Slot]) -> Iterator[EventWarning]:
    for one, other in _overlapping(slots):
        theirs = {person.key for person in other.people}
        for person in (p for p in one.people if p.key in theirs):
            for this, that in ((one, other), (other, one)):
                values = {"name": person.name, "title": short(this.title)}
                values |= {"other": short(that.title), "span": _span(frame, that)}
                yield EventWarning("speaker_elsewhere", this.item, values)


def _breaks_with_speakers(slots: Sequence[Slot]) -> Iterator[EventWarning]:
    for slot in slots:
        if slot.kind in BREAKS and slot.people:
            names = ", ".join(person.name for person in slot.people)
            yield EventWarning(
                "break_with_speakers", slot.item, {"title": short(slot.title), "names": names}
            )


def _overlapping(slots: Sequence[Slot]) -> Iterator[tuple[Slot, Slot]]:
    """Pairs of items with a start and an end whose times cross, sections aside."""
    timed = [s for s in slots if s.kind not in FRAMES and s.starts and s.ends and s.starts < s.ends]
    for one, other in combinations(timed, 2):
        assert one.starts and one.ends and other.starts and other.ends
        if one.starts < other.ends and other.starts < one.ends:
            yield one, other


def _room(slot: Slot) -> str:
    """Rooms compared as people read them: 'Sala Grande ' is 'sala grande'."""
    return " ".join((slot.room or "").split()).casefold()


def _at(frame: Frame, moment: datetime) -> str:
    """'09:30', with the date when it is not the event's first day."""
    dated = local(moment, frame.timezone).date() != local(frame.starts, frame.timezone).date()
    return hhmm(moment, frame.timezone, dated=dated)


def _span(frame: Frame, slot: Slot) -> str:
    assert slot.starts and slot.ends
    return f"{_at(frame, slot.starts)}-{hhmm(slot.ends, frame.timezone)}"


def from_snapshot(snapshot: EventSnapshotV1) -> tuple[Frame, list[Slot]]:
    """The stored event's frame and items (ids known)."""
    frame = Frame(snapshot.timezone, snapshot.starts_at, snapshot.ends_at, snapshot.doors_open_at)
    return frame, list(_stored_slots(snapshot.programme))


def _stored_slots(items: Sequence[ProgrammeItemV1]) -> Iterator[Slot]:
    for item in items:
        people = tuple(
            Person(f"#{p.id}" if p.id is not None else p.name.casefold(), p.display_name())
            for p in item.speakers
        )
        yield Slot(item.id, item.kind, item.title, item.room, item.starts_at, item.ends_at, people)
        yield from _stored_slots(item.items)


def from_input(event: EventIn, names: Mapping[int, str]) -> tuple[Frame, list[Slot]]:
    """What the organizer typed, before saving; `names` says the directory's people."""
    tz = event.timezone
    doors = maybe_utc(event.doors_open_at, tz)
    frame = Frame(tz, to_utc(event.starts_at, tz), to_utc(event.ends_at, tz), doors)
    return frame, list(_typed_slots(event.programme, tz, names))


def _typed_slots(
    items: Sequence[ProgrammeItemIn], tz: str, names: Mapping[int, str]
) -> Iterator[Slot]:
    for item in items:
        people = tuple(
            Person(f"#{p.speaker_id}", names.get(p.speaker_id, ""))
            if p.speaker_id is not None
            else Person((p.name or "").casefold(), p.name or "")
            for p in item.speakers
        )
        starts, ends = maybe_utc(item.starts_at, tz), maybe_utc(item.ends_at, tz)
        yield Slot(item.id, item.kind, item.title, item.room, starts, ends, people)
        yield from _typed_slots(item.items, tz, names)


def introduced(before: Sequence[EventWarning], after: Sequence[EventWarning]) -> list[EventWarning]:
    """The warnings a change brings: those of `after` not already there `before` (one the
    organizer let stand is not asked about again)."""
    return [w for w in after if not any(w.same_as(old) for old in before)]


def by_item(found: Sequence[EventWarning]) -> dict[int | None, list[EventWarning]]:
    """The warnings of each item id (None: the event's own, and unsaved items')."""
    grouped: dict[int | None, list[EventWarning]] = {}
    for warning in found:
        grouped.setdefault(warning.item, []).append(warning)
    return grouped
