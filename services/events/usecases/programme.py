"""Writing an event's programme: items keep their ids across edits, speakers come from the
organization's directory. Flushes, never commits: the calling use case does."""

from collections.abc import Callable

from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Principal
from services.events.domain.inputs import ProgrammeItemIn
from services.events.domain.times import maybe_utc
from services.events.storage.tables import MATERIAL, Event, ItemSpeaker, ProgrammeItem
from services.events.usecases.directory import resolve_item_speaker
from shared.errors import Invalid


async def replace_programme(
    session: AsyncSession,
    principal: Principal,
    event: Event,
    items: list[ProgrammeItemIn],
    *,
    restore: bool = False,
) -> None:
    """Make the stored programme exactly `items`: a given id updates that row in place, an
    item without one is added, rows not given are removed. Rows are never deleted and
    re-inserted, so SQLite cannot hand a kept item's id to a new one. `restore` (putting
    back a published programme) adds an item whose id is gone under that id again, if free."""
    rows = {
        row.id: row
        for row in (
            await session.exec(select(ProgrammeItem).where(ProgrammeItem.event_id == event.id))
        ).all()
    }
    given = _given_ids(items)
    unknown = sorted(i for i in given if i not in rows)
    if unknown and not restore:
        raise Invalid(f"Programme items {unknown} do not belong to this event")
    await session.exec(delete(ItemSpeaker).where(col(ItemSpeaker.item_id).in_(list(rows))))
    _forget(session, lambda row: isinstance(row, ItemSpeaker))  # links are re-added below
    free = {i for i in unknown if await session.get(ProgrammeItem, i) is None}
    await _write_items(session, principal, event, rows, items, parent_id=None, free=free)
    await _remove(session, [i for i in rows if i not in given])


def _given_ids(items: list[ProgrammeItemIn]) -> set[int]:
    ids = set()
    for item in items:
        if item.id is not None:
            ids.add(item.id)
        ids |= _given_ids(item.items)
    return ids


async def _write_items(
    session: AsyncSession,
    principal: Principal,
    event: Event,
    rows: dict[int | None, ProgrammeItem],
    items: list[ProgrammeItemIn],
    *,
    parent_id: int | None,
    free: set[int],
) -> None:
    for sort, entry in enumerate(items):
        row = rows.get(entry.id) if entry.id is not None else None
        again = entry.id if entry.id in free else None  # restored under its old id
        row = row or ProgrammeItem(id=again, event_id=event.id, sort=sort, kind="", title="")
        row.parent_id, row.sort, row.kind, row.title = parent_id, sort, entry.kind, entry.title
        row.description, row.room = entry.description, entry.room
        row.track, row.seats = entry.track, entry.seats
        row.starts_at = maybe_utc(entry.starts_at, event.timezone)
        row.ends_at = maybe_utc(entry.ends_at, event.timezone)
        session.add(row)
        await session.flush()
        await _link_speakers(session, principal, row, entry)
        await _write_items(
            session, principal, event, rows, entry.items, parent_id=row.id, free=free
        )


async def _remove(session: AsyncSession, item_ids: list[int | None]) -> None:
    ids = [i for i in item_ids if i is not None]
    if not ids:
        return
    # Detach first: a removed section may hold removed items, and parents must outlive children.
    await session.exec(
        update(ProgrammeItem).where(col(ProgrammeItem.id).in_(ids)).values(parent_id=None)
    )
    # An item's materials go with it: nothing would list them any more.
    await session.exec(delete(MATERIAL).where(MATERIAL.c.item_id.in_(ids)))
    await session.exec(delete(ProgrammeItem).where(col(ProgrammeItem.id).in_(ids)))
    _forget(session, lambda row: isinstance(row, ProgrammeItem) and row.id in ids)


def _forget(session: AsyncSession, which: Callable[[object], bool]) -> None:
    """Bulk deletes bypass the identity map: drop the deleted rows from it too."""
    for row in list(session.sync_session.identity_map.values()):
        if which(row):
            session.expunge(row)


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
