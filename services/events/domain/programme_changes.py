"""What changed in the programme between two revisions: items, times, rooms and speakers.

Changes come out as `Difference`s (a template key and its values); `changes.py` puts them
into words. Nothing in the programme moves the event in time or place, so none of these
matters to calendars.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from shared.contracts import EventSnapshotV1, ProgrammeItemV1, SpeakerV1

TITLE_MAX = 60
NOTHING = "—"  # an empty value, the same in both languages

T = TypeVar("T")


class Term(str):
    """A value said differently in each language ('in_person', 'speaker'), looked up when
    the change is put into words; unknown terms are said as they are."""


class Difference(NamedTuple):
    """One change before it is put into words. `key` names a template: the code, or the
    code and a variant after ':' ("item_added:untimed")."""

    key: str
    values: Mapping[str, str]
    relevant: bool = False


class Clocks(NamedTuple):
    """The wall clocks of the old and new revision, and the first day of the new one."""

    old: str
    new: str
    first_day: date


def clocks(old: EventSnapshotV1, new: EventSnapshotV1) -> Clocks:
    return Clocks(old.timezone, new.timezone, local(new.starts_at, new.timezone).date())


def local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def hhmm(moment: datetime, timezone: str, *, dated: bool = False) -> str:
    """'09:00', or '30/11 09:00' when the day matters."""
    return local(moment, timezone).strftime("%d/%m %H:%M" if dated else "%H:%M")


def moved(
    old: datetime | None, new: datetime | None, on: Clocks, *, dated: bool = False
) -> dict[str, str]:
    """Old and new time as {'old', 'new'}, both with the date when the day changes."""
    dated = dated or other_day(old, new, on)
    return {
        "old": hhmm(old, on.old, dated=dated) if old else NOTHING,
        "new": hhmm(new, on.new, dated=dated) if new else NOTHING,
    }


def other_day(old: datetime | None, new: datetime | None, on: Clocks) -> bool:
    """Whether both times are known and fall on different days of their wall clocks."""
    return bool(old and new and local(old, on.old).date() != local(new, on.new).date())


def short(text: str) -> str:
    """At most TITLE_MAX characters, the cut marked with an ellipsis."""
    return text if len(text) <= TITLE_MAX else text[: TITLE_MAX - 1].rstrip() + "…"


def _same_person(old: SpeakerV1, new: SpeakerV1) -> bool:
    """The same directory entry when both have one, else the same name."""
    if old.id is not None and new.id is not None:
        return old.id == new.id
    return old.name == new.name


# How an item of the new programme is known for one of the old, strongest first. An
# integrator who PUTs the whole event without ids gets new ids for every item: those are
# matched by what they say, so that the summary tells what really changed. A pass only
# pairs items no earlier pass paired.
def _same_id(old: ProgrammeItemV1, new: ProgrammeItemV1) -> bool:
    return old.id is not None and old.id == new.id


def _same_words(old: ProgrammeItemV1, new: ProgrammeItemV1) -> bool:
    """Same kind and title (then perhaps moved, or given to someone else)."""
    return (old.kind, old.title) == (new.kind, new.title)


def _same_slot(old: ProgrammeItemV1, new: ProgrammeItemV1) -> bool:
    """Same kind, time and room (then retitled)."""
    slot = (old.kind, old.starts_at, old.ends_at, old.room)
    return old.starts_at is not None and slot == (new.kind, new.starts_at, new.ends_at, new.room)


def _same_people(old: ProgrammeItemV1, new: ProgrammeItemV1) -> bool:
    """Same time, room and people, whatever the kind and title."""
    return (
        bool(old.speakers)
        and old.starts_at is not None
        and (old.starts_at, old.ends_at, old.room) == (new.starts_at, new.ends_at, new.room)
        and _names(old) == _names(new)
    )


def _names(item: ProgrammeItemV1) -> set[str]:
    return {person.name for person in item.speakers}


ITEM_PASSES = (_same_id, _same_words, _same_slot, _same_people)


def match_items(olds: Sequence[ProgrammeItemV1], news: Sequence[ProgrammeItemV1]) -> dict[int, int]:
    """New index -> old index, by id first, then by content (ITEM_PASSES)."""
    found: dict[int, int] = {}
    for same in ITEM_PASSES:
        taken = set(found.values())
        left = [o for o in range(len(olds)) if o not in taken]
        pending = [n for n in range(len(news)) if n not in found]
        paired = match([olds[o] for o in left], [news[n] for n in pending], same)
        found |= {pending[n]: left[o] for n, o in paired.items()}
    return found


def match(olds: Sequence[T], news: Sequence[T], same: Callable[[T, T], bool]) -> dict[int, int]:
    """New index -> old index; each old one matched at most once, in order."""
    found: dict[int, int] = {}
    for n, new in enumerate(news):
        taken = set(found.values())
        for o, old in enumerate(olds):
            if o not in taken and same(old, new):
                found[n] = o
                break
    return found


def _reordered(found: dict[int, int]) -> bool:
    """Whether the matched ones come in another order (added and removed ones aside)."""
    order = [found[n] for n in sorted(found)]
    return order != sorted(order)


def programme_changes(old: EventSnapshotV1, new: EventSnapshotV1) -> Iterator[Difference]:
    """Every programme change, in the order of the new programme."""
    yield from _container(old.programme, new.programme, clocks(old, new), within=None)


def _container(
    olds: Sequence[ProgrammeItemV1],
    news: Sequence[ProgrammeItemV1],
    on: Clocks,
    within: str | None,
) -> Iterator[Difference]:
    """The items of the programme or of one section, matched between the revisions."""
    found = match_items(olds, news)
    if _reordered(found):
        yield _reorder(within)
    removed = _removed_after(len(olds), found)
    yield from (_item_removed(olds[o]) for o in removed[-1])
    for n, new in enumerate(news):
        if n in found:
            yield from _item(olds[found[n]], new, on)
        else:
            yield _item_added(new, on)
        yield from (_item_removed(olds[o]) for o in removed[n])


def _removed_after(count: int, found: dict[int, int]) -> dict[int, list[int]]:
    """Removed old items, each placed after the new place of the kept item before it
    (-1: before everything), so that removals come in programme order."""
    new_place = {o: n for n, o in found.items()}
    after: dict[int, list[int]] = defaultdict(list)
    last = -1
    for o in range(count):
        if o in new_place:
            last = new_place[o]
        else:
            after[last].append(o)
    return after


def _reorder(within: str | None) -> Difference:
    if within is None:
        return Difference("programme_reordered", {})
    return Difference("programme_reordered:within", {"title": within})


def _item_added(item: ProgrammeItemV1, on: Clocks) -> Difference:
    title = short(item.title)
    if item.starts_at is None:
        return Difference("item_added:untimed", {"title": title})
    dated = local(item.starts_at, on.new).date() != on.first_day
    return Difference(
        "item_added", {"title": title, "at": hhmm(item.starts_at, on.new, dated=dated)}
    )


def _item_removed(item: ProgrammeItemV1) -> Difference:
    return Difference("item_removed", {"title": short(item.title)})


def _item(old: ProgrammeItemV1, new: ProgrammeItemV1, on: Clocks) -> Iterator[Difference]:
    """What changed in one item kept across the revisions, then in its speakers and items."""
    title = short(new.title)
    if old.title != new.title:
        yield Difference("item_retitled", {"old": short(old.title), "new": title})
    if (old.starts_at, old.ends_at) != (new.starts_at, new.ends_at):
        yield Difference("item_moved", {"title": title, **_spans(old, new, on)})
    if old.room != new.room:
        values = {"title": title, "old": old.room or NOTHING, "new": new.room or NOTHING}
        yield Difference("item_room_changed", values)
    if old.description != new.description:
        yield Difference("item_description_changed", {"title": title})
    if (old.materials, old.recording_url) != (new.materials, new.recording_url):
        yield Difference("item_materials_changed", {"title": title})
    yield from _speakers(old.speakers, new.speakers, title)
    yield from _container(old.items, new.items, on, within=title)


def _spans(old: ProgrammeItemV1, new: ProgrammeItemV1, on: Clocks) -> dict[str, str]:
    dated = other_day(old.starts_at, new.starts_at, on)
    return {"old": _span(old, on.old, dated), "new": _span(new, on.new, dated)}


def _span(item: ProgrammeItemV1, timezone: str, dated: bool) -> str:
    """'12:30', '09:15-09:30', or 'no time' (a Term)."""
    if item.starts_at is None:
        return Term("untimed")
    start = hhmm(item.starts_at, timezone, dated=dated)
    return f"{start}-{hhmm(item.ends_at, timezone)}" if item.ends_at else start


def _speakers(
    olds: Sequence[SpeakerV1], news: Sequence[SpeakerV1], title: str
) -> Iterator[Difference]:
    found = match(olds, news, _same_person)
    kept = set(found.values())
    for o, old in enumerate(olds):
        if o not in kept:
            yield Difference("speaker_removed", {"name": old.name, "title": title})
    for n, new in enumerate(news):
        if n not in found:
            yield Difference("speaker_added", {"name": new.name, "title": title})
        elif (role := olds[found[n]].role) != new.role:
            values = {"name": new.name, "title": title, "old": Term(role), "new": Term(new.role)}
            yield Difference("speaker_role_changed", values)
    if _reordered(found):
        yield Difference("speakers_reordered", {"title": title})
