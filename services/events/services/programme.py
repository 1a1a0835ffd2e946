"""Writing an event's programme: items keep their ids across edits, speakers come from the
organization's directory. Flushes, never commits: the calling use case does."""

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Principal
from services.events.domain.times import maybe_utc
from services.events.models import Event, ItemSpeaker, ProgrammeItem
from services.events.schemas import ProgrammeItemIn
from services.events.services.directory import resolve_item_speaker
from shared.errors import Invalid


async def replace_programme(
    session: AsyncSession, principal: Principal, event: Event, items: list[ProgrammeItemIn]
) -> None:
    """Make the stored programme exactly `items`; an item given with its id stays that item."""
    existing = set(
        await session.exec(select(ProgrammeItem.id).where(ProgrammeItem.event_id == event.id))
    )
    unknown = sorted(i for i in _given_ids(items) if i not in existing)
    if unknown:
        raise Invalid(f"Programme items {unknown} do not belong to this event")
    await _clear(session, event, existing)
    await _add_items(session, principal, event, items, parent_id=None)


def _given_ids(items: list[ProgrammeItemIn]) -> list[int]:
    ids = []
    for item in items:
        if item.id is not None:
            ids.append(item.id)
        ids.extend(_given_ids(item.items))
    return ids


async def _clear(session: AsyncSession, event: Event, item_ids: set[int | None]) -> None:
    ids = [i for i in item_ids if i is not None]
    await session.exec(delete(ItemSpeaker).where(col(ItemSpeaker.item_id).in_(ids)))
    # Children first: an item's parent must outlive it.
    await session.exec(
        delete(ProgrammeItem).where(
            col(ProgrammeItem.event_id) == event.id, col(ProgrammeItem.parent_id).is_not(None)
        )
    )
    await session.exec(delete(ProgrammeItem).where(col(ProgrammeItem.event_id) == event.id))
    # Bulk deletes bypass the identity map; forget the old rows so ids can be reused.
    for row in list(session.sync_session.identity_map.values()):
        if isinstance(row, ProgrammeItem | ItemSpeaker):
            session.expunge(row)


async def _add_items(
    session: AsyncSession,
    principal: Principal,
    event: Event,
    items: list[ProgrammeItemIn],
    *,
    parent_id: int | None,
) -> None:
    for sort, entry in enumerate(items):
        item = ProgrammeItem(
            id=entry.id,
            event_id=event.id,
            parent_id=parent_id,
            sort=sort,
            kind=entry.kind,
            title=entry.title,
            description=entry.description,
            room=entry.room,
            starts_at=maybe_utc(entry.starts_at, event.timezone),
            ends_at=maybe_utc(entry.ends_at, event.timezone),
        )
        session.add(item)
        await session.flush()
        await _link_speakers(session, principal, item, entry)
        await _add_items(session, principal, event, entry.items, parent_id=item.id)


async def _link_speakers(
    session: AsyncSession, principal: Principal, item: ProgrammeItem, entry: ProgrammeItemIn
) -> None:
    assert item.id is not None
    linked: set[int] = set()
    for sort, person in enumerate(entry.speakers):
        speaker = await resolve_item_speaker(session, principal, person)
        assert speaker.id is not None
        if speaker.id not in linked:  # the same person twice on one item is one appearance
            linked.add(speaker.id)
            session.add(
                ItemSpeaker(item_id=item.id, speaker_id=speaker.id, role=person.role, sort=sort)
            )
