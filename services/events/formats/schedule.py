"""The programme as timed talks, grouped by day and room: what schedule.xml and .json both show.

Conference apps need a start and a duration for every entry, but organizers often give only
a few times. The rules here fill the gaps the same way for both formats, without I/O.
"""

import re
import unicodedata
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.events.domain.slugs import slugify
from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SpeakerV1

MIN_DURATION = timedelta(minutes=5)
TIMESLOT_DURATION = "00:05"  # the grid apps draw on: as fine as the shortest talk
# Fixed forever: changing it would change every guid apps have already stored.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:convegni:schedule")
# Person ids made up from a name stay above directory ids, which count up from 1, and below
# 2**31 for apps that keep them in 32-bit integers.
DERIVED_PERSON_IDS = 1_000_000_000


@dataclass(frozen=True)
class Leaf:
    """A programme item that is not a section, as found in the nested programme."""

    position: int  # 1-based, depth-first over all items, sections included
    item: ProgrammeItemV1
    track: str | None  # title of the closest enclosing section
    starts_at: datetime | None  # its own start, or the one its section gives it


@dataclass(frozen=True)
class Talk:
    id: int
    guid: uuid.UUID
    start: datetime  # in the event's timezone
    duration: timedelta
    room: str
    track: str | None
    kind: str
    title: str
    abstract: str
    description: str
    speakers: tuple[SpeakerV1, ...]
    slug: str
    url: str

    @property
    def end(self) -> datetime:
        return self.start + self.duration


@dataclass(frozen=True)
class Day:
    index: int  # 1-based
    date: date
    start: datetime
    end: datetime
    rooms: tuple[tuple[str, tuple[Talk, ...]], ...]  # every room, its talks of the day by start


@dataclass(frozen=True)
class Schedule:
    talks: tuple[Talk, ...]  # in programme order
    rooms: tuple[str, ...]  # in order of first use
    days: tuple[Day, ...]

    @property
    def start(self) -> date:
        return self.days[0].date

    @property
    def end(self) -> date:
        return self.days[-1].date


def build_schedule(snapshot: EventSnapshotV1) -> Schedule:
    """The event's leaf items as talks, and the days and rooms they fall in."""
    talks = tuple(timed_talks(snapshot))
    rooms = tuple(dict.fromkeys(talk.room for talk in talks))
    return Schedule(talks=talks, rooms=rooms, days=tuple(schedule_days(snapshot, talks, rooms)))


def walk(
    items: Sequence[ProgrammeItemV1], track: str | None = None, opening: datetime | None = None
) -> Iterator[tuple[ProgrammeItemV1, str | None, datetime | None]]:
    """Every item depth-first, with its track (its own, else its section's, else the title of
    the closest enclosing section) and its start (a section's opens its first item)."""
    for index, item in enumerate(items):
        starts_at = item.starts_at or (opening if index == 0 else None)
        yield item, item.track or track, starts_at
        if item.items:
            yield from walk(item.items, item.track or item.title, starts_at)


def leaves(programme: Sequence[ProgrammeItemV1]) -> list[Leaf]:
    """The items that are not sections, with their position among all items."""
    return [
        Leaf(position=position, item=item, track=track, starts_at=starts_at)
        for position, (item, track, starts_at) in enumerate(walk(programme), start=1)
        if not item.items
    ]


def fill_starts(
    starts: Sequence[datetime | None], ends: Sequence[datetime | None], event_start: datetime
) -> list[datetime]:
    """A missing start is the previous item's end, else its start, else the event's start."""
    filled: list[datetime] = []
    for index, start in enumerate(starts):
        if start is None:
            start = (ends[index - 1] or filled[-1]) if filled else event_start
        filled.append(start)
    return filled


def durations(
    starts: Sequence[datetime], ends: Sequence[datetime | None], event_end: datetime
) -> list[timedelta]:
    """Own end, else the next item's start, else the event's end; never under MIN_DURATION."""
    result = []
    for index, start in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else event_end
        end = ends[index] or following
        result.append(max(end - start, MIN_DURATION))
    return result


def talk_ids(item_ids: Sequence[int | None], positions: Sequence[int]) -> list[int]:
    """The item's own id; else its position, or the next number above all ids if taken."""
    taken = {item_id for item_id in item_ids if item_id is not None and item_id > 0}
    result: list[int] = []
    for item_id, position in zip(item_ids, positions, strict=True):
        own = item_id if item_id is not None and item_id > 0 and item_id not in result else None
        chosen = own or (position if position not in taken else max(taken) + 1)
        taken.add(chosen)
        result.append(chosen)
    return result


def talk_guid(event_id: str, talk_id: int) -> uuid.UUID:
    """Stable across revisions: it depends on the event and the item only."""
    return uuid.uuid5(GUID_NAMESPACE, f"{event_id}/{talk_id}")


def room_guid(event_id: str, room: str) -> uuid.UUID:
    """Stable for the same room name within an event."""
    return uuid.uuid5(GUID_NAMESPACE, f"{event_id}/room/{room}")


def room_of(item: ProgrammeItemV1, venue_name: str) -> str:
    """The item's room, or the venue's hall when the whole event is in one place."""
    return (item.room or "").strip() or venue_name


def talk_slug(event_slug: str, talk_id: int, title: str) -> str:
    """'welfare-area-omogenea-cremasca-12-chiusura-dei-lavori', unique by the id in it."""
    return f"{event_slug}-{talk_id}-{slugify(title, max_length=50)}"


def split_abstract(markdown: str | None) -> tuple[str, str]:
    """The first paragraph as abstract, the rest as description, so apps don't show it twice."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", markdown or "") if part.strip()]
    if not paragraphs:
        return "", ""
    return paragraphs[0], "\n\n".join(paragraphs[1:])


def hours_minutes(duration: timedelta) -> str:
    """'01:30'; the formats allow at most two digits of hours."""
    minutes = min(int(duration.total_seconds()) // 60, 99 * 60 + 59)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def person_id(speaker: SpeakerV1) -> int:
    """The directory id, else a number derived from the name, the same in every revision."""
    if speaker.id is not None and speaker.id > 0:
        return speaker.id
    name = " ".join(unicodedata.normalize("NFC", speaker.name).casefold().split())
    return DERIVED_PERSON_IDS + uuid.uuid5(GUID_NAMESPACE, f"person/{name}").int % 10**9


def timed_talks(snapshot: EventSnapshotV1) -> list[Talk]:
    """Every leaf item with a start, a duration and a room, in programme order."""
    found = leaves(snapshot.programme)
    ends = [leaf.item.ends_at for leaf in found]
    starts = fill_starts([leaf.starts_at for leaf in found], ends, snapshot.starts_at)
    lengths = durations(starts, ends, snapshot.ends_at)
    ids = talk_ids([leaf.item.id for leaf in found], [leaf.position for leaf in found])
    tz = ZoneInfo(snapshot.timezone)
    return [
        _talk(snapshot, leaf, talk_id, start.astimezone(tz), length)
        for leaf, talk_id, start, length in zip(found, ids, starts, lengths, strict=True)
    ]


def _talk(
    snapshot: EventSnapshotV1, leaf: Leaf, talk_id: int, start: datetime, duration: timedelta
) -> Talk:
    item = leaf.item
    abstract, description = split_abstract(item.description)
    return Talk(
        id=talk_id,
        guid=talk_guid(snapshot.id, talk_id),
        start=start,
        duration=duration,
        room=room_of(item, snapshot.venue.name),
        track=leaf.track,
        kind=item.kind,
        title=item.title,
        abstract=abstract,
        description=description,
        speakers=item.speakers,
        slug=talk_slug(snapshot.slug, talk_id, item.title),
        url=f"{snapshot.page_url}#item-{talk_id}",
    )


def calendar_days(snapshot: EventSnapshotV1, talks: Sequence[Talk]) -> list[date]:
    """Each local date from the event's first to its last, widened to any talk outside them."""
    tz = ZoneInfo(snapshot.timezone)
    # An end at midnight (a day-long event without times) does not open another day.
    last_moment = max(snapshot.ends_at - timedelta(microseconds=1), snapshot.starts_at)
    dates = [snapshot.starts_at.astimezone(tz).date(), last_moment.astimezone(tz).date()]
    dates += [talk.start.date() for talk in talks]
    first, last = min(dates), max(dates)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def day_window(
    snapshot: EventSnapshotV1, day: date, talks: Sequence[Talk]
) -> tuple[datetime, datetime]:
    """The part of the event on this day, widened to the day's talks (registration often
    starts before the event does)."""
    tz = ZoneInfo(snapshot.timezone)
    midnight = datetime.combine(day, time(), tzinfo=tz)
    next_midnight = datetime.combine(day + timedelta(days=1), time(), tzinfo=tz)
    start = max(snapshot.starts_at.astimezone(tz), midnight)
    end = min(snapshot.ends_at.astimezone(tz), next_midnight)
    if start >= end:  # a day only a stray talk reaches
        start, end = midnight, next_midnight
    if talks:
        start = min(start, *(talk.start for talk in talks))
        end = max(end, *(talk.end for talk in talks))
    return start, end


def schedule_days(
    snapshot: EventSnapshotV1, talks: Sequence[Talk], rooms: Sequence[str]
) -> list[Day]:
    """One Day per calendar day of the event, every room in each, talks sorted by start."""
    days = []
    for index, day in enumerate(calendar_days(snapshot, talks), start=1):
        todays = sorted((t for t in talks if t.start.date() == day), key=lambda t: t.start)
        start, end = day_window(snapshot, day, todays)
        by_room = tuple((room, tuple(t for t in todays if t.room == room)) for room in rooms)
        days.append(Day(index=index, date=day, start=start, end=end, rooms=by_room))
    return days
