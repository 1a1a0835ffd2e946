"""Reading events: snapshots built from rows, and the public views of published ones."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.events.domain.event_life import PUBLIC
from services.events.domain.materials import material_url
from services.events.storage.snapshots import build_snapshot
from services.events.storage.tables import (
    MATERIAL,
    Event,
    ItemSpeaker,
    Organization,
    ProgrammeItem,
    Speaker,
    Venue,
)
from shared.contracts import EventSnapshotV1, MaterialV1
from shared.errors import NotFound

PUBLIC_STATUSES = tuple(status.value for status in PUBLIC)


def page_url(events_url: str, slug: str) -> str:
    return f"{events_url}/events/{slug}"


async def build_from_rows(
    session: AsyncSession, event: Event, *, events_url: str
) -> EventSnapshotV1:
    """Read an event's rows and build its snapshot as it stands (no commit)."""
    organization = await session.get(Organization, event.organization_id)
    venue = await session.get(Venue, event.venue_id)
    assert organization is not None and venue is not None
    items = (
        await session.exec(select(ProgrammeItem).where(ProgrammeItem.event_id == event.id))
    ).all()
    links = await _links(session, items)
    speaker_ids = {link.speaker_id for link in links} | {event.moderator_id or 0}
    speakers = (await session.exec(select(Speaker).where(col(Speaker.id).in_(speaker_ids)))).all()
    return build_snapshot(
        event=event,
        organization=organization,
        venue=venue,
        items=items,
        links=links,
        speakers={s.id: s for s in speakers if s.id is not None},
        page_url=page_url(events_url, event.slug),
        materials=await materials_by_item(session, event.id, page_url(events_url, event.slug)),
    )


async def materials_by_item(
    session: AsyncSession, event_id: str, event_page: str
) -> dict[int, list[MaterialV1]]:
    """Each item's materials as the snapshot lists them, in upload order (bytes not read)."""
    rows = await session.exec(
        select(MATERIAL.c.id, MATERIAL.c.item_id, MATERIAL.c.title, MATERIAL.c.size)
        .where(MATERIAL.c.event_id == event_id)
        .order_by(MATERIAL.c.id)
    )
    found: dict[int, list[MaterialV1]] = defaultdict(list)
    for material_id, item_id, title, size in rows.all():
        url = material_url(event_page, material_id)
        found[item_id].append(MaterialV1(id=material_id, title=title, url=url, size=size))
    return found


async def _links(session: AsyncSession, items: Sequence[ProgrammeItem]) -> Sequence[ItemSpeaker]:
    ids = [item.id for item in items]
    return (await session.exec(select(ItemSpeaker).where(col(ItemSpeaker.item_id).in_(ids)))).all()


async def published_snapshot(
    session: AsyncSession, event: Event, *, events_url: str
) -> EventSnapshotV1:
    """The newest published revision, as readers and the bus saw it."""
    if event.published_snapshot:
        return EventSnapshotV1.model_validate_json(event.published_snapshot)
    return await build_from_rows(session, event, events_url=events_url)  # published before 0002


async def public_snapshot(*, session: AsyncSession, slug: str, events_url: str) -> EventSnapshotV1:
    """The public view of a published (or cancelled, or past) event; drafts stay hidden."""
    event = (await session.exec(select(Event).where(Event.slug == slug))).first()
    if event is None or event.status not in PUBLIC_STATUSES:
        raise NotFound("No event at this address")
    return await published_snapshot(session, event, events_url=events_url)


async def public_events(
    *,
    session: AsyncSession,
    now: datetime,
    events_url: str,
    when: Literal["upcoming", "past", "all"] = "upcoming",
    organizer: str | None = None,
    topic: str | None = None,
) -> list[EventSnapshotV1]:
    """Public events, upcoming soonest first or past latest first, optionally filtered."""
    query = select(Event).where(col(Event.status).in_(PUBLIC_STATUSES))
    if when == "upcoming":
        query = query.where(col(Event.ends_at) >= now).order_by(col(Event.starts_at))
    elif when == "past":
        query = query.where(col(Event.ends_at) < now).order_by(col(Event.starts_at).desc())
    else:
        query = query.order_by(col(Event.starts_at))
    if organizer:
        query = query.join(Organization).where(Organization.slug == organizer)
    events = (await session.exec(query)).all()
    snapshots = [await published_snapshot(session, e, events_url=events_url) for e in events]
    # The rows may hold saved edits not yet published: the published times decide.
    if when != "all":
        snapshots = [s for s in snapshots if (s.ends_at >= now) == (when == "upcoming")]
    snapshots.sort(key=lambda s: s.starts_at, reverse=when == "past")
    return [s for s in snapshots if topic is None or topic in s.topics]


async def organizers_with_events(*, session: AsyncSession) -> list[Organization]:
    """Organizations with at least one public event, for the list's filter."""
    query = (
        select(Organization)
        .where(
            col(Organization.id).in_(
                select(Event.organization_id).where(col(Event.status).in_(PUBLIC_STATUSES))
            )
        )
        .order_by(col(Organization.name))
    )
    return list((await session.exec(query)).all())
