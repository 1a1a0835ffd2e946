"""Materials of programme items and their recordings' links: attached and removed by editors
(a PDF, type-checked and size-limited), served to anyone once the event is public. A public
event gets a quiet revision for each change (participants are not mailed: the thanks email
and the page carry the materials), made from the published snapshot, so that edits saved
but not yet published stay unpublished."""

from datetime import UTC, datetime

from sqlalchemy import delete, insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.access import Action, Principal
from services.events.domain.changes import describe_changes
from services.events.domain.event_life import PUBLIC, EventAction
from services.events.domain.materials import check_pdf, safe_filename, with_materials
from services.events.storage.tables import MATERIAL, Event, ProgrammeItem
from services.events.usecases.editing import get_own_event, step
from services.events.usecases.reading import materials_by_item, published_snapshot
from services.events.usecases.revising import SOURCE, next_revision, record
from shared.errors import NotFound
from shared.outbox import add_to_outbox

TITLE_MAX = 200


async def attach(
    session: AsyncSession,
    principal: Principal,
    *,
    event_id: str,
    item_id: int,
    title: str,
    filename: str,
    content: bytes,
    max_bytes: int,
    events_url: str,
) -> None:
    """Attach a PDF to an item (MaterialRefused: not a PDF, empty, too big)."""
    principal.require(Action.EDIT)
    event = await get_own_event(session, principal, event_id)
    item = await _item_of(session, event, item_id)
    check_pdf(filename, content, max_bytes=max_bytes)
    named = safe_filename(filename)
    await session.exec(
        insert(MATERIAL).values(
            event_id=event.id,
            item_id=item_id,
            title=(" ".join(title.split()) or item.title or named)[:TITLE_MAX],
            filename=named,
            size=len(content),
            content=content,
        )
    )
    await _republish(session, principal, event, events_url=events_url)
    await session.commit()


async def remove(
    session: AsyncSession,
    principal: Principal,
    *,
    event_id: str,
    material_id: int,
    events_url: str,
) -> None:
    principal.require(Action.EDIT)
    event = await get_own_event(session, principal, event_id)
    removed = await session.exec(
        delete(MATERIAL).where(MATERIAL.c.id == material_id, MATERIAL.c.event_id == event.id)
    )
    if not removed.rowcount:
        raise NotFound("No such material at this event")
    await _republish(session, principal, event, events_url=events_url)
    await session.commit()


async def set_recording(
    session: AsyncSession,
    principal: Principal,
    *,
    event_id: str,
    item_id: int,
    url: str | None,
    events_url: str,
) -> None:
    """The item's recording link (None: none), shown with its materials."""
    principal.require(Action.EDIT)
    event = await get_own_event(session, principal, event_id)
    item = await _item_of(session, event, item_id)
    item.recording_url = url
    session.add(item)
    await session.flush()
    await _republish(session, principal, event, events_url=events_url)
    await session.commit()


async def of_item(session: AsyncSession, item_id: int) -> list[tuple[int, str, str, int]]:
    """(id, title, file name, size) of each of an item's materials, without their bytes."""
    rows = await session.exec(
        select(MATERIAL.c.id, MATERIAL.c.title, MATERIAL.c.filename, MATERIAL.c.size)
        .where(MATERIAL.c.item_id == item_id)
        .order_by(MATERIAL.c.id)
    )
    return [(i, title, name, size) for i, title, name, size in rows.all()]


async def public_file(session: AsyncSession, *, slug: str, material_id: int) -> tuple[str, bytes]:
    """A material of a public event, for anyone, as (file name, bytes); NotFound for a
    draft's, or none."""
    found = (
        await session.exec(
            select(MATERIAL.c.filename, MATERIAL.c.content)
            .join(Event, col(Event.id) == MATERIAL.c.event_id)
            .where(
                MATERIAL.c.id == material_id,
                Event.slug == slug,
                col(Event.status).in_([status.value for status in PUBLIC]),
            )
        )
    ).first()
    if found is None:
        raise NotFound("No such document")
    filename, content = found
    return filename, content


async def _item_of(session: AsyncSession, event: Event, item_id: int) -> ProgrammeItem:
    item = await session.get(ProgrammeItem, item_id)
    if item is None or item.event_id != event.id:
        raise NotFound("No such programme item at this event")
    return item


async def _republish(
    session: AsyncSession, principal: Principal, event: Event, *, events_url: str
) -> None:
    """A public event's published snapshot with the materials as they now are, as a quiet
    revision (refused, 409, for a cancelled event); nothing for a draft."""
    move = step(event, EventAction.ATTACH, datetime.now(UTC))
    if move.fact is None:
        return
    before = await published_snapshot(session, event, events_url=events_url)
    materials = await materials_by_item(session, event.id, before.page_url)
    items = await session.exec(
        select(ProgrammeItem.id, ProgrammeItem.recording_url).where(
            ProgrammeItem.event_id == event.id
        )
    )
    recordings = {int(i or 0): url for i, url in items.all()}
    after = with_materials(before, materials, recordings)
    changes, _ = describe_changes(before, after)
    if not changes:
        return
    snapshot = next_revision(event, after, relevant=False)
    record(session, event, snapshot, changes, False, principal.actor, notified=False)
    fact = move.emit(event=snapshot, changes=changes, calendar_relevant=False, notify=False)
    add_to_outbox(session, fact, source=SOURCE)
