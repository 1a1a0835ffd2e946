"""A programme read from a spreadsheet, set against the programme it replaces: which items
are the same ones (so they keep their ids, and with them their materials and recording),
and what would change, said as a published revision would say it.

Items are recognised as the revision summary recognises them (programme_changes.py: the
same kind and title, else the same kind, time and room, else the same time, room and
people), level by level: an item moved into another section is a new one there.
"""

import hashlib
from collections.abc import Iterator, Sequence

from services.events.domain.changes import describe_changes
from services.events.domain.inputs import ItemSpeakerIn, ProgrammeItemIn
from services.events.domain.programme_changes import match_items
from services.events.domain.times import maybe_utc
from shared.contracts import ChangeV1, EventSnapshotV1, ProgrammeItemV1, SpeakerV1

# Fields an item has alike as written and as published (kind, title, room...): copied as
# they are, so that a field both gain is carried without a change here.
ALIKE = tuple(
    sorted(
        (set(ProgrammeItemIn.model_fields) & set(ProgrammeItemV1.model_fields))
        - {"starts_at", "ends_at", "speakers", "items"}
    )
)


def as_published(item: ProgrammeItemIn, timezone: str) -> ProgrammeItemV1:
    """The item as a revision would hold it (times in UTC, people by name), its id as given."""
    return ProgrammeItemV1(
        **{name: getattr(item, name) for name in ALIKE},
        starts_at=maybe_utc(item.starts_at, timezone),
        ends_at=maybe_utc(item.ends_at, timezone),
        speakers=tuple(_person(person) for person in item.speakers),
        items=tuple(as_published(child, timezone) for child in item.items),
    )


def _person(person: ItemSpeakerIn) -> SpeakerV1:
    return SpeakerV1(
        name=person.name or "",
        honorific=person.honorific,
        position=person.position,
        organization=person.organization,
        role=person.role,
    )


def keep_ids(
    olds: Sequence[ProgrammeItemV1], news: Sequence[ProgrammeItemIn], timezone: str
) -> list[ProgrammeItemIn]:
    """The imported items, each given the id of the item it is (if any), section by section."""
    found = match_items(olds, [as_published(new, timezone) for new in news])
    kept = []
    for index, new in enumerate(news):
        old = olds[found[index]] if index in found else None
        items = keep_ids(old.items if old else (), new.items, timezone)
        kept.append(new.model_copy(update={"id": old.id if old else None, "items": items}))
    return kept


def imported(current: EventSnapshotV1, programme: Sequence[ProgrammeItemIn]) -> EventSnapshotV1:
    """The event as it would be with `programme` (ids kept): a kept item keeps its
    materials and recording, which no spreadsheet carries."""
    before = {item.id: item for item in walk(current.programme) if item.id is not None}

    def published(item: ProgrammeItemIn) -> ProgrammeItemV1:
        view = as_published(item, current.timezone)
        old = before.get(item.id) if item.id is not None else None
        extra = {"materials": old.materials, "recording_url": old.recording_url} if old else {}
        return view.model_copy(update={**extra, "items": tuple(map(published, item.items))})

    return current.model_copy(update={"programme": tuple(map(published, programme))})


def programme_changes_said(
    current: EventSnapshotV1, after: EventSnapshotV1
) -> tuple[ChangeV1, ...]:
    """What would change, in Italian and English, as the revision summary would say it."""
    return describe_changes(current, after)[0]


def walk(items: Sequence[ProgrammeItemV1]) -> Iterator[ProgrammeItemV1]:
    for item in items:
        yield item
        yield from walk(item.items)


def fingerprint(programme: Sequence[ProgrammeItemV1]) -> str:
    """The programme as it stood when a preview was made: a confirmation names it, so that
    what is saved is what was previewed."""
    said = "\n".join(item.model_dump_json() for item in programme)
    return hashlib.sha256(said.encode()).hexdigest()[:32]


def without_ids(programme: Sequence[ProgrammeItemIn]) -> list[ProgrammeItemIn]:
    """The programme as the sheet said it: ids are given again when it is saved."""
    return [
        item.model_copy(update={"id": None, "items": without_ids(item.items)}) for item in programme
    ]
